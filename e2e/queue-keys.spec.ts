import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test, uniqueSlug } from "./fixtures";
import { signIn } from "./support/sign-in";

/**
 * The queue page as a reviewer works it: j/k move, x selects, ? lists the keys, bulk reject with
 * a reason, filters kept in the URL (a reload or a shared link shows the same list), claim.
 */
interface Task {
  id: string;
  title: string;
  status: string;
  assignee: string | null;
  decision: { action: string; comment?: string } | null;
}

async function createTask(api: APIRequestContext, queue: string, kind: "approval" | "clarification", title: string) {
  const body =
    kind === "approval"
      ? { kind, queue, title, payload: { n: title } }
      : { kind, queue, title, payload: {}, question: `What about ${title}?` };
  const res = await api.post("/api/v1/tasks", { data: body });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as Task;
}

async function getTask(api: APIRequestContext, id: string) {
  return (await (await api.get(`/api/v1/tasks/${id}`)).json()) as Task;
}

const focusedTitle = (page: Page) => page.locator("li[data-focused] a").first();

test("j/k/x/? keys, bulk reject with a reason, filters in the URL, claim", async ({ page, api, team, mailbox }) => {
  test.setTimeout(480_000);
  const queue = uniqueSlug("keys").slice(0, 40);
  const tasks = [
    await createTask(api, queue, "approval", "Task one"),
    await createTask(api, queue, "approval", "Task two"),
    await createTask(api, queue, "approval", "Task three"),
    await createTask(api, queue, "clarification", "Task four"),
  ];
  await signIn(page, { email: team.owner.email, mailbox });
  await page.goto(`/queues/${queue}`);
  const rows = page.getByRole("list", { name: `Pending tasks in ${queue}` }).getByRole("listitem");
  await expect(rows).toHaveCount(4);
  // Oldest first.
  await expect(rows.getByRole("link")).toHaveText(["Task one", "Task two", "Task three", "Task four"]);

  await test.step("j and k move the cursor; x selects the task under it", async () => {
    await rows.first().focus();
    await expect(focusedTitle(page)).toHaveText("Task one");
    await page.keyboard.press("j");
    await expect(focusedTitle(page)).toHaveText("Task two");
    await page.keyboard.press("j");
    await expect(focusedTitle(page)).toHaveText("Task three");
    await page.keyboard.press("k");
    await expect(focusedTitle(page)).toHaveText("Task two");
    await page.keyboard.press("x");
    await expect(page.getByText("1 of 4 selected")).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "Select “Task two”" })).toBeChecked();
    await page.keyboard.press("j");
    await page.keyboard.press("x");
    await expect(page.getByText("2 of 4 selected")).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "Select “Task three”" })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "Select “Task one”" })).not.toBeChecked();
  });

  await test.step("? lists the shortcuts", async () => {
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    await expect(help.getByText("Next task")).toBeVisible();
    await expect(help.getByText("Select / deselect the task")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(help).toHaveCount(0);
    await expect(page.getByText("2 of 4 selected")).toBeVisible(); // the selection survives
  });

  await test.step("bulk reject needs a reason, then rejects exactly the selected two", async () => {
    await page
      .getByRole("region", { name: "Bulk actions" })
      .getByRole("button", { name: /^Reject 2/ })
      .click();
    const dialog = page.getByRole("dialog", { name: "Reject 2 tasks?" });
    await expect(dialog.getByTestId("decide-list").getByRole("listitem")).toHaveText([/Task two/, /Task three/]);
    await dialog.getByRole("button", { name: "Reject 2 tasks" }).click();
    await expect(dialog.getByRole("alert")).toHaveText("Give a reason: the agent and the audit log keep it.");
    await dialog.getByLabel("Reason (sent to the agent)").fill("Out of scope this week.");
    await dialog.getByRole("button", { name: "Reject 2 tasks" }).click();
    await expect(page.getByText("2 rejected")).toBeVisible({ timeout: 30_000 });
    await expect(rows).toHaveCount(2);
    await expect(rows.getByRole("link")).toHaveText(["Task one", "Task four"]);
    for (const t of [tasks[1]!, tasks[2]!]) {
      expect(await getTask(api, t.id)).toMatchObject({
        status: "decided",
        decision: { action: "reject", comment: "Out of scope this week." },
      });
    }
    for (const t of [tasks[0]!, tasks[3]!]) expect((await getTask(api, t.id)).status).toBe("pending");
  });

  await test.step("filters live in the URL: a reload and a typed link show the same list", async () => {
    await page.getByRole("combobox", { name: "Kind" }).click();
    await page.getByRole("option", { name: "Clarification" }).click();
    await expect(page).toHaveURL(/[?&]kind=clarification(&|$)/);
    await expect(rows.getByRole("link")).toHaveText(["Task four"]);
    await page.reload();
    await expect(rows.getByRole("link")).toHaveText(["Task four"]);
    await expect(page.getByRole("combobox", { name: "Kind" })).toContainText("Clarification");
    await page.goto(`/queues/${queue}?kind=approval`);
    await expect(rows.getByRole("link")).toHaveText(["Task one"]);
    // A click before the page has hydrated does nothing: press again until the filter is gone.
    await expect(async () => {
      await page.getByRole("button", { name: "Clear" }).click();
      await expect(page).not.toHaveURL(/kind=/, { timeout: 3_000 });
    }).toPass({ timeout: 60_000 });
    await expect(rows).toHaveCount(2);
  });

  await test.step("claim assigns the task to me; the assignee filter finds it", async () => {
    await page.getByRole("button", { name: "Unassigned. Assign “Task one”" }).click();
    await page.getByRole("menuitem", { name: "Claim (assign to me)" }).click();
    await expect(page.getByText(/^Assigned to /).first()).toBeVisible();
    await expect.poll(async () => (await getTask(api, tasks[0]!.id)).assignee).toBe(team.owner.id);
    await page.goto(`/queues/${queue}?assignee=me`);
    await expect(rows.getByRole("link")).toHaveText(["Task one"]);
    await page.goto(`/queues/${queue}?assignee=none`);
    await expect(rows.getByRole("link")).toHaveText(["Task four"]);
  });
});
