import type { Decision } from "@/lib/contract";
import { resumeValueForInterrupt } from "./interrupts";

export interface DecidedTask {
  id: string;
  interruptId: string | null;
  interruptIndex: number;
  decision: Decision;
}

/**
 * Which decided tasks can be fed back into the graph now, as one `Command({resume})` map keyed
 * by interrupt id. An interrupt that asked several questions (one task per LangChain tool call)
 * is answered only once all its tasks are decided; until then its decided tasks wait, unapplied.
 * Decided tasks whose interrupt is no longer pending were consumed by an invocation that crashed
 * before recording it: they are marked applied and never re-sent.
 */
export function planResume(pending: Map<string, unknown>, decided: DecidedTask[]) {
  const byInterrupt = new Map<string, DecidedTask[]>();
  const consumed: string[] = [];
  for (const task of decided) {
    if (!task.interruptId || !pending.has(task.interruptId)) consumed.push(task.id);
    else byInterrupt.set(task.interruptId, [...(byInterrupt.get(task.interruptId) ?? []), task]);
  }
  const resume: Record<string, unknown> = {};
  const applied: string[] = [];
  for (const [interruptId, group] of byInterrupt) {
    const decisions: Array<Decision | undefined> = [];
    for (const task of group) decisions[task.interruptIndex] = task.decision;
    const answer = resumeValueForInterrupt(pending.get(interruptId), decisions);
    if (!answer) continue;
    resume[interruptId] = answer.value;
    applied.push(...group.map((t) => t.id));
  }
  return { resume, applied, consumed, readyInterrupts: Object.keys(resume).length };
}
