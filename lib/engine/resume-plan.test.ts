import { describe, expect, it } from "vitest";
import type { Decision } from "@/lib/contract";
import { planResume } from "./resume-plan";

const at = "2026-01-01T00:00:00.000Z";
const decision = (d: Partial<Decision>): Decision => ({ action: "approve", actor: { type: "user", id: "usr_1" }, at, ...d });

// A LangChain humanInTheLoopMiddleware interrupt with two gated calls (camelCase, as LangChain.js writes it).
const toolReview = {
  actionRequests: [
    { name: "issue_refund", args: { orderId: "1", amount: 10 } },
    { name: "send_email", args: { to: "a@b.co", subject: "s", body: "b" } },
  ],
  reviewConfigs: [
    { actionName: "issue_refund", allowedDecisions: ["approve", "edit", "reject"] },
    { actionName: "send_email", allowedDecisions: ["approve", "reject"] },
  ],
};
const A = "a".repeat(32);
const B = "b".repeat(32);

describe("planResume", () => {
  it("holds a tool-call review back until every call is decided, whichever was decided first", () => {
    const pending = new Map<string, unknown>([[A, toolReview]]);
    const second = { id: "t2", interruptId: A, interruptIndex: 1, decision: decision({ action: "reject", comment: "no" }) };
    expect(planResume(pending, [second])).toEqual({ resume: {}, applied: [], consumed: [], readyInterrupts: 0 });

    const first = {
      id: "t1",
      interruptId: A,
      interruptIndex: 0,
      decision: decision({ action: "edit", payload: { orderId: "1", amount: 5 } }),
    };
    const plan = planResume(pending, [second, first]);
    expect(plan.readyInterrupts).toBe(1);
    expect(plan.applied.sort()).toEqual(["t1", "t2"]);
    expect(plan.resume).toEqual({
      [A]: {
        decisions: [
          { type: "edit", editedAction: { name: "issue_refund", args: { orderId: "1", amount: 5 } } },
          { type: "reject", message: "Rejected by a reviewer: no" },
        ],
      },
    });
  });

  it("answers single-task interrupts at once and marks decisions of interrupts no longer pending as consumed", () => {
    const pending = new Map<string, unknown>([
      [A, { plan: 1 }],
      [B, toolReview],
    ]);
    const plan = planResume(pending, [
      { id: "t1", interruptId: A, interruptIndex: 0, decision: decision({}) },
      { id: "t2", interruptId: B, interruptIndex: 0, decision: decision({}) },
      { id: "t3", interruptId: "c".repeat(32), interruptIndex: 0, decision: decision({}) },
    ]);
    expect(plan.resume).toEqual({ [A]: expect.objectContaining({ action: "approve", payload: { plan: 1 } }) });
    expect(plan.applied).toEqual(["t1"]);
    expect(plan.consumed).toEqual(["t3"]);
  });
});
