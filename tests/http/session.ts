import { randomBytes } from "node:crypto";
import { sql } from "./fixtures";

/**
 * A signed-in browser session of a team's owner, as Auth.js stores it (a `sessions` row), for
 * requests that a person makes: pages, and API calls from the dashboard (same origin).
 */
export async function ownerSession(server: { url: string }, team: { owner: { id: string }; team: { slug: string } }) {
  const token = randomBytes(24).toString("hex");
  await sql(`insert into sessions (session_token, user_id, expires) values ($1, $2, now() + interval '1 day')`, [token, team.owner.id]);
  return { cookie: `authjs.session-token=${token}; acl_team=${team.team.slug}`, origin: server.url };
}
