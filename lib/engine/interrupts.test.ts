import { describe, expect, it } from "vitest";
import type { Decision } from "@/lib/contract";
import { HITL_MARK } from "@/lib/hitl/protocol";
import { resumeValueFor, taskSpecFromInterrupt } from "./interrupts";

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
