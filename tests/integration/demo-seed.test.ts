import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { runs, tasks } from "@/db/schema";
import { WORKFLOWS } from "@/lib/workflows";
import { runCli, uniqueEmail, uniqueSlug } from "../helpers";

type Seeded = { agentKey: { id: string; name: string; scopes: string[] }; runs: Array<{ id: string; workflow: string; status: string }> };

describe("cli demo:seed (real subprocess against the test database)", { timeout: 240_000 }, () => {
  it("starts runs of every built-in workflow and returns once they wait for review", async () => {
    const slug = uniqueSlug("demo");
    const created = await runCli(["team:create", "--slug", slug, "--owner", uniqueEmail()]);
    expect(created.code, created.stderr).toBe(0);
    const teamId = created.json<{ team: { id: string } }>().team.id;

    const result = await runCli(["demo:seed", "--team", slug]);
    expect(result.code, result.stderr).toBe(0);
    const out = result.json<Seeded>();

    expect(out.runs.length).toBeGreaterThanOrEqual(Object.keys(WORKFLOWS).length);
    expect(new Set(out.runs.map((r) => r.workflow))).toEqual(new Set(Object.keys(WORKFLOWS)));
    for (const run of out.runs) {
      expect(run.id).toMatch(/^run_/);
      // Settled: every run paused at an interrupt or finished without one (a small refund).
      expect(["waiting", "completed"], `${run.workflow} ${run.id}`).toContain(run.status);
    }
    expect(out.runs.filter((r) => r.status === "waiting").length).toBeGreaterThanOrEqual(Object.keys(WORKFLOWS).length);

    // What was printed is what the database holds, in this team only.
    // (Runs the client started: email-outreach's drafts are child runs, each with its parent's id.)
    const all = await getDb().select().from(runs).where(eq(runs.teamId, teamId));
    const rows = all.filter((r) => r.parentRunId === null);
    for (const child of all.filter((r) => r.parentRunId !== null)) expect(rows.map((r) => r.id)).toContain(child.parentRunId);
    expect(rows.map((r) => r.id).sort()).toEqual(out.runs.map((r) => r.id).sort());
    for (const row of rows) expect(row.status).toBe(out.runs.find((r) => r.id === row.id)!.status);

    // Each waiting run has pending review tasks, spread over the built-in queues.
    const pending = await getDb()
      .select({ runId: tasks.runId, queue: tasks.queue, status: tasks.status })
      .from(tasks)
      .where(
        inArray(
          tasks.runId,
          out.runs.map((r) => r.id),
        ),
      );
    for (const run of out.runs.filter((r) => r.status === "waiting")) {
      expect(
        pending.some((t) => t.runId === run.id && t.status === "pending"),
        run.workflow,
      ).toBe(true);
    }
    expect(new Set(pending.map((t) => t.queue))).toEqual(new Set(["outreach", "support", "finance", "content", "ops"]));

    // Requested by the demo agent's key (runs, tasks: it cannot decide), so members review them.
    expect(out.agentKey).toMatchObject({ name: "demo-agent", scopes: ["runs", "tasks"] });
    for (const row of rows) expect(row.createdBy).toEqual({ type: "api_key", id: out.agentKey.id });
    const requested = await getDb()
      .select({ requestedBy: tasks.requestedBy })
      .from(tasks)
      .where(
        inArray(
          tasks.runId,
          out.runs.map((r) => r.id),
        ),
      );
    expect(requested.length).toBeGreaterThan(0);
    for (const t of requested) expect(t.requestedBy).toEqual({ type: "api_key", id: out.agentKey.id });
  });

  it("fails clearly for an unknown team or a missing flag", async () => {
    const unknown = await runCli(["demo:seed", "--team", uniqueSlug("nobody")]);
    expect(unknown.stdout).toBe("");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error: No team with slug/);

    const missing = await runCli(["demo:seed"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing required flag --team/);
    expect(missing.stderr).toContain("usage: npm run cli -- demo:seed --team S");
  });

  it("is listed in the help", async () => {
    const help = await runCli(["help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("demo:seed");
  });
});
