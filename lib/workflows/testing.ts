import { Annotation, END, interrupt, START, StateGraph } from "@langchain/langgraph";
import { z } from "zod";
import type { AgentInboxInterrupt, AgentInboxResponse } from "@/lib/hitl";
import { defineWorkflow } from "./types";

/**
 * Workflows for test suites only, registered when ACL_TEST_WORKFLOWS=1 (tests/http starts the
 * production server with it). `agent-inbox-email` is a graph written for LangChain's Agent Inbox,
 * unchanged: it calls interrupt([HumanInterrupt]) and reads back [HumanResponse]. No side effects.
 */

const Email = z.object({ to: z.string().email(), subject: z.string().min(1).max(200) });
type Email = z.infer<typeof Email>;
type Draft = Email & { body: string };

const State = Annotation.Root({
  input: Annotation<Email>,
  draft: Annotation<Draft | null>,
  output: Annotation<{ sent: boolean; email: Draft | null; response: string | null } | null>,
});
type S = typeof State.State;

export const agentInboxEmail = defineWorkflow({
  id: "agent-inbox-email",
  name: "Agent Inbox email (test)",
  description: "Drafts an email and asks through Agent Inbox's interrupt format; accept or edit sends, ignore drops, respond answers.",
  inputSchema: Email,
  compile: (checkpointer) =>
    new StateGraph(State)
      .addNode("write", (s: S) => ({ draft: { ...s.input, body: `Hello ${s.input.to.split("@")[0]}, about "${s.input.subject}".` } }))
      .addNode("review", (s: S) => {
        const request: AgentInboxInterrupt = {
          action_request: { action: "send_email", args: { ...s.draft! } },
          config: { allow_accept: true, allow_edit: true, allow_respond: true, allow_ignore: true },
          description: `Send this email to ${s.draft!.to}?`,
        };
        const [response] = interrupt([request]) as AgentInboxResponse[];
        switch (response!.type) {
          case "accept":
            return { output: { sent: true, email: s.draft, response: null } };
          case "edit":
            return { output: { sent: true, email: response!.args.args as Draft, response: null } };
          case "response":
            return { output: { sent: false, email: null, response: response!.args } };
          default:
            return { output: { sent: false, email: null, response: null } };
        }
      })
      .addEdge(START, "write")
      .addEdge("write", "review")
      .addEdge("review", END)
      .compile({ checkpointer }),
});

export const TEST_WORKFLOWS = [agentInboxEmail];
