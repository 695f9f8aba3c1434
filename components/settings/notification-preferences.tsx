"use client";

import { useState } from "react";
import { setNotificationPreferencesAction } from "@/app/(dashboard)/settings/notifications/actions";
import { useServerAction } from "@/components/use-server-action";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";

type Mode = "off" | "immediate" | "digest";

// The server accepts exactly these (lib/teams DIGEST_MINUTES).
const INTERVALS = [
  { minutes: 15, label: "Every 15 minutes" },
  { minutes: 60, label: "Every hour" },
  { minutes: 240, label: "Every 4 hours" },
  { minutes: 1440, label: "Once a day" },
];

const MODES: { value: Mode; label: string; hint: string }[] = [
  { value: "immediate", label: "Immediately", hint: "One email per new task (or per batch of tasks an agent drafts at once)." },
  { value: "digest", label: "Digest", hint: "One email listing the tasks that arrived since the last one, still pending." },
  { value: "off", label: "Off", hint: "No emails from this team, including assignments, deadlines and escalations." },
];

export function NotificationPreferences(props: { mode: Mode; digestMinutes: number | null; email: string; team: string }) {
  const [mode, setMode] = useState<Mode>(props.mode);
  const [minutes, setMinutes] = useState(String(props.digestMinutes ?? 60));
  const { pending, run } = useServerAction();

  const save = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(() => setNotificationPreferencesAction(mode === "digest" ? { mode, digestMinutes: Number(minutes) } : { mode }), {
      success: "Notification preferences saved",
    });
  };

  return (
    <form onSubmit={save} className="grid gap-4 rounded-xl border p-4">
      <fieldset className="grid gap-3">
        <legend className="mb-1 text-sm font-medium">Email me about tasks that need review</legend>
        <p id="notify-email-hint" className="text-sm text-muted-foreground">
          New tasks in queues you work in {props.team}, tasks assigned to you, approaching deadlines and escalations are sent to{" "}
          <span className="text-foreground">{props.email}</span>. Assignments, deadlines and escalations always arrive at once.
        </p>
        {MODES.map((m) => (
          <div key={m.value} className="flex items-start gap-3">
            <input
              type="radio"
              id={`notify-mode-${m.value}`}
              name="mode"
              value={m.value}
              checked={mode === m.value}
              onChange={() => setMode(m.value)}
              aria-describedby={`notify-mode-${m.value}-hint`}
              className="mt-1 size-4 accent-primary"
            />
            <div className="grid gap-0.5">
              <Label htmlFor={`notify-mode-${m.value}`}>{m.label}</Label>
              <p id={`notify-mode-${m.value}-hint`} className="text-sm text-muted-foreground">
                {m.hint}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      <div className="grid gap-1.5">
        <Label htmlFor="notify-digest-minutes">Digest interval</Label>
        <NativeSelect
          id="notify-digest-minutes"
          name="digestMinutes"
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          disabled={mode !== "digest"}
        >
          {INTERVALS.map((i) => (
            <option key={i.minutes} value={i.minutes}>
              {i.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save preferences"}
        </Button>
      </div>
    </form>
  );
}
