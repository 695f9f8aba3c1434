import { z } from "zod";
import { callTools, defineAgentWorkflow } from "@/lib/workflows/kit";
import { calendarAgent } from "./calendar-agent";

/** The existing agent, registered unchanged: its tool-call reviews become tasks in `ops`. */
export const calendarWorkflow = defineAgentWorkflow({
  id: "calendar-agent",
  name: "Calendar agent",
  description: "Books meetings; a reviewer approves, edits or rejects each booking.",
  inputSchema: z.object({ attendee: z.string().email() }),
  agent: calendarAgent,
  messages: (input) => [{ role: "user", content: `Book 30 minutes with ${input.attendee} on 2026-06-01 at 10:00 UTC.` }],
  queue: "ops",
  summarize: (input) => `Meeting with ${input.attendee}`,
  // What the model says offline: propose the slot, then report the tool's result.
  offlineReplies: {
    calendar: (_data, context) => {
      const result = context.messages.at(-1);
      if (result?.getType() === "tool") return result.text;
      const attendee = /with (\S+@\S+)/.exec(context.text)?.[1] ?? "someone@example.com";
      return callTools([{ name: "book_meeting", args: { attendee, start: "2026-06-01T10:00:00Z", minutes: 30 } }], context);
    },
  },
});
