import { createTwoFilesPatch, diffLines, diffWords, diffWordsWithSpace, formatPatch, type ChangeObject } from "diff";

/**
 * Text diffs with a bounded cost. Myers' algorithm is O(N·D): two long texts that differ
 * everywhere (a 4,000-line edit changing every line) took seconds and blocked the event loop.
 * Every diff in the app (the feedback diff saved with a decision, the diffs rendered on task and
 * feedback pages, in the server and in the browser) goes through here: inputs over `maxChars`,
 * or diffs needing more than `maxEditLength` edits or `timeoutMs`, fall back to "everything
 * removed, everything added", which is still correct, only not minimal.
 */
export const DIFF_LIMITS = { maxChars: 100_000, maxEditLength: 4_000, timeoutMs: 50 } as const;

export interface BoundedChanges {
  changes: ChangeObject<string>[];
  /** false when the budget ran out and `changes` is the whole-text replacement */
  exact: boolean;
}

type Differ = (a: string, b: string, options: { maxEditLength: number; timeout: number }) => ChangeObject<string>[] | undefined;

function wholeReplacement(before: string, after: string): ChangeObject<string>[] {
  const out: ChangeObject<string>[] = [];
  if (before) out.push({ value: before, removed: true, added: false, count: 1 });
  if (after) out.push({ value: after, added: true, removed: false, count: 1 });
  return out;
}

function bounded(differ: Differ, before: string, after: string): BoundedChanges {
  if (before === after) return { changes: before ? [{ value: before, added: false, removed: false, count: 1 }] : [], exact: true };
  if (before.length + after.length <= DIFF_LIMITS.maxChars) {
    const changes = differ(before, after, { maxEditLength: DIFF_LIMITS.maxEditLength, timeout: DIFF_LIMITS.timeoutMs });
    if (changes) return { changes, exact: true };
  }
  return { changes: wholeReplacement(before, after), exact: false };
}

export const boundedDiffLines = (before: string, after: string) => bounded(diffLines, before, after);
export const boundedDiffWords = (before: string, after: string) => bounded(diffWords, before, after);
export const boundedDiffWordsWithSpace = (before: string, after: string) => bounded(diffWordsWithSpace, before, after);

function lines(text: string) {
  const out = text.split("\n");
  if (out[out.length - 1] === "") out.pop();
  return out;
}

/** A unified diff of two texts (each ending with a newline), within the same budget. */
export function boundedTwoFilesPatch(oldName: string, newName: string, before: string, after: string, context = 3): string {
  if (before.length + after.length <= DIFF_LIMITS.maxChars) {
    const patch = createTwoFilesPatch(oldName, newName, before, after, "", "", {
      context,
      maxEditLength: DIFF_LIMITS.maxEditLength,
      timeout: DIFF_LIMITS.timeoutMs,
    });
    if (patch !== undefined) return patch;
  }
  const removed = lines(before);
  const added = lines(after);
  return formatPatch({
    oldFileName: oldName,
    newFileName: newName,
    oldHeader: "",
    newHeader: "",
    hunks: [
      {
        oldStart: 1,
        oldLines: removed.length,
        newStart: 1,
        newLines: added.length,
        lines: [...removed.map((l) => `-${l}`), ...added.map((l) => `+${l}`)],
      },
    ],
  });
}
