import { createAgent, humanInTheLoopMiddleware, tool } from "langchain";
import { z } from "zod";
import { getChatModel } from "@/lib/workflows/kit";

/**
 * An agent written with LangChain as it would be anywhere else: nothing in this file knows about
 * the control plane. Only the model comes from here (OpenAI with OPENAI_API_KEY, else the offline
 * model), so that the example runs in tests; any LangChain chat model works.
 */
const bookMeeting = tool(async ({ attendee, start, minutes }) => `Booked ${minutes} min with ${attendee} at ${start}.`, {
  name: "book_meeting",
  description: "Books a meeting in the team calendar.",
  schema: z.object({ attendee: z.string().email(), start: z.string().datetime(), minutes: z.number().int().min(15).max(120) }),
});

export const calendarAgent = createAgent({
  model: getChatModel(),
  tools: [bookMeeting],
  systemPrompt: "[task:calendar] You book meetings. Propose one slot with book_meeting.",
  middleware: [humanInTheLoopMiddleware({ interruptOn: { book_meeting: { allowedDecisions: ["approve", "edit", "reject"] } } })],
});
