import { describe, expect, it } from "vitest";
import { createStandaloneTask } from "@/lib/tasks/create";
import { agentPrincipal } from "../helpers";
import { expectStatus, refundInput, type ApiResponse, type AuditEvent, type Page, type Run, type Task } from "./api";
import { newTeam, serverForFile } from "./fixtures";

/**
 * Cursor (keyset) pagination over HTTP: lists longer than one 200-item page, the contract's
 * orders (tasks oldest first, runs and audit newest first), and pages that stay exact while
 * rows are inserted between page requests.
 */
const ctx = serverForFile();

async function createTasks(team: Awaited<ReturnType<typeof newTeam>>, n: number, tag: string) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const task = await createStandaloneTask({
      principal: agentPrincipal(team),
      input: { kind: "approval", queue: "paging", title: `${tag} ${i}`, payload: { i } },
    });
    ids.push(task.id);
  }
  return ids;
}

/** Follows nextCursor page by page; `between` runs after each page (to insert rows mid-walk). */
async function walk<T extends { id: string }>(
  get: (q: string) => Promise<ApiResponse<Page<T>>>,
  query: Record<string, string>,
  between: (pageIndex: number) => Promise<void> = async () => {},
) {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) });
    const res = await get(`?${params}`);
    expectStatus(res, 200);
    pages.push(res.body.items);
    cursor = res.body.nextCursor;
    await between(pages.length - 1);
  } while (cursor);
  return pages;
}

describe("cursor pagination", () => {
  it("tasks: 450 pending tasks in three pages of 200/200/50, oldest first, each exactly once", async () => {
    const team = await newTeam(ctx.server);
    const ids = await createTasks(team, 450, "page");
    const pages = await walk<Task>((q) => team.api.get(`/tasks${q}`), { queue: "paging", limit: "200" });
    expect(pages.map((p) => p.length)).toEqual([200, 200, 50]);
    expect(pages.flat().map((t) => t.id)).toEqual(ids);
    expect(pages.flat().map((t) => t.title)).toEqual(ids.map((_, i) => `page ${i}`));
    // The default limit is 50; over 200 is refused.
    const first = await team.api.get<Page<Task>>("/tasks?queue=paging");
    expect(first.body.items.map((t) => t.id)).toEqual(ids.slice(0, 50));
    expect((await team.api.get("/tasks?queue=paging&limit=201")).status).toBe(400);
  });

  it("tasks stay exact under concurrent inserts: no item skipped or repeated, new ones only after the old ones", async () => {
    const team = await newTeam(ctx.server);
    const ids = await createTasks(team, 120, "old");
    const inserted: string[] = [];
    const pages = await walk<Task>(
      (q) => team.api.get(`/tasks${q}`),
      { queue: "paging", limit: "25" },
      async (i) => {
        if (i < 3) inserted.push(...(await createTasks(team, 10, `new-${i}`)));
      },
    );
    const seen = pages.flat().map((t) => t.id);
    expect(new Set(seen).size).toBe(seen.length);
    // Oldest first: every old task once, in order, then every new one (they sort after), in order.
    expect(seen).toEqual([...ids, ...inserted]);
  });

  it("runs: newest first across pages; runs started mid-walk never shift or repeat the pages", async () => {
    const team = await newTeam(ctx.server);
    const started: string[] = [];
    for (let i = 0; i < 23; i++) started.push((await team.api.startRun("refund", refundInput(100 + i))).id);
    const later: string[] = [];
    const pages = await walk<Run>(
      (q) => team.api.get(`/runs${q}`),
      { limit: "10", workflow: "refund" },
      async (i) => {
        if (i < 2) later.push((await team.api.startRun("refund", refundInput(300 + i))).id);
      },
    );
    expect(pages.map((p) => p.length)).toEqual([10, 10, 3]);
    // Newest first: the walk is exactly the runs that existed when it began, newest to oldest.
    expect(pages.flat().map((r) => r.id)).toEqual([...started].reverse());
    // A new walk starts with the runs started meanwhile.
    const fresh = await team.api.get<Page<Run>>("/runs?limit=2&workflow=refund");
    expect(fresh.body.items.map((r) => r.id)).toEqual([...later].reverse());
  });

  it("audit: newest first across pages, no event twice", async () => {
    const team = await newTeam(ctx.server);
    await createTasks(team, 30, "audited");
    const pages = await walk<AuditEvent>((q) => team.api.get(`/audit${q}`), { limit: "7" });
    const events = pages.flat();
    expect(events.length).toBeGreaterThanOrEqual(30);
    expect(pages.slice(0, -1).every((p) => p.length === 7)).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const ats = events.map((e) => Date.parse(e.at));
    expect(ats).toEqual([...ats].sort((a, b) => b - a));
    // One page with everything says the same, in the same order.
    const all = await team.api.get<Page<AuditEvent>>("/audit?limit=200");
    expect(all.body.items.map((e) => e.id)).toEqual(events.map((e) => e.id));
  });
});
