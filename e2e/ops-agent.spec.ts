import { expect, test } from "./fixtures";
import { signIn } from "./support/sign-in";
import { finishedRun, pendingTasks, startRun, TaskPage } from "./task-page/helpers";

const REQUEST = "Order 1042 arrived damaged. Please refund the customer and let them know.";

test("ops-agent: a reviewer edits the agent's refund call and approves its email; the agent continues with the edited result", async ({
  page,
  api,
  team,
  mailbox,
  saveScreenshot,
}) => {
  test.setTimeout(150_000);
  const runId = await startRun(api, "ops-agent", { request: REQUEST });
  const [refund] = await pendingTasks(api, runId);
  expect(refund!.queue).toBe("ops");

  await signIn(page, { email: team.owner.email, mailbox });
  const taskPage = new TaskPage(page);
  await taskPage.open(refund!.id);

  await test.step("the tool call reads as one: tool name, each argument with what it means", async () => {
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Refund 120.00 USD for order 1042.");
    const call = page.getByRole("article", { name: "Tool call issue_refund" });
    await expect(call.getByTestId("tool-name")).toHaveText("issue_refund");
    await expect(call.getByTestId("tool-arg-amount")).toHaveText("120");
    await expect(call.getByTestId("tool-arg-orderId")).toHaveText("1042");
    await expect(call.getByRole("term").filter({ hasText: "amount" })).toContainText("Amount to refund");
    await saveScreenshot("task-page-tool-call");
  });

  await test.step("edit the amount in the form generated from the tool's args schema; the diff shows 120 → 80", async () => {
    await page.keyboard.press("e");
    const amount = page.getByLabel(/^Amount/);
    await expect(amount).toHaveValue("120");
    await amount.fill("80");
    await taskPage.button("Review changes").click();
    const change = taskPage.dialog.getByTestId("diff-amount");
    await expect(change.getByRole("deletion")).toHaveText("120");
    await expect(change.getByRole("insertion")).toHaveText("80");
    await taskPage.dialog.getByRole("button", { name: "Send edit" }).click();
    await expect(taskPage.dialog).toBeHidden();
  });

  const [email] = await pendingTasks(api, runId);
  await test.step("the agent ran the refund with 80 and asks to email the customer about it", async () => {
    await taskPage.open(email!.id);
    const call = page.getByRole("article", { name: "Tool call send_email" });
    await expect(call.getByTestId("tool-arg-to")).toHaveText("sam@example.com");
    await expect(call.getByTestId("tool-arg-body")).toContainText("We have refunded 80.00 USD for your order 1042");
    await saveScreenshot("task-page-tool-call-email");
    await taskPage.button(/^Approve/).click();
    await expect(taskPage.dialog).toBeVisible();
    await page.keyboard.press("Enter");
  });

  await test.step("the run completes with the agent's report, and the runs list summarises it", async () => {
    const run = await finishedRun(api, runId);
    expect(run.output).toMatchObject({ reply: "Done: refunded and emailed sam@example.com." });
    await page.goto("/runs?workflow=ops-agent");
    const row = page.getByRole("link").filter({ hasText: "Ops agent" }).first();
    await expect(row.getByTestId("run-summary")).toHaveText("“Order 1042 arrived damaged. Please refund the customer and let them know.”");
  });

  await test.step("the run page shows the agent's reviews and its timeline (agent state as plain messages)", async () => {
    await page.goto(`/runs/${runId}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ops agent");
    await expect(page.getByText("This page could not be loaded")).toHaveCount(0);
    await expect(page.getByText("Refund 120.00 USD for order 1042.").first()).toBeVisible();
    await expect(page.getByText("Email sam@example.com: “Your refund for order 1042”.").first()).toBeVisible();
    await saveScreenshot("run-page-ops-agent");
  });
});
