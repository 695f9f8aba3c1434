import { Client, type Thread } from "@langchain/langgraph-sdk";
import { describe, expect, it } from "vitest";
import type { Run } from "./api";
import { serverForFile } from "./fixtures";
import { collect, langGraphTeam, type StreamPart } from "./langgraph";

/**
 * LangChain's Agent Inbox against this product, making the calls it makes (its ThreadContext):
 * a client with the key in defaultHeaders["x-api-key"], threads.search by graph_id with
 * status/offset/limit, thread.interrupts read as [{value: HumanInterrupt[]}], threads.getState,
 * the answer as command.resume = HumanResponse[] (runs.create, or runs.stream with
 * streamMode "events"), and "mark resolved" as updateState(values: null, asNode: "__end__").
 * The graph (agent-inbox-email, lib/workflows/testing.ts) speaks Agent Inbox's dialect unchanged.
 */
const ctx = serverForFile({ env: { ACL_TEST_WORKFLOWS: "1" } });
const GRAPH = "agent-inbox-email";

interface HumanInterrupt {
  action_request: { action: string; args: Record<string, unknown> };
  config: { allow_ignore: boolean; allow_respond: boolean; allow_edit: boolean; allow_accept: boolean };
  description?: string;
}
type Values = { input?: { to: string }; output?: { sent: boolean; email: Record<string, string> | null; response: string | null } | null };

/** How Agent Inbox builds its client (src/lib/client.ts). */
const inboxClient = (url: string, key: string) =>
  new Client({ apiUrl: `${url}/api/langgraph`, defaultHeaders: { "x-api-key": key }, callerOptions: { maxRetries: 0 } });

/** Agent Inbox's getInterruptFromThread, case "first item has a value": thread.interrupts → HumanInterrupt[]. */
function interruptsOf(thread: Thread): HumanInterrupt[] {
  return Object.values(thread.interrupts).flatMap((list) => list[0]?.value as HumanInterrupt[]);
}

async function startEmail(client: Client, to: string) {
  const thread = await client.threads.create();
  const run = await client.runs.create(thread.thread_id, GRAPH, { input: { to, subject: "Quarterly report" } });
  await client.runs.join(thread.thread_id, run.run_id);
  return thread.thread_id;
}

