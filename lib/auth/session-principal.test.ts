import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { sessions } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { addMember, upsertUserByEmail } from "@/lib/teams";
import { TEST_ACTOR, createTestTeam, uniqueEmail } from "../../tests/helpers";
import { getSessionPrincipal, isSameOriginRequest } from "./session-principal";

const BASE = "http://acl.test";

function request(path: string, init: { method?: string; headers?: Record<string, string>; token?: string; team?: string } = {}) {
  const cookies = [init.token && `authjs.session-token=${init.token}`, init.team && `acl_team=${init.team}`].filter(Boolean);
  return new NextRequest(`${BASE}${path}`, {
    method: init.method ?? "GET",
    headers: { host: "acl.test", ...(cookies.length ? { cookie: cookies.join("; ") } : {}), ...init.headers },
  });
}

async function sessionFor(userId: string, expires = new Date(Date.now() + 3600_000)) {
  const token = randomUUID();
  await getDb().insert(sessions).values({ sessionToken: token, userId, expires });
  return token;
}

describe("isSameOriginRequest", () => {
  it("accepts same-origin fetches and refuses cross-site writes", () => {
    expect(isSameOriginRequest(request("/api/v1/tasks", { method: "POST", headers: { "sec-fetch-site": "same-origin" } }))).toBe(true);
    expect(isSameOriginRequest(request("/api/v1/tasks", { method: "POST", headers: { "sec-fetch-site": "cross-site" } }))).toBe(false);
    expect(isSameOriginRequest(request("/api/v1/tasks", { method: "POST", headers: { "sec-fetch-site": "same-site" } }))).toBe(false);
    expect(isSameOriginRequest(request("/api/v1/tasks", { method: "POST", headers: { origin: "http://acl.test" } }))).toBe(true);
    expect(isSameOriginRequest(request("/api/v1/tasks", { method: "POST", headers: { origin: "https://evil.example" } }))).toBe(false);
    expect(isSameOriginRequest(request("/api/v1/tasks", { method: "POST" }))).toBe(false);
  });

  it("allows reads typed into the address bar", () => {
    expect(isSameOriginRequest(request("/api/v1/runs", { headers: { "sec-fetch-site": "none" } }))).toBe(true);
    expect(isSameOriginRequest(request("/api/v1/runs"))).toBe(true);
    expect(isSameOriginRequest(request("/api/v1/runs", { headers: { "sec-fetch-site": "cross-site" } }))).toBe(false);
  });
});

describe("getSessionPrincipal", () => {
  it("resolves the session's user in the team named by the acl_team cookie, else their first team", async () => {
    const first = await createTestTeam();
    const second = await createTestTeam();
    await addMember({
      teamId: second.team.id,
      email: first.owner.email,
      role: "reviewer",
      queues: ["support"],
      actor: TEST_ACTOR,
    });
    const token = await sessionFor(first.owner.id);

    const byDefault = await getSessionPrincipal(request("/api/v1/tasks", { token }));
    expect(byDefault).toMatchObject({ kind: "user", teamId: first.team.id, role: "owner", actor: { type: "user", id: first.owner.id } });

    const chosen = await getSessionPrincipal(request("/api/v1/tasks", { token, team: second.team.slug }));
    expect(chosen).toMatchObject({ teamId: second.team.id, role: "reviewer", queues: ["support"], email: first.owner.email });
    // Naming the first team gives the owner's own membership back, not the last one chosen.
    const back = await getSessionPrincipal(request("/api/v1/tasks", { token, team: first.team.slug }));
    expect(back).toMatchObject({ teamId: first.team.id, role: "owner", queues: null });

    // A team the user does not belong to falls back to their own first team, never into it.
    const outsider = await createTestTeam();
    const refused = await getSessionPrincipal(request("/api/v1/tasks", { token, team: outsider.team.slug }));
    expect(refused?.teamId).toBe(first.team.id);
  });

  it("returns null without a valid session and refuses cross-origin writes", async () => {
    expect(await getSessionPrincipal(request("/api/v1/tasks"))).toBeNull();
    expect(await getSessionPrincipal(request("/api/v1/tasks", { token: randomUUID() }))).toBeNull();

    const team = await createTestTeam();
    const expired = await sessionFor(team.owner.id, new Date(Date.now() - 1000));
    expect(await getSessionPrincipal(request("/api/v1/tasks", { token: expired }))).toBeNull();

    const token = await sessionFor(team.owner.id);
    const err = await getSessionPrincipal(
      request("/api/v1/tasks", { token, method: "POST", headers: { origin: "https://evil.example" } }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("forbidden");
  });

  it("tells a signed-in user with no team that they have none", async () => {
    const lonely = await upsertUserByEmail(getDb(), uniqueEmail("lonely"));
    const token = await sessionFor(lonely.id);
    const err = await getSessionPrincipal(request("/api/v1/tasks", { token })).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("forbidden");
  });
});
