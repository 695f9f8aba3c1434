import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { roleCan, type Permission } from "@/lib/access/permissions";
import { addMember } from "@/lib/teams";
import { newId } from "@/lib/ids";
import { createTestTeam, ROOT, TEST_ACTOR, uniqueEmail, type TestTeam } from "../helpers";
import { serverForFile, sql, waitUntil } from "./fixtures";

/**
 * The isolation matrix for server actions, through the real production server: every exported
 * server action is found in the code (files starting with "use server"), its Next-Action id in the
 * build's server-reference-manifest.json, and it is invoked over HTTP exactly as the browser does
 * (POST with the `Next-Action` header, a real Auth.js session cookie), so the session, the team
 * cookie, `teamAction`'s checks and the service's own scoping all take part. Callers:
 *  - another team's owner claiming this team (team cookie = this team's slug): every action refused;
 *  - another team's owner in their own team, with this team's ids: every action that takes an id refused;
 *  - a viewer of this team: every action whose permission a viewer lacks refused;
 *  - a reviewer limited to the `support` queue, on a run and tasks in `finance`: refused.
 * "Refused" = `{ok: false}` with forbidden / not_found (a bulk decision: nothing decided, each task
 * refused), and the database unchanged. Last, this team's owner sends the same inputs and is not
 * refused, which shows each input really reaches the service. An action with no entry in INPUTS
 * fails the test, so a new one cannot be forgotten.
 */

interface Ids {
  a: TestTeam;
  runId: string;
  taskId: string; // a pending refund task in `finance`
  standaloneId: string; // a pending standalone task in `finance`
  eventId: string;
  checkpointId: string;
  feedbackId: string;
  invitationId: string;
  viewerMembershipId: string;
  questionKey: string; // a pending clarification group (one task) in `finance`
  answerId: string; // a saved answer
  policyId: string; // a team policy in force
}

/** One input per action, built from this team's ids; `id: false` marks an action that takes no id. */
const INPUTS: Record<string, { input: (x: Ids) => unknown; id: boolean; queueScoped?: boolean; control?: false }> = {
  decideTaskAction: { input: (x) => ({ taskId: x.taskId, action: "approve" }), id: true, queueScoped: true },
  resendWebhookAction: { input: (x) => ({ taskId: x.standaloneId, eventId: x.eventId }), id: true, queueScoped: true },
  decideTasksAction: { input: (x) => ({ taskIds: [x.taskId, x.standaloneId], action: "approve" }), id: true, queueScoped: true },
  assignTaskAction: { input: (x) => ({ taskId: x.standaloneId, assigneeId: x.a.owner.id }), id: true, queueScoped: true },
  cancelRunAction: { input: (x) => ({ runId: x.runId }), id: true, queueScoped: true },
  loadTimelineStateAction: { input: (x) => ({ runId: x.runId, checkpointId: x.checkpointId }), id: true, queueScoped: true },
  setExampleStatusAction: { input: (x) => ({ feedbackId: x.feedbackId, status: "promoted" }), id: true },
  revokeApiKeyAction: { input: (x) => ({ keyId: x.a.apiKeyId }), id: true },
  revokeInvitationAction: { input: (x) => ({ invitationId: x.invitationId }), id: true },
  changeMemberRoleAction: { input: (x) => ({ membershipId: x.viewerMembershipId, role: "admin" }), id: true },
  removeMemberAction: { input: (x) => ({ membershipId: x.viewerMembershipId }), id: true },
  switchTeam: { input: (x) => ({ slug: x.a.team.slug }), id: true },
  startRunAction: {
    input: () => ({
      workflow: "refund",
      input: { orderId: "o-1", amount: 20, currency: "USD", reason: "r", customerEmail: "c@example.com" },
    }),
    id: false,
  },
  saveQueueAction: { input: () => ({ name: "finance", roles: ["owner"], mode: "update" }), id: false },
  setNotifyEmailAction: { input: () => ({ notifyEmail: false }), id: false },
  createApiKeyAction: { input: () => ({ name: "intruder", scopes: ["runs", "tasks"] }), id: false },
  inviteMemberAction: { input: () => ({ email: "intruder@example.com", role: "admin" }), id: false },
  revealWebhookSecretAction: { input: () => ({}), id: false },
  rotateWebhookSecretAction: { input: () => ({}), id: false },
  createTeamAction: { input: () => ({ name: "Own team", slug: `own-${Date.now().toString(36)}` }), id: false },
  setNotificationPreferencesAction: { input: () => ({ mode: "digest", digestMinutes: 60 }), id: false },
  answerQuestionGroupAction: {
    input: (x) => ({ workflow: "support-triage", questionKey: x.questionKey, response: "Yes, go ahead." }),
    id: true,
  },
  setAutoApplyAction: { input: (x) => ({ answerId: x.answerId, auto: true }), id: true },
  revokeAnswerAction: { input: (x) => ({ answerId: x.answerId }), id: true },
  revertPolicyAction: { input: (x) => ({ policyId: x.policyId }), id: true },
  // Its input names a gate with 200 recent unchanged approvals; the owner's path (a suggestion
  // turned into a policy) is tested in tests/integration/policies.test.ts, so no control call here.
  createPolicyFromSuggestionAction: {
    input: () => ({ workflow: "refund", queue: "finance", title: "Approve refund" }),
    id: false,
    control: false,
  },
};
/** Not callable as actions with a team's data: each with why (the static test in tests/integration/isolation-matrix.test.ts lists the same). */
const NOT_TEAM_DATA = new Set(["signInWithEmail", "signInWithGitHub", "signOutAction", "createTeamFormAction"]);
/** Exported but referenced by no client component, so the build exposes no endpoint for it: each with why. */
const NOT_EXPOSED = new Map([["createTeamAction", "called only on the server, by createTeamFormAction"]]);
/** userAction: acts on the signed-in user, never on a team the cookie names. */
const USER_ACTIONS = new Set(["switchTeam", "createTeamAction"]);

