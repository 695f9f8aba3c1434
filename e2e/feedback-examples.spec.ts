import { expect, test } from "./fixtures";
import { expectNoA11yViolationsInThemes } from "./support/a11y";
import { signIn } from "./support/sign-in";
import { finishedRun, pendingTasks, startRun } from "./task-page/helpers";

interface FeedbackItem {
  id: string;
  exampleStatus: string;
  comment: string | null;
}

test("a reviewer promotes an edit on the workflow's examples page; the next draft uses it; the change is audited", async ({
  page,
  api,
  team,
  mailbox,
  saveScreenshot,
}) => {
  test.setTimeout(150_000);
  const runId = await startRun(api, "content-draft", { topic: "Queues that stay short" });
  const [task] = await pendingTasks(api, runId);
  const markdown = "# Queues that stay short\n\nAn editor's version: concrete and brief.\n";
  const decided = await api.post(`/api/v1/tasks/${task!.id}/resume`, {
    data: { action: "edit", payload: { ...task!.payload, markdown }, comment: "Shorter, please" },
  });
  expect(decided.status(), await decided.text()).toBe(200);
  await finishedRun(api, runId);
  const [item] = ((await (await api.get("/api/v1/feedback?workflow=content-draft")).json()) as { items: FeedbackItem[] }).items;
  expect(item).toMatchObject({ exampleStatus: "candidate", comment: "Shorter, please" });

  await signIn(page, { email: team.owner.email, mailbox });
  await page.goto("/workflows/content-draft/examples");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Content draft: examples");
  const edit = page.getByRole("article", { name: `Edit of task ${task!.id}` });
  await expect(edit).toContainText("Shorter, please");
  await expect(edit.getByTestId("example-status")).toHaveText("Not reviewed");
  await expectNoA11yViolationsInThemes(page, { context: "workflow examples" });

  await edit.getByRole("button", { name: "Promote" }).click();
  await expect(edit.getByTestId("example-status")).toHaveText("Promoted");
  await expect(edit.getByRole("button", { name: "Promote" })).toHaveCount(0);
  await saveScreenshot("workflow-examples");
  const promoted = ((await (await api.get("/api/v1/feedback?exampleStatus=promoted")).json()) as { items: FeedbackItem[] }).items;
  expect(promoted.map((f) => f.id)).toEqual([item!.id]);
  const audit = (await (await api.get(`/api/v1/audit?subjectId=${item!.id}`)).json()) as {
    items: Array<{ action: string; actor: { type: string } }>;
  };
  expect(audit.items).toEqual([expect.objectContaining({ action: "feedback.promoted", actor: expect.objectContaining({ type: "user" }) })]);

  // The next draft of the workflow is written with the promoted example.
  const next = await startRun(api, "content-draft", { topic: "Escalations" });
  const [nextTask] = await pendingTasks(api, next);
  expect(String(nextTask!.payload.markdown)).toContain("“Queues that stay short”");

  // The export links download the curated examples as JSONL.
  const href = await page.getByRole("link", { name: "OpenAI fine-tuning JSONL" }).getAttribute("href");
  const exported = await page.request.get(href!);
  expect(exported.status()).toBe(200);
  const lines = (await exported.text()).split("\n").filter(Boolean);
  expect(lines.map((l) => Object.keys(JSON.parse(l) as object))).toEqual([["messages"]]);
});
