import { START, StateGraph } from "@langchain/langgraph";
import { z } from "zod";
import { approvalGate, askModelForJson, defineWorkflow, runContext, sendEmailOnce } from "@/lib/workflows/kit";
const Input = z.object({ email: z.string().email(), question: z.string().min(1).max(2000) });
const Reply = z.object({ to: z.string().email(), body: z.string().trim().min(1).max(5000) });
export const customerReply = defineWorkflow({
  id: "customer-reply",
  name: "Customer reply",
  description: "Drafts an answer to a customer; a human in `support` approves or edits it before it is sent.",
  inputSchema: Input,
  summarize: (input) => `Question from ${input.email}`,
  offlineReplies: { "draft-reply": ({ email, question }) => ({ to: email, body: `Thanks for asking about ${question}.` }) },
  graph: new StateGraph(z.object({ input: Input, draft: Reply.optional(), output: z.unknown() }))
    .addSequence({
      write: async ({ input }) => ({ draft: await askModelForJson<z.input<typeof Reply>>("[task:draft-reply] JSON {to, body}", input) }),
      review: async ({ input, draft }) => {
        const gate = approvalGate({ queue: "support", title: `Reply to ${input.email}`, schema: Reply, payload: draft!, dueIn: "4h" });
        if (gate.action === "reject") return { output: { sent: false, reason: gate.reason } };
        const { to, body } = gate.payload; // the parsed output type of Reply: no cast
        await sendEmailOnce(`customer-reply:${runContext().runId}`, { to, subject: "Re: your question", text: body });
        return { output: { sent: true, body } };
      },
    })
    .addEdge(START, "write"),
});