interface Action {
  name: string;
  file: string;
  id: string;
  page: string;
  permission: Permission | null;
}

function actionFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return actionFiles(full);
    return /\.tsx?$/.test(e.name) && /^\s*["']use server["']/.test(fs.readFileSync(full, "utf8")) ? [full] : [];
  });
}

/** Every exported action from the code, with its id and a page that serves it from the build. */
function findActions(): Action[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  const out: Action[] = [];
  for (const file of actionFiles(path.join(ROOT, "app"))) {
    const rel = path.relative(ROOT, file);
    const source = fs.readFileSync(file, "utf8");
    for (const m of source.matchAll(/^export\s+(?:const\s+(\w+)\s*=\s*([\s\S]*?)\(\s*(null|"([\w.]+)")?|async\s+function\s+(\w+))/gm)) {
      const name = (m[1] ?? m[5])!;
      if (NOT_TEAM_DATA.has(name)) continue;
      const entry = Object.entries(manifest.node).find(([, v]) => v.filename === rel && v.exportedName === name);
      if (!entry && NOT_EXPOSED.has(name)) continue;
      expect(entry, `${rel}: ${name} is not in the build's server-reference-manifest (rebuild?)`).toBeDefined();
      const worker = Object.keys(entry![1].workers)[0]!;
      const page =
        worker
          .replace(/^app/, "")
          .replace(/\/\([^)]+\)/g, "")
          .replace(/\/page$/, "")
          .replace(/\[[^\]]+\]/g, "x") || "/";
      out.push({
        name,
        file: rel,
        id: entry![0],
        page,
        permission: m[2]?.trim() === "teamAction" ? ((m[4] as Permission | undefined) ?? null) : null,
      });
    }
  }
  return out;
}

const ctx = serverForFile();
let x: Ids;
let b: TestTeam;
let actions: Action[];
const cookies: Record<"claimA" | "ownB" | "viewer" | "limited" | "ownerA", string> = {} as never;

async function session(userId: string, slug: string) {
  const token = randomBytes(24).toString("hex");
  await sql(`insert into sessions (session_token, user_id, expires) values ($1, $2, now() + interval '1 day')`, [token, userId]);
  return `authjs.session-token=${token}; acl_team=${slug}`;
}

type Result = { ok: true; data: any } | { ok: false; error: { code: string; message: string } };

/** Invokes a server action as the browser does and reads its return value from the RSC answer. */
async function invoke(action: Action, cookie: string, input: unknown): Promise<Result> {
  const res = await fetch(`${ctx.server.url}${action.page}`, {
    method: "POST",
    headers: {
      "next-action": action.id,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: ctx.server.url,
      cookie,
    },
    body: JSON.stringify([input]),
    redirect: "manual",
  });
  const text = await res.text();
  expect(res.status, `${action.name}: HTTP ${res.status} ${text.slice(0, 500)}`).toBeLessThan(500);
  for (const line of text.split("\n")) {
    const json = line.replace(/^[0-9a-f]+:/, "");
    try {
      const value = JSON.parse(json) as Result;
      if (value && typeof value === "object" && "ok" in value) return value;
    } catch {
      // not this row
    }
  }
  throw new Error(`${action.name}: no action result in ${res.status} ${text.slice(0, 500)}`);
}

