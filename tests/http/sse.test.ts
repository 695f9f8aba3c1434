import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { addMember } from "@/lib/teams";
import { TEST_ACTOR, uniqueEmail } from "../helpers";
import { Api, expectStatus, type Task } from "./api";
import { newTeam, serverForFile, waitUntil } from "./fixtures";
import { TestServer } from "./server";

/**
 * The dashboard's live stream (GET /api/events, server-sent events) is scoped by team and by
 * the queues the member may see, and works across instances: a task created through server A
 * reaches members connected to server B (Postgres LISTEN/NOTIFY).
 */
const a = serverForFile();
const b = {} as { server: TestServer };
beforeAll(async () => {
  b.server = await TestServer.start();
}, 90_000);
afterAll(async () => {
  await b.server?.stop();
}, 30_000);

interface LiveEvent {
  event: string;
  queues: string[];
  count: number;
}

async function sessionCookie(userId: string, teamSlug: string) {
  const token = randomUUID();
  await getDb()
    .insert(sessions)
    .values({ sessionToken: token, userId, expires: new Date(Date.now() + 3600_000) });
  return `authjs.session-token=${token}; acl_team=${teamSlug}`;
}

const streams: AbortController[] = [];
afterAll(() => streams.forEach((s) => s.abort()));

/** Opens the stream and collects its `task` events until the test ends. */
async function listen(server: { url: string }, cookie: string) {
  const abort = new AbortController();
  streams.push(abort);
  const res = await fetch(`${server.url}/api/events`, { headers: { cookie }, signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const events: LiveEvent[] = [];
  let connected = false;
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.includes(": connected")) connected = true;
          if (!block.includes("event: task")) continue;
          const data = block.split("\n").find((l) => l.startsWith("data: "));
          events.push(JSON.parse(data!.slice(6)) as LiveEvent);
        }
      }
    } catch {
      // aborted at the end of the test
    }
  })();
  await waitUntil(async () => connected, Boolean, { what: "the stream's first comment" });
  return events;
}

it("events reach only the member's team and the queues they may see, on any instance", async () => {
  const one = await newTeam(a.server);
  const two = await newTeam(a.server);
  const { user: reviewer } = await getDb().transaction((tx) =>
    addMember({ teamId: one.team.id, email: uniqueEmail("rev"), role: "reviewer", queues: ["support"], actor: TEST_ACTOR }, tx),
  );

  expect((await fetch(`${a.server.url}/api/events`)).status).toBe(401);
  const ownerOnA = await listen(a.server, await sessionCookie(one.owner.id, one.team.slug));
  const reviewerOnB = await listen(b.server, await sessionCookie(reviewer.id, one.team.slug));
  const otherTeamOnB = await listen(b.server, await sessionCookie(two.owner.id, two.team.slug));

  const create = async (api: typeof one.api, queue: string) => {
    const res = await api.post<Task>("/tasks", { kind: "approval", queue, title: `Live ${queue}`, payload: {} });
    expectStatus(res, 201);
    return res.body;
  };
  // All through server A. Notifications arrive in commit order, so once a later event is in,
  // an earlier one that was going to arrive has arrived.
  await create(one.api, "finance");
  const support = await create(one.api, "support");
  await create(two.api, "support");
  await waitUntil(
    async () => otherTeamOnB.length,
    (n) => n >= 1,
    { what: "team two's event on B" },
  );
  await waitUntil(
    async () => reviewerOnB.length,
    (n) => n >= 1,
    { what: "the reviewer's event on B" },
  );
  await waitUntil(
    async () => ownerOnA.length,
    (n) => n >= 2,
    { what: "the owner's events on A" },
  );

  expect(ownerOnA).toEqual([
    { event: "created", queues: ["finance"], count: 1 },
    { event: "created", queues: ["support"], count: 1 },
  ]);
  expect(reviewerOnB).toEqual([{ event: "created", queues: ["support"], count: 1 }]);
  expect(otherTeamOnB).toEqual([{ event: "created", queues: ["support"], count: 1 }]);

  // A decision on server B is announced on A too; team two hears nothing of it.
  const decided = await new Api(b.server, one.apiKey, one.deciderKey).resume(support.id, { action: "approve" });
  expectStatus(decided, 200);
  await create(two.api, "marker");
  await waitUntil(
    async () => otherTeamOnB.length,
    (n) => n >= 2,
    { what: "team two's marker" },
  );
  await waitUntil(
    async () => ownerOnA.length,
    (n) => n >= 3,
    { what: "the decision on A" },
  );
  await waitUntil(
    async () => reviewerOnB.length,
    (n) => n >= 2,
    { what: "the decision on B" },
  );
  expect(ownerOnA[2]).toEqual({ event: "decided", queues: ["support"], count: 1 });
  expect(reviewerOnB[1]).toEqual({ event: "decided", queues: ["support"], count: 1 });
  expect(otherTeamOnB).toEqual([
    { event: "created", queues: ["support"], count: 1 },
    { event: "created", queues: ["marker"], count: 1 },
  ]);
  expect(ownerOnA).toHaveLength(3);
  expect(reviewerOnB).toHaveLength(2);
});
