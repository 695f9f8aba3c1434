import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";

/** Starts a run through the public API (as an agent would) and returns its id. */
export async function startRun(api: APIRequestContext, workflow: string, input: unknown): Promise<string> {
  const res = await api.post("/api/v1/runs", { data: { workflow, input } });
  expect(res.status(), await res.text()).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

export interface ApiTask {
  id: string;
  queue: string;
  kind: string;
  status: string;
  payload: Record<string, unknown>;
  decision: { action: string; comment?: string; response?: string; payload?: unknown } | null;
}

/** Waits until the run pauses and returns its pending tasks (oldest first). */
export async function pendingTasks(api: APIRequestContext, runId: string, count = 1): Promise<ApiTask[]> {
  let items: ApiTask[] = [];
  await expect
    .poll(
      async () => {
        await api.get(`/api/v1/runs/${runId}?wait=5`);
        const res = await api.get(`/api/v1/tasks?runId=${runId}&status=pending`);
        items = ((await res.json()) as { items: ApiTask[] }).items;
        return items.length;
      },
      { timeout: 60_000, intervals: [300, 500, 1000] },
    )
    .toBe(count);
  return items;
}

/** The run once it has finished (long-polls the API). */
export async function finishedRun(api: APIRequestContext, runId: string) {
  let run: { status: string; output: unknown } = { status: "", output: null };
  await expect
    .poll(
      async () => {
        run = (await (await api.get(`/api/v1/runs/${runId}?wait=10`)).json()) as typeof run;
        return run.status;
      },
      { timeout: 60_000, intervals: [200] },
    )
    .toBe("completed");
  return run;
}

/** Page object for /tasks/[id]. */
export class TaskPage {
  constructor(readonly page: Page) {}

  /** Opens the task and waits until its controls are hydrated (shortcuts work from then on). */
  async open(taskId: string, options: { edit?: boolean; interactive?: boolean } = {}) {
    await this.page.goto(`/tasks/${taskId}${options.edit ? "?edit=1" : ""}`);
    if (options.interactive !== false) await expect(this.workspace).toHaveAttribute("data-ready", "true");
  }

  get workspace(): Locator {
    return this.page.getByTestId("task-workspace");
  }
  get dialog(): Locator {
    return this.page.getByRole("dialog");
  }
  get decision(): Locator {
    return this.page.getByTestId("decision-summary");
  }
  button(name: string | RegExp): Locator {
    return this.page.getByRole("button", { name });
  }
}
