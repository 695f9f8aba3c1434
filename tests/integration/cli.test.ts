import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apiKeys, memberships, teams, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail";
import { authenticateApiKey } from "@/lib/teams";
import { runCli, uniqueEmail, uniqueSlug } from "../helpers";

type TeamCreated = { team: { id: string; slug: string }; owner: { id: string; email: string }; apiKey: string; apiKeyId: string };

/** Exit code and one clear line on stderr, nothing on stdout. */
function expectFailure(result: Awaited<ReturnType<typeof runCli>>, code: number, message: RegExp) {
  expect(result.stdout).toBe("");
  expect(result.code, result.stderr).toBe(code);
  expect(result.stderr.split("\n")[0]).toMatch(/^error: /);
  expect(result.stderr.split("\n")[0]).toMatch(message);
}

// Each call is a fresh `tsx` process (1.5–4 s idle, far more on a loaded 2-core machine): generous budgets.
describe("cli (real subprocess against the test database)", { timeout: 180_000 }, () => {
  it("team:create creates the team, the owner membership and a first API key", async () => {
    const slug = uniqueSlug("acme");
    const result = await runCli(["team:create", "--slug", slug, "--owner", "Owner@Example.TEST", "--name", "Acme Inc"]);
    expect(result.code, result.stderr).toBe(0);
    const out = result.json<TeamCreated>();

    expect(out).toMatchObject({ team: { slug }, owner: { email: "owner@example.test" } });
    expect(out.apiKey).toMatch(/^acl_live_/);
    const [team] = await getDb().select().from(teams).where(eq(teams.slug, slug));
    expect(team).toMatchObject({ id: out.team.id, name: "Acme Inc" });
    const [membership] = await getDb()
      .select()
      .from(memberships)
      .where(and(eq(memberships.teamId, out.team.id), eq(memberships.userId, out.owner.id)));
    expect(membership!.role).toBe("owner");
    const [key] = await getDb().select().from(apiKeys).where(eq(apiKeys.teamId, out.team.id));
    expect(key!.keyHash).toBe(createHash("sha256").update(out.apiKey).digest("hex"));
    expect(await authenticateApiKey(getDb(), out.apiKey)).toMatchObject({ teamId: out.team.id });

    const again = await runCli(["team:create", "--slug", slug, "--owner", "someone@example.test"]);
    expectFailure(again, 1, /already exists/);
  });

  it("apikey:create and apikey:revoke manage a team's keys", async () => {
    const slug = uniqueSlug("keys");
    expect((await runCli(["team:create", "--slug", slug, "--owner", uniqueEmail()])).code).toBe(0);

    const created = await runCli(["apikey:create", "--team", slug, "--name", "ci agent"]);
    expect(created.code, created.stderr).toBe(0);
    const key = created.json<{ apiKey: string; id: string; name: string }>();
    expect(key).toMatchObject({ name: "ci agent" });
    expect(key.apiKey).toMatch(/^acl_live_/);
    expect(await authenticateApiKey(getDb(), key.apiKey)).toMatchObject({ keyId: key.id });

    const revoked = await runCli(["apikey:revoke", "--id", key.id]);
    expect(revoked.code, revoked.stderr).toBe(0);
    const out = revoked.json<{ id: string; revokedAt: string }>();
    expect(out.id).toBe(key.id);
    expect(Number.isNaN(Date.parse(out.revokedAt))).toBe(false);
    const err = await authenticateApiKey(getDb(), key.apiKey).catch((e: unknown) => e);
    expect((err as AppError).code).toBe("unauthenticated");

    expectFailure(await runCli(["apikey:create", "--team", uniqueSlug("missing")]), 1, /No team with slug/);
    expectFailure(await runCli(["apikey:revoke", "--id", "key_doesnotexist"]), 1, /No API key/);
  });

  it("member:add adds a member with queues, and updates an existing one", async () => {
    const slug = uniqueSlug("members");
    expect((await runCli(["team:create", "--slug", slug, "--owner", uniqueEmail()])).code).toBe(0);
    const email = uniqueEmail("reviewer");

    const added = await runCli(["member:add", "--team", slug, "--email", email, "--role", "reviewer", "--queues", "support, finance"]);
    expect(added.code, added.stderr).toBe(0);
    expect(added.json()).toMatchObject({ membership: { role: "reviewer", queues: ["support", "finance"] }, user: { email } });

    const changed = await runCli(["member:add", "--team", slug, "--email", email, "--role", "admin"]);
    expect(changed.code, changed.stderr).toBe(0);
    const [user] = await getDb().select().from(users).where(eq(users.email, email));
    const rows = await getDb().select().from(memberships).where(eq(memberships.userId, user!.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: "admin", queues: null });
  });

  it("mail:list prints the development mailbox as a JSON array", async () => {
    const to = uniqueEmail("inbox");
    const { id } = await enqueueMail(getDb(), { to, subject: "Sign in", text: "link: https://x.test/a", html: "<a>link</a>" });

    const filtered = await runCli(["mail:list", "--to", to]);
    expect(filtered.code, filtered.stderr).toBe(0);
    const messages = filtered.json<Array<Record<string, unknown>>>();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ id, to, subject: "Sign in", text: "link: https://x.test/a", html: "<a>link</a>" });
    expect(Object.keys(messages[0]!)).toEqual(expect.arrayContaining(["id", "to", "subject", "text", "html", "createdAt"]));

    const all = (await runCli(["mail:list"])).json<Array<{ id: string }>>();
    expect(all.map((m) => m.id)).toContain(id);
  });

  it("rejects bad command lines with exit code 2 and the usage", async () => {
    const [none, unknown, missing, invalidRole, invalidEmail, unknownFlag, noValue, positional] = await Promise.all([
      runCli([]),
      runCli(["team:delete", "--slug", "x"]),
      runCli(["team:create", "--slug", uniqueSlug()]),
      runCli(["member:add", "--team", "acme", "--email", "a@b.test", "--role", "boss"]),
      runCli(["team:create", "--slug", uniqueSlug(), "--owner", "not-an-email"]),
      runCli(["apikey:create", "--team", "acme", "--colour", "red"]),
      runCli(["apikey:revoke", "--id"]),
      runCli(["mail:list", "extra"]),
    ]);
    expectFailure(none, 2, /no command/);
    expect(none.stderr).toContain("usage: npm run cli");
    expectFailure(unknown, 2, /unknown command 'team:delete'/);
    expectFailure(missing, 2, /missing required flag --owner/);
    expect(missing.stderr).toContain("usage: npm run cli -- team:create --slug S --owner EMAIL");
    expectFailure(invalidRole, 2, /--role "boss".*owner.*admin.*reviewer.*viewer/);
    expectFailure(invalidEmail, 2, /--owner "not-an-email": must be a valid email/);
    expectFailure(unknownFlag, 2, /Unknown option '--colour'/);
    expectFailure(noValue, 2, /--id/);
    expectFailure(positional, 2, /extra/);
  });

  it("help prints the usage on stdout and exits 0", async () => {
    const help = await runCli(["help"]);
    expect(help.code).toBe(0);
    for (const command of ["team:create", "apikey:create", "apikey:revoke", "member:add", "mail:list"]) {
      expect(help.stdout).toContain(command);
    }
  });
});

