import { expect, test } from "./fixtures";
import { signIn } from "./support/sign-in";

/**
 * The useStream playground: LangGraph's React hook (@langchain/langgraph-sdk/react) in the
 * dashboard runs a workflow against /api/langgraph with the signed-in session, streams it to
 * its interrupt and answers it with command.resume, which goes through the resume route's service.
 */
test("a refund streamed with useStream pauses for approval, is approved and then edited on the page, and completes", async ({
  page,
  team,
  mailbox,
  api,
  saveScreenshot,
}) => {
  test.setTimeout(120_000);
  await signIn(page, { email: team.owner.email, mailbox });

  await test.step("open the playground from the workflow page and start a refund of 120", async () => {
    await page.goto("/workflows/refund");
    await page.getByRole("link", { name: "Try it with useStream" }).click();
    await expect(page).toHaveURL(/\/workflows\/refund\/playground$/);
    await page.getByLabel(/^Order id/).fill("ord_pg_1");
    await page.getByLabel(/^Amount/).fill("120");
    await page.getByLabel(/^Currency/).fill("usd");
    await page.getByLabel(/^Reason/).fill("Arrived broken");
    await page.getByLabel(/^Customer email/).fill("pat@example.com");
    await page.getByRole("button", { name: "Start with useStream" }).click();
  });

  const threadId = await test.step("the stream pauses at the approval: the interrupt is shown with its payload", async () => {
    const interrupt = page.getByRole("region", { name: "Interrupt" });
    await expect(interrupt).toBeVisible({ timeout: 30_000 });
    await expect(interrupt.getByRole("heading", { level: 2 })).toHaveText("Refund 120.00 USD for order ord_pg_1");
    await expect(page.getByRole("status", { name: "Thread status" })).toHaveText("Waiting for your decision");
    const id = (await page.getByTestId("thread-id").textContent())!.trim();
    const thread = await (await api.get(`/api/langgraph/threads/${id}`)).json();
    expect(thread).toMatchObject({ status: "interrupted", metadata: { graph_id: "refund" } });
    await saveScreenshot("langgraph-playground-interrupt");
    return id;
  });

  await test.step("approve: the run resumes and the streamed output shows the refund", async () => {
    await page.getByRole("region", { name: "Interrupt" }).getByRole("button", { name: "Approve" }).click();
    const output = page.getByRole("region", { name: "Output" });
    await expect(output).toContainText("refunded", { timeout: 30_000 });
    await expect(output).toContainText("120");
    await expect(page.getByRole("status", { name: "Thread status" })).toHaveText("Completed");
    await expect(page.getByRole("region", { name: "Interrupt" })).toBeHidden();
    const thread = await (await api.get(`/api/langgraph/threads/${threadId}`)).json();
    expect(thread).toMatchObject({ status: "idle", values: { output: { refunded: true, amount: 120 } } });
    // Decided through the resume route's service, by the signed-in user.
    const tasks = (await (await api.get(`/api/v1/tasks?runId=${thread.metadata.acl_run_id}`)).json()).items;
    expect(tasks[0].decision).toMatchObject({ action: "approve", actor: { type: "user", id: team.owner.id } });
    await saveScreenshot("langgraph-playground-completed");
  });

  await test.step("a new thread: the refund is edited down to 80 on the page", async () => {
    await page.getByRole("button", { name: "New thread" }).click();
    await page.getByLabel(/^Order id/).fill("ord_pg_2");
    await page.getByLabel(/^Amount/).fill("120");
    await page.getByLabel(/^Currency/).fill("usd");
    await page.getByLabel(/^Reason/).fill("Partly broken");
    await page.getByLabel(/^Customer email/).fill("pat@example.com");
    await page.getByRole("button", { name: "Start with useStream" }).click();
    const interrupt = page.getByRole("region", { name: "Interrupt" });
    await expect(interrupt.getByRole("heading", { level: 2 })).toHaveText("Refund 120.00 USD for order ord_pg_2", { timeout: 30_000 });
    await interrupt.getByRole("button", { name: "Edit" }).click();
    const edited = { orderId: "ord_pg_2", amount: 80, currency: "USD", reason: "Partly broken", customerEmail: "pat@example.com" };
    await interrupt.getByLabel("Edited payload (JSON)").fill(JSON.stringify(edited));
    await interrupt.getByRole("button", { name: "Send edit" }).click();
    await expect(page.getByRole("status", { name: "Thread status" })).toHaveText("Completed", { timeout: 30_000 });
    const id = (await page.getByTestId("thread-id").textContent())!.trim();
    expect(id).not.toBe(threadId);
    const thread = await (await api.get(`/api/langgraph/threads/${id}`)).json();
    expect(thread).toMatchObject({ status: "idle", values: { output: { refunded: true, amount: 80 } } });
  });
});
