import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { createTestTeam, TEST_ACTOR } from "../../tests/helpers";
import { ensureQueue, getQueueRoles, listQueues, upsertQueue } from "./index";

describe("queues", () => {
  it("creates, updates and lists a team's queues; owners can always decide", async () => {
    const team = await createTestTeam();
    const db = getDb();
    const created = await upsertQueue(
      {
        teamId: team.team.id,
        name: "finance",
        description: " Over 500 ",
        roles: ["admin"],
        actor: TEST_ACTOR,
      },
      db,
    );
    expect(created).toMatchObject({ name: "finance", description: "Over 500", roles: ["owner", "admin"] });

    await upsertQueue({ teamId: team.team.id, name: "finance", roles: ["admin", "reviewer"], actor: TEST_ACTOR }, db);
    const err = await upsertQueue({ teamId: team.team.id, name: "finance", createOnly: true }, db).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("conflict");

    const kept = await ensureQueue(db, { teamId: team.team.id, name: "finance" });
    expect(kept.roles).toEqual(["owner", "admin", "reviewer"]);
    await ensureQueue(db, { teamId: team.team.id, name: "support" });

    expect((await listQueues(team.team.id, db)).map((q) => q.name)).toEqual(["finance", "support"]);
    expect((await getQueueRoles(team.team.id, db)).get("support")).toEqual(["owner", "admin", "reviewer"]);

    const other = await createTestTeam();
    expect(await listQueues(other.team.id, db)).toEqual([]);
  });

  it("rejects names that are not lowercase slugs", async () => {
    const team = await createTestTeam();
    await expect(upsertQueue({ teamId: team.team.id, name: "Finance Team" })).rejects.toThrow(/lowercase/);
  });
});