describe("cli without DATABASE_URL (embedded database)", { timeout: 300_000 }, () => {
  it("lets concurrent commands share the server the first one starts, then stops it", async () => {
    const dataDir = fs.mkdtempSync("/tmp/acl-cli-test-");
    fs.chmodSync(dataDir, 0o755); // as root, the server runs as `postgres`, which must reach it
    const port = 54900 + Math.floor(Math.random() * 90);
    const env: NodeJS.ProcessEnv = { ...process.env, ACL_DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(port) };
    delete env.DATABASE_URL;
    try {
      const results = await Promise.all(
        [1, 2, 3].map((i) => runCli(["team:create", "--slug", `fresh-${i}`, "--owner", `o${i}@example.test`], env)),
      );
      for (const result of results) expect(result.code, result.stderr).toBe(0);
      expect(results.map((r) => r.json<TeamCreated>().team.slug).sort()).toEqual(["fresh-1", "fresh-2", "fresh-3"]);

      const portOpen = await new Promise<boolean>((resolve) => {
        const socket = net.connect({ host: "127.0.0.1", port });
        socket.once("connect", () => (socket.destroy(), resolve(true)));
        socket.once("error", () => resolve(false));
      });
      expect(portOpen).toBe(false); // the owner stopped it once the others were done

      const again = await runCli(["member:add", "--team", "fresh-2", "--email", "r@example.test", "--role", "viewer"], env);
      expect(again.code, again.stderr).toBe(0); // the data survived the stop
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    }
  });
});