/** Everything of team A that an action could change. */
async function fingerprint(teamId = x.a.team.id) {
  const [row] = await sql(
    `select
    (select count(*) from runs where team_id = $1) runs, (select count(*) from runs where team_id = $1 and status = 'cancelled') cancelled,
    (select count(*) from tasks where team_id = $1 and status = 'pending') pending,
    (select count(*) from tasks where team_id = $1 and assignee_id is not null) assigned,
    (select count(*) from audit_events where team_id = $1) audit,
    (select count(*) from api_keys where team_id = $1 and revoked_at is null) keys,
    (select string_agg(role || coalesce(array_to_string(queues, '|'), '*') || notify_email::text, ',' order by id) from memberships where team_id = $1) members,
    (select string_agg(coalesce(revoked_at::text, '-'), ',' order by id) from invitations where team_id = $1) invitations,
    (select string_agg(name || array_to_string(roles, '|'), ',' order by id) from queues where team_id = $1) queues,
    (select string_agg(example_status, ',' order by id) from feedback where team_id = $1) examples,
    (select string_agg(secret_encrypted, ',') from webhook_secrets where team_id = $1) secrets,
    (select string_agg(status || attempts::text, ',' order by id) from webhook_deliveries where team_id = $1) deliveries,
    (select string_agg(id || status, ',' order by id) from tasks where team_id = $1) tasks,
    (select string_agg(auto::text || coalesce(revoked_at::text, '-'), ',' order by id) from saved_answers where team_id = $1) answers,
    (select string_agg(coalesce(revoked_at::text, '-'), ',' order by id) from policies where team_id = $1) policies`,
    [teamId],
  );
  return row;
}

const refused = (r: Result) =>
  r.ok
    ? // A bulk decision answers per task: refused means nothing decided and every task refused.
      Array.isArray(r.data?.decided) &&
      r.data.decided.length === 0 &&
      r.data.failed.every((f: { code: string }) => ["not_found", "forbidden"].includes(f.code))
    : ["not_found", "forbidden"].includes(r.error.code);

beforeAll(async () => {
  actions = findActions();
  const a = await createTestTeam();
  b = await createTestTeam();
  // A real run, paused on a finance approval (amount over 500), so its timeline has checkpoints.
  const started = await fetch(`${ctx.server.url}/api/v1/runs`, {
    method: "POST",
    headers: { authorization: `Bearer ${a.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      workflow: "refund",
      input: { orderId: "o-9", amount: 900, currency: "USD", reason: "r", customerEmail: "c@example.com" },
    }),
  });
  expect(started.status).toBe(202);
  const runId = ((await started.json()) as { id: string }).id;
  const [task] = await waitUntil(
    () => sql<{ id: string; queue: string }>(`select id, queue from tasks where run_id = $1 and status = 'pending'`, [runId]),
    (rows) => rows.length === 1,
    { timeoutMs: 60_000 },
  );
  expect(task!.queue).toBe("finance");
  const [checkpoint] = await sql<{ checkpoint_id: string }>(
    `select checkpoint_id from langgraph.checkpoints where thread_id = $1 limit 1`,
    [runId],
  );
  const standalone = await fetch(`${ctx.server.url}/api/v1/tasks`, {
    method: "POST",
    headers: { authorization: `Bearer ${a.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ kind: "approval", queue: "finance", title: "Pay invoice", payload: { n: 1 } }),
  });
  expect(standalone.status).toBe(201);
  const standaloneId = ((await standalone.json()) as { id: string }).id;
  const eventId = newId("whevt");
  await sql(
    `insert into webhook_deliveries (id, team_id, task_id, type, url, body, status) values ($1, $2, $3, 'task.decided', 'https://example.com/h', '{}', 'failed')`,
    [eventId, a.team.id, standaloneId],
  );
  const feedbackId = newId("fb");
  await sql(
    `insert into feedback (id, team_id, task_id, workflow, original, edited, diff) values ($1, $2, $3, 'refund', '{}', '{}', '[]')`,
    [feedbackId, a.team.id, task!.id],
  );
  const invitationId = newId("inv");
  await sql(`insert into invitations (id, team_id, email, role, invited_by) values ($1, $2, 'guest@example.com', 'viewer', $3)`, [
    invitationId,
    a.team.id,
    a.owner.id,
  ]);
  // A waiting clarification (a question group of one), a saved answer and a team policy, for the
  // reusable-answer and policy actions.
  const questionKey = randomBytes(16).toString("hex");
  await sql(
    `insert into tasks (id, team_id, run_id, interrupt_id, workflow, kind, queue, title, payload, allowed, question, question_key)
     values ($1, $2, $3, 'test-question', 'support-triage', 'clarification', 'finance', 'A question', '{}', '{respond}', 'Refund it?', $4)`,
    [newId("task"), a.team.id, runId, questionKey],
  );
  const answerId = newId("ans");
  await sql(
    `insert into saved_answers (id, team_id, workflow, queue, question_key, question, response, created_by)
     values ($1, $2, 'support-triage', 'finance', $3, 'Refund it?', 'Yes', '{"type":"system","id":"test"}')`,
    [answerId, a.team.id, questionKey],
  );
  const policyId = newId("pol");
  await sql(
    `insert into policies (id, team_id, workflow, queue, title, rule, action, source, created_by)
     values ($1, $2, 'refund', 'finance', 'Approve refund', '{"<=": [{"var": "amount"}, 1]}', 'approve', 'manual', '{"type":"system","id":"test"}')`,
    [policyId, a.team.id],
  );
  const viewer = await addMember({ teamId: a.team.id, email: uniqueEmail("viewer"), role: "viewer", actor: TEST_ACTOR });
  const limited = await addMember({
    teamId: a.team.id,
    email: uniqueEmail("limited"),
    role: "reviewer",
    queues: ["support"],
    actor: TEST_ACTOR,
  });
  x = {
    a,
    runId,
    taskId: task!.id,
    standaloneId,
    eventId,
    checkpointId: checkpoint!.checkpoint_id,
    feedbackId,
    invitationId,
    viewerMembershipId: viewer.membership.id,
    questionKey,
    answerId,
    policyId,
  };
  cookies.claimA = await session(b.owner.id, a.team.slug);
  cookies.ownB = await session(b.owner.id, b.team.slug);
  cookies.viewer = await session(viewer.user.id, a.team.slug);
  cookies.limited = await session(limited.user.id, a.team.slug);
  cookies.ownerA = await session(a.owner.id, a.team.slug);
}, 120_000);

