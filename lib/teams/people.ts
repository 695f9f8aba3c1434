import "server-only";
import type { Actor } from "@/db/schema";
import { listApiKeys } from "./api-keys";
import { listMembers } from "./members";

/** Display names for the actors and assignees a task page mentions (ids → "email" / "API key name"). */
export async function loadPeople(teamId: string) {
  const [members, keys] = await Promise.all([listMembers(teamId), listApiKeys(teamId)]);
  const users = new Map(members.map((m) => [m.userId, m.name || m.email]));
  const apiKeys = new Map(keys.map((k) => [k.id, k.name]));
  return {
    user: (id: string | null) => (id ? (users.get(id) ?? "a former member") : null),
    actor: (actor: Actor, selfId?: string) => {
      if (actor.type === "user") return actor.id === selfId ? "you" : (users.get(actor.id) ?? "a former member");
      if (actor.type === "api_key") return `API key “${apiKeys.get(actor.id) ?? actor.id}”`;
      return "the system";
    },
  };
}
