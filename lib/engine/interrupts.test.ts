import { describe, expect, it } from "vitest";
import type { Decision } from "@/lib/contract";
import { HITL_MARK } from "@/lib/hitl/protocol";
import { resumeValueFor, resumeValueForInterrupt, taskSpecFromInterrupt, taskSpecsFromInterrupt } from "./interrupts";

const decision = (d: Partial<Decision>): Decision => ({
  action: "approve",
  actor: { type: "user", id: "usr_1" },
  at: "2026-01-01T00:00:00.000Z",
  ...d,
});

const inbox = {
  action_request: { action: "send_email", args: { to: "a@b.c", body: "hi" } },
  config: { allow_ignore: true, allow_respond: false, allow_edit: true, allow_accept: true },
  description: "Send this?",
};

describe("taskSpecFromInterrupt", () => {
  it("reads lib/hitl requests as they are", () => {
    const spec = taskSpecFromInterrupt({
      type: HITL_MARK,
      kind: "approval",
      queue: "support",
      title: "Refund 120",
      payload: { amount: 120 },
      allowed: ["approve", "edit", "reject", "approve"],
      confidence: 0.4,
    });
    expect(spec).toMatchObject({ kind: "approval", queue: "support", title: "Refund 120", protocol: "acl", confidence: 0.4 });
    expect(spec.allowed).toEqual(["approve", "edit", "reject"]);
  });

  it("accepts an Agent Inbox HumanInterrupt, alone or in a one-element list", () => {
    const single = taskSpecFromInterrupt(inbox);
    expect(single).toMatchObject({ kind: "approval", title: "send_email", payload: inbox.action_request.args, protocol: "agent-inbox" });
    expect(single.allowed).toEqual(["approve", "edit", "reject"]);
    expect(taskSpecFromInterrupt([inbox]).protocol).toBe("agent-inbox-list");
  });

  it("turns a respond-only Agent Inbox interrupt into a clarification", () => {
    const spec = taskSpecFromInterrupt({
      ...inbox,
      config: { allow_ignore: false, allow_respond: true, allow_edit: false, allow_accept: false },
    });
    expect(spec.kind).toBe("clarification");
    expect(spec.allowed).toEqual(["respond"]);
    expect(spec.question).toBe("Send this?");
  });

  it("treats a bare string as a question and anything else as a generic review", () => {
    expect(taskSpecFromInterrupt("What is the order id?")).toMatchObject({
      kind: "clarification",
      question: "What is the order id?",
      queue: "default",
    });
    expect(taskSpecFromInterrupt({ foo: 1 })).toMatchObject({ kind: "review", payload: { foo: 1 }, protocol: "raw" });
  });
});

describe("resumeValueFor", () => {
  it("gives acl nodes the decision itself", () => {
    const d = decision({ action: "reject", comment: "no" });
    expect(resumeValueFor("acl", {}, d)).toBe(d);
  });

  it("answers Agent Inbox nodes with HumanResponse shapes", () => {
    expect(resumeValueFor("agent-inbox", inbox, decision({}))).toEqual({ type: "accept", args: inbox.action_request });
    expect(resumeValueFor("agent-inbox", inbox, decision({ action: "edit", payload: { to: "x@y.z" } }))).toEqual({
      type: "edit",
      args: { action: "send_email", args: { to: "x@y.z" } },
    });
    expect(resumeValueFor("agent-inbox-list", [inbox], decision({ action: "respond", response: "ok" }))).toEqual([
      { type: "response", args: "ok" },
    ]);
    expect(resumeValueFor("agent-inbox", inbox, decision({ action: "reject" }))).toEqual({ type: "ignore", args: null });
  });
});

describe("LangChain tool-call reviews (humanInTheLoopMiddleware)", () => {
  const review = {
    actionRequests: [
      { name: "issue_refund", args: { orderId: "1042", amount: 120 }, description: "Refund 120.00 USD for order 1042." },
      { name: "send_email", args: { to: "sam@example.com" }, description: "Tool execution requires approval\n\nTool: send_email" },
    ],
    reviewConfigs: [
      {
        actionName: "issue_refund",
        allowedDecisions: ["approve", "edit", "reject"],
        argsSchema: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: { amount: { type: "number" } } },
      },
      { actionName: "send_email", allowedDecisions: ["approve", "reject"] },
    ],
  };

  it("asks one approval per gated call with its allowed decisions and args_schema as the edit schema", () => {
    const specs = taskSpecsFromInterrupt(review, { queue: ({ payload }) => ("amount" in (payload as object) ? "finance" : "ops") });
    expect(specs).toHaveLength(2);
    expect(specs[0]).toMatchObject({
      kind: "approval",
      queue: "finance",
      title: "Refund 120.00 USD for order 1042.",
      description: null, // its only line became the title
      payload: { orderId: "1042", amount: 120 },
      allowed: ["approve", "edit", "reject"],
      protocol: "langchain-hitl",
      schema: { type: "object", properties: { amount: { type: "number" } }, "x-acl-view": "tool-call", "x-acl-tool": "issue_refund" },
    });
    expect(specs[0]!.schema).not.toHaveProperty("$schema");
    // LangChain's default description makes no title: the call itself does.
    expect(specs[1]).toMatchObject({ queue: "ops", title: 'send_email(to: "sam@example.com")', allowed: ["approve", "reject"] });
  });

  it("answers with {decisions} in order, in the dialect it was asked in", () => {
    const approve = decision({});
    const reject = decision({ action: "reject" });
    expect(resumeValueForInterrupt(review, [approve, reject])).toEqual({ value: { decisions: [{ type: "approve" }, { type: "reject" }] } });
    expect(resumeValueForInterrupt(review, [undefined, reject])).toBeNull();
    const snake = {
      action_requests: [{ name: "run", args: { a: 1 } }],
      review_configs: [{ action_name: "run", allowed_decisions: ["edit"] }],
    };
    expect(resumeValueForInterrupt(snake, [decision({ action: "edit", payload: { a: 2 } })])).toEqual({
      value: { decisions: [{ type: "edit", edited_action: { name: "run", args: { a: 2 } } }] },
    });
  });
});

describe("gate policy", () => {
  it("sets dueAt from dueIn at task creation and carries reminder, timeout, quorum and requester rule", () => {
    const now = new Date("2026-03-01T10:00:00.000Z");
    const spec = taskSpecFromInterrupt(
      {
        type: HITL_MARK,
        kind: "approval",
        queue: "finance",
        title: "Pay",
        payload: {},
        allowed: ["approve", "reject"],
        dueInMs: 2 * 3600_000,
        remindBeforeMs: 30 * 60_000,
        onTimeout: "escalate",
        escalateTo: "leads",
        quorum: 2,
        fromRoles: ["admin"],
        requesterMayDecide: false,
      },
      { now },
    );
    expect(spec).toMatchObject({
      dueAt: new Date("2026-03-01T12:00:00.000Z"),
      remindAt: new Date("2026-03-01T11:30:00.000Z"),
      onTimeout: "escalate",
      escalateTo: "leads",
      quorum: 2,
      fromRoles: ["admin"],
      requesterMayDecide: false,
    });
  });

  it("sends a plain interrupt's approve back with the value it asked about", () => {
    expect(resumeValueFor("raw", { plan: 1 }, decision({}))).toMatchObject({ action: "approve", payload: { plan: 1 } });
  });
});
