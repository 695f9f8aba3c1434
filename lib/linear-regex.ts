import { RE2JS } from "re2js";

/**
 * Regular expressions from outside (agents' JSON Schema `pattern` and `patternProperties`) run on
 * RE2, whose matching time is linear in the input: with a backtracking engine `^(a+)+$` against
 * 26 "a"s and a "!" blocked the process 0.57 s, doubling with every character. RE2 has no
 * lookaround and no backreferences; such a pattern does not compile (and the schema is refused).
 */
export interface LinearRegExp {
  test(input: string): boolean;
  toString(): string;
}

/** Longer patterns are refused: compiling is linear too, but nobody needs a 1,000-character pattern. */
export const MAX_PATTERN_LENGTH = 1_000;

export function linearRegExp(pattern: string, flags = ""): LinearRegExp {
  if (pattern.length > MAX_PATTERN_LENGTH) throw new Error(`pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  let re: RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch (err) {
    throw new Error(
      `pattern ${JSON.stringify(pattern)} is not supported: only linear-time regular expressions (RE2 syntax, no lookaround or backreferences): ${(err as Error).message}`,
    );
  }
  return { test: (input) => re.test(input), toString: () => `/${pattern}/${flags}` };
}
