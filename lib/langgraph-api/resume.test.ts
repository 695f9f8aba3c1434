import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { resolveResume, toDecisionInput } from "./resume";

const one = [{ id: "task_1", interruptId: "a1" }];
const two = [...one, { id: "task_2", interruptId: "b2" }];

function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error("expected a refusal");
}

describe("command.resume → decisions", () => {
  it("takes the resume route's body when one task is pending", () => {
    expect(resolveResume({ action: "edit", payload: { amount: 80 } }, one)).toEqual([
      { taskId: "task_1", interruptId: "a1", input: { action: "edit", payload: { amount: 80 } } },
    ]);
  });

  it("takes a map by interrupt id or task id for several", () => {
    const decisions = resolveResume({ b2: { action: "approve" }, task_1: { action: "reject", comment: "no" } }, two);
    expect(decisions).toEqual([
      { taskId: "task_2", interruptId: "b2", input: { action: "approve" } },
      { taskId: "task_1", interruptId: "a1", input: { action: "reject", comment: "no" } },
    ]);
  });

  it("maps Agent Inbox's HumanResponse[] and a single HumanResponse", () => {
    expect(toDecisionInput([{ type: "accept", args: { action: "send", args: {} } }], "r")).toEqual({ action: "approve" });
    expect(toDecisionInput([{ type: "edit", args: { action: "send", args: { to: "x@y.z" } } }], "r")).toEqual({
      action: "edit",
      payload: { to: "x@y.z" },
    });
    expect(toDecisionInput({ type: "response", args: "Use the PDF" }, "r")).toEqual({ action: "respond", response: "Use the PDF" });
    expect(toDecisionInput([{ type: "ignore", args: null }], "r")).toEqual({ action: "reject" });
  });

  it("refuses what it cannot map, naming the field", () => {
    expect(refusal(() => resolveResume({ action: "approve" }, two)).message).toMatch(/2 interrupts are pending \(a1, b2\)/);
    expect(refusal(() => resolveResume({ zz: { action: "approve" } }, two)).message).toMatch(/command\.resume\.zz: no pending interrupt/);
    expect(refusal(() => resolveResume({ a1: { action: "approve" }, task_1: { action: "reject" } }, two)).message).toMatch(/a second time/);
    expect(refusal(() => resolveResume(undefined, one)).message).toMatch(/command\.resume: is required/);
    expect(refusal(() => resolveResume({ action: "explode" }, one)).code).toBe("invalid_request");
    expect(refusal(() => toDecisionInput([{ type: "response", args: 5 }], "r")).message).toMatch(/r\.0\.args/);
    expect(refusal(() => toDecisionInput([{ type: "accept" }, { type: "ignore" }], "r")).message).toMatch(/exactly one HumanResponse/);
    expect(refusal(() => resolveResume({ action: "approve" }, [])).code).toBe("conflict");
  });

  it("takes LangChain's {decisions} for a tool-call review: one decision per call, in the order asked, each to its task", () => {
    // Two gated calls of one humanInTheLoopMiddleware interrupt: two tasks sharing its id (listed out of order here).
    const review = [
      { id: "task_b", interruptId: "c3", interruptIndex: 1 },
      { id: "task_a", interruptId: "c3", interruptIndex: 0 },
    ];
    const decisions = [
      { type: "edit", editedAction: { name: "issue_refund", args: { amount: 80 } } },
      { type: "reject", message: "do not email" },
    ];
    const expected = [
      { taskId: "task_a", interruptId: "c3", input: { action: "edit", payload: { amount: 80 } } },
      { taskId: "task_b", interruptId: "c3", input: { action: "reject", comment: "do not email" } },
    ];
    expect(resolveResume({ decisions }, review)).toEqual(expected);
    expect(resolveResume({ c3: { decisions } }, [...review, ...one])).toEqual(expected);
    expect(
      resolveResume({ decisions: [{ type: "approve" }, { type: "edit", edited_action: { name: "x", args: { a: 1 } } }] }, review),
    ).toEqual([
      { taskId: "task_a", interruptId: "c3", input: { action: "approve" } },
      { taskId: "task_b", interruptId: "c3", input: { action: "edit", payload: { a: 1 } } },
    ]);
    expect(refusal(() => resolveResume({ decisions: [{ type: "approve" }] }, review)).message).toMatch(
      /2 tool call\(s\) of interrupt c3 wait/,
    );
    expect(refusal(() => resolveResume({ decisions }, [...review, ...one])).message).toMatch(/2 interrupts are pending/);
    expect(refusal(() => resolveResume({ decisions: [{ type: "approve" }, { type: "maybe" }] }, review)).message).toMatch(/decisions\.1/);
  });
});
