import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { createTestTeam, TEST_ACTOR } from "../../tests/helpers";
import { ensureQueue, getQueueRoles, listQueues, upsertQueue } from "./index";

describe("queues", () => {
  it("creates, updates and lists a team's queues; owners can always decide", async () => {
    const team = await createTestTeam();
    const db = getDb();
    const created = await upsertQueue(db, {
      teamId: team.team.id,
      name: "finance",
      description: " Over 500 ",
      roles: ["admin"],
      actor: TEST_ACTOR,
    });
    expect(created).toMatchObject({ name: "finance", description: "Over 500", roles: ["owner", "admin"] });

    await upsertQueue(db, { teamId: team.team.id, name: "finance", roles: ["admin", "reviewer"], actor: TEST_ACTOR });
    const err = await upsertQueue(db, { teamId: team.team.id, name: "finance", createOnly: true }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("conflict");

    const kept = await ensureQueue(db, { teamId: team.team.id, name: "finance" });
    expect(kept.roles).toEqual(["owner", "admin", "reviewer"]);
    await ensureQueue(db, { teamId: team.team.id, name: "support" });

    expect((await listQueues(db, team.team.id)).map((q) => q.name)).toEqual(["finance", "support"]);
    expect((await getQueueRoles(db, team.team.id)).get("support")).toEqual(["owner", "admin", "reviewer"]);

    const other = await createTestTeam();
    expect(await listQueues(db, other.team.id)).toEqual([]);
  });

  it("rejects names that are not lowercase slugs", async () => {
    const team = await createTestTeam();
    await expect(upsertQueue(getDb(), { teamId: team.team.id, name: "Finance Team" })).rejects.toThrow(/lowercase/);
  });
});
