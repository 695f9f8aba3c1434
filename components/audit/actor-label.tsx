import { BotIcon, KeyRoundIcon, TerminalIcon } from "lucide-react";
import type { ActorInfo } from "@/lib/teams/actors";

/** Who did it: a user's email (with an initial), an API key's name, or a system actor. */
export function ActorLabel({ actor }: { actor: ActorInfo }) {
  const Icon = actor.type === "api_key" ? KeyRoundIcon : actor.id === "cli" ? TerminalIcon : BotIcon;
  return (
    <span className="inline-flex min-w-0 items-center gap-1.5" title={`${actor.type} ${actor.id}`}>
      <span
        aria-hidden
        className="grid size-5 shrink-0 place-items-center rounded-full bg-muted text-[10px] font-medium text-muted-foreground uppercase"
      >
        {actor.type === "user" ? (actor.email ?? "?").slice(0, 1) : <Icon className="size-3" />}
      </span>
      <span className="truncate font-medium">{actor.label}</span>
    </span>
  );
}