describe("server actions over HTTP: tenancy, role and queue isolation", () => {
  it("every exported action is found in the build and has an input here", () => {
    expect(actions.length).toBeGreaterThanOrEqual(18);
    for (const action of actions) expect(INPUTS[action.name], `${action.file}: ${action.name} has no entry in INPUTS`).toBeDefined();
  });

  it("another team's owner naming this team in the team cookie acts in their own team only: this team unchanged", async () => {
    const before = await fingerprint();
    for (const action of actions.filter((a) => !USER_ACTIONS.has(a.name))) {
      const r = await invoke(action, cookies.claimA, INPUTS[action.name]!.input(x));
      // The cookie names a team the user is not a member of: it is ignored (their own team is
      // current), so an action on this team's ids is refused and one without ids lands in team B.
      if (INPUTS[action.name]!.id) expect(refused(r), `${action.name} claiming this team: ${JSON.stringify(r)}`).toBe(true);
    }
    expect(await fingerprint()).toEqual(before);
    const [intruder] = await sql<{ team_id: string }>(`select team_id from api_keys where name = 'intruder'`);
    expect(intruder?.team_id, "createApiKeyAction made its key in the caller's own team").toBe(b.team.id);
  });

  it("another team's owner in their own team, with this team's ids → not_found/forbidden, the database unchanged", async () => {
    const before = await fingerprint();
    for (const action of actions.filter((a) => INPUTS[a.name]!.id)) {
      const r = await invoke(action, cookies.ownB, INPUTS[action.name]!.input(x));
      expect(refused(r), `${action.name} as another team's owner: ${JSON.stringify(r)}`).toBe(true);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("a viewer → every action a viewer's role lacks is forbidden, the database unchanged", async () => {
    const before = await fingerprint();
    const writes = actions.filter((a) => a.permission && !roleCan("viewer", a.permission));
    expect(writes.length).toBeGreaterThanOrEqual(15);
    for (const action of writes) {
      const r = await invoke(action, cookies.viewer, INPUTS[action.name]!.input(x));
      expect(r, `${action.name} as a viewer`).toMatchObject({ ok: false, error: { code: "forbidden" } });
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("a reviewer limited to `support`, on a run and tasks in `finance` → refused, the database unchanged", async () => {
    const before = await fingerprint();
    const scoped = actions.filter((a) => INPUTS[a.name]!.queueScoped);
    expect(scoped.length).toBe(6);
    for (const action of scoped) {
      const r = await invoke(action, cookies.limited, INPUTS[action.name]!.input(x));
      expect(refused(r), `${action.name} as a reviewer limited to support: ${JSON.stringify(r)}`).toBe(true);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("this team's owner with the same inputs is not refused (the inputs reach the services)", async () => {
    // Order matters only for the member: change its role before removing it.
    for (const action of actions.filter((a) => a.name !== "switchTeam" && INPUTS[a.name]!.control !== false)) {
      const r = await invoke(action, cookies.ownerA, INPUTS[action.name]!.input(x));
      expect(
        r.ok === true || !["not_found", "forbidden", "invalid_request", "unauthenticated"].includes(r.error.code),
        `${action.name}: ${JSON.stringify(r)}`,
      ).toBe(true);
      if (r.ok && Array.isArray(r.data?.decided)) expect(r.data.decided.length, action.name).toBeGreaterThan(0);
    }
  });
});