describe("Agent Inbox's calls", () => {
  it("lists interrupted threads of its graph, shows the HumanInterrupt, and an edit sent as HumanResponse[] completes the graph", async () => {
    const team = await langGraphTeam(ctx.server);
    const agent = inboxClient(ctx.server.url, team.apiKey);
    const inbox = inboxClient(ctx.server.url, team.approverKey);
    const threadIds = [await startEmail(agent, "ada@example.com"), await startEmail(agent, "bob@example.com")];

    // fetchThreads("interrupted"): offset/limit, status, metadata {graph_id} (a non-UUID inbox id).
    const page = await inbox.threads.search({ offset: 0, limit: 10, status: "interrupted", metadata: { graph_id: GRAPH } });
    expect(page.map((t) => t.thread_id).sort()).toEqual([...threadIds].sort());
    expect(await inbox.threads.search({ offset: 1, limit: 1, status: "interrupted", metadata: { graph_id: GRAPH } })).toHaveLength(1);
    expect(await inbox.threads.search({ offset: 0, limit: 10, metadata: { graph_id: "some-other-graph" } })).toEqual([]);
    const ada = page.find((t) => t.thread_id === threadIds[0])!;
    const [request] = interruptsOf(ada);
    expect(request).toEqual({
      action_request: { action: "send_email", args: { to: "ada@example.com", subject: "Quarterly report", body: expect.any(String) } },
      config: { allow_accept: true, allow_edit: true, allow_respond: true, allow_ignore: true },
      description: "Send this email to ada@example.com?",
    });

    // fetchSingleThread, and processThreadWithoutInterrupts' fallback: tasks.at(-1).interrupts.at(-1).value.
    const single = await inbox.threads.get(threadIds[0]!);
    expect(single.status).toBe("interrupted");
    const state = await inbox.threads.getState(threadIds[0]!);
    expect(state.tasks.at(-1)!.interrupts.at(-1)!.value).toEqual([request]);

    // sendHumanResponse without streaming: runs.create with command.resume = [HumanResponse].
    const edited = { ...request!.action_request.args, body: "Edited by a human." };
    const run = await inbox.runs.create(threadIds[0]!, GRAPH, {
      command: { resume: [{ type: "edit", args: { action: "send_email", args: edited } }] },
    });
    const values = (await inbox.runs.join(threadIds[0]!, run.run_id)) as Values;
    expect(values.output).toEqual({ sent: true, email: edited, response: null });
    expect((await inbox.threads.get(threadIds[0]!)).status).toBe("idle");
    // The edit went through the resume route's service: a decided task with feedback in the product.
    const [task] = await team.api.tasks({ runId: (await inbox.threads.get(threadIds[0]!)).metadata!.acl_run_id as string });
    expect(task!.decision).toMatchObject({ action: "edit", payload: edited, actor: { id: team.approverKeyId } });

    // Only bob is left in the "interrupted" inbox.
    const left = await inbox.threads.search({ offset: 0, limit: 10, status: "interrupted", metadata: { graph_id: GRAPH } });
    expect(left.map((t) => t.thread_id)).toEqual([threadIds[1]]);
  });

  it("a response streamed with streamMode 'events' and an ignore reach the graph as HumanResponses", async () => {
    const team = await langGraphTeam(ctx.server);
    const agent = inboxClient(ctx.server.url, team.apiKey);
    const inbox = team.approver;
    const answered = await startEmail(agent, "cy@example.com");
    const ignored = await startEmail(agent, "dee@example.com");

    const parts = await collect(
      inbox.runs.stream(answered, GRAPH, {
        command: { resume: [{ type: "response", args: "Please attach the PDF." }] },
        streamMode: "events",
      }) as AsyncIterable<StreamPart>,
    );
    expect(parts.some((p) => p.event === "error")).toBe(false);
    expect(parts.at(-1)!.event).toBe("end");
    expect((await inbox.threads.get<Values>(answered)).values.output).toEqual({
      sent: false,
      email: null,
      response: "Please attach the PDF.",
    });

    const run = await inbox.runs.create(ignored, GRAPH, { command: { resume: [{ type: "ignore", args: null }] } });
    expect(((await inbox.runs.join(ignored, run.run_id)) as Values).output).toEqual({ sent: false, email: null, response: null });
  });

  it("mark resolved: updateState(values null, asNode __end__) ends the thread, cancels its run and its task", async () => {
    const team = await langGraphTeam(ctx.server);
    const agent = inboxClient(ctx.server.url, team.apiKey);
    const threadId = await startEmail(agent, "eve@example.com");
    const before = await agent.threads.get(threadId);
    const runId = before.metadata!.acl_run_id as string;

    const res = await agent.threads.updateState(threadId, { values: null, asNode: "__end__" });
    expect(res).toMatchObject({
      checkpoint: { thread_id: threadId, checkpoint_id: expect.any(String) },
      configurable: { thread_id: threadId },
    });
    expect((await agent.threads.get(threadId)).status).toBe("idle");
    expect(await agent.threads.search({ status: "interrupted", metadata: { graph_id: GRAPH } })).toEqual([]);
    expect((await team.api.get<Run>(`/runs/${runId}`)).body.status).toBe("cancelled");
    expect((await team.api.tasks({ runId })).map((t) => t.status)).toEqual(["cancelled"]);
    // Again: a no-op, still answered.
    expect((await agent.threads.updateState(threadId, { values: null, asNode: "__end__" })).configurable).toMatchObject({
      thread_id: threadId,
    });
  });
});
