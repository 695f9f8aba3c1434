import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { effects } from "@/db/schema";
import { once } from "@/lib/effects";
import { createTestTeam, uniqueSlug, type TestTeam } from "../helpers";

let team: TestTeam;
let other: TestTeam;
beforeAll(async () => {
  team = await createTestTeam();
  other = await createTestTeam();
});

describe("once(key, fn)", () => {
  it("runs the effect once and returns its stored result to every later call", async () => {
    const key = uniqueSlug("effect");
    let calls = 0;
    const effect = async () => ({ n: ++calls, at: new Date("2026-01-01T00:00:00Z") });
    const first = await once(key, effect as never, { teamId: team.team.id });
    const again = await once(key, effect as never, { teamId: team.team.id });
    expect(calls).toBe(1);
    expect(first).toEqual({ n: 1, at: "2026-01-01T00:00:00.000Z" }); // stored as JSON, returned as stored
    expect(again).toEqual(first);
  });

  it("keys per team: another team's same key is another effect", async () => {
    const key = uniqueSlug("effect");
    await once(key, () => "a", { teamId: team.team.id });
    expect(await once(key, () => "b", { teamId: other.team.id })).toBe("b");
  });

  it("twenty concurrent calls: one runs, all get its result", async () => {
    const key = uniqueSlug("effect");
    let calls = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        once(
          key,
          async () => {
            calls += 1;
            await new Promise((r) => setTimeout(r, 20));
            return { winner: calls };
          },
          { teamId: team.team.id },
        ),
      ),
    );
    expect(calls).toBe(1);
    expect(new Set(results.map((r) => JSON.stringify(r)))).toEqual(new Set([JSON.stringify({ winner: 1 })]));
  });

  it("an effect that throws stores nothing, and its database writes roll back with it", async () => {
    const key = uniqueSlug("effect");
    const marker = uniqueSlug("marker");
    await expect(
      once(
        key,
        async (tx) => {
          await tx.insert(effects).values({ teamId: team.team.id, key: marker, result: "written inside" });
          throw new Error("provider down");
        },
        { teamId: team.team.id },
      ),
    ).rejects.toThrow("provider down");
    const rows = await getDb()
      .select()
      .from(effects)
      .where(and(eq(effects.teamId, team.team.id), eq(effects.key, marker)));
    expect(rows).toHaveLength(0);
    expect(await once(key, () => "second try", { teamId: team.team.id })).toBe("second try");
  });

  it("outside a run it needs a team", async () => {
    await expect(once("k", () => 1)).rejects.toThrow("run context");
  });
});
