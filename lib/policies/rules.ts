import { defaultMethods, LogicEngine } from "json-logic-engine";
import { z } from "zod";

/**
 * Policy rules are JSON Logic (jsonlogic.com), evaluated by json-logic-engine against the task's
 * payload: `{"<=": [{"var": "amount"}, 50]}`. Rules may come from the dashboard, so only a small
 * set of operators exists here (no arithmetic, loops or string building), rules are bounded in
 * size and depth before they are stored or run, and comparisons are strict: JSON Logic would
 * take a missing amount as 0 (`null <= 50` is true) and "40" as 40, and an auto-approval must
 * never follow from a field that is absent or of the wrong type. A rule matches only when it
 * evaluates to exactly `true`; `true` alone is an unconditional rule.
 */
export type PolicyRule = boolean | { [operator: string]: unknown };

export const RULE_LIMITS = { maxDepth: 6, maxNodes: 64, maxChars: 2_000, maxPathChars: 100 } as const;

const COMPARISONS = ["<", "<=", ">", ">="] as const;
const OPERATORS = new Set<string>(["var", "and", "or", "!", "!!", "==", "!=", "in", ...COMPARISONS]);
const PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const FORBIDDEN_SEGMENTS = new Set(["__proto__", "prototype", "constructor"]);

type Scalar = string | number | boolean | null;
const isScalar = (v: unknown): v is Scalar => v === null || ["string", "number", "boolean"].includes(typeof v);
const comparable = (a: unknown, b: unknown) =>
  (typeof a === "number" && typeof b === "number" && Number.isFinite(a) && Number.isFinite(b)) ||
  (typeof a === "string" && typeof b === "string");

/** `a op b` (or `a op b op c`, JSON Logic's "between"): false unless every pair has the same comparable type. */
function strictChain(test: (a: number | string, b: number | string) => boolean) {
  return (args: unknown) => {
    if (!Array.isArray(args) || args.length < 2 || args.length > 3) return false;
    for (let i = 0; i + 1 < args.length; i++) {
      const [a, b] = [args[i], args[i + 1]];
      if (!comparable(a, b) || !test(a as number, b as number)) return false;
    }
    return true;
  };
}

// One engine for the process: only the operators above, no interpreted-optimisation cache keyed
// by rule objects (rules are read fresh from the database every time).
const engine = new LogicEngine(
  {
    var: defaultMethods.var,
    and: defaultMethods.and,
    or: defaultMethods.or,
    "!": defaultMethods["!"],
    "!!": defaultMethods["!!"],
    in: defaultMethods.in,
    "<": strictChain((a, b) => a < b),
    "<=": strictChain((a, b) => a <= b),
    ">": strictChain((a, b) => a > b),
    ">=": strictChain((a, b) => a >= b),
    "==": (args: unknown) => Array.isArray(args) && args.length === 2 && isScalar(args[0]) && args[0] === args[1],
    "!=": (args: unknown) => Array.isArray(args) && args.length === 2 && isScalar(args[0]) && isScalar(args[1]) && args[0] !== args[1],
  },
  { disableInterpretedOptimization: true, maxDepth: RULE_LIMITS.maxDepth + 2 },
);

/** Why a rule is not acceptable, or null. Walks the rule once, counting nodes and depth. */
export function ruleProblem(rule: unknown): string | null {
  let nodes = 0;
  let text: string;
  try {
    text = JSON.stringify(rule);
  } catch {
    return "the rule is not JSON";
  }
  if (text === undefined) return "the rule is empty";
  if (text.length > RULE_LIMITS.maxChars) return `the rule is longer than ${RULE_LIMITS.maxChars} characters`;
  const walk = (node: unknown, depth: number, where: string): string | null => {
    nodes += 1;
    if (nodes > RULE_LIMITS.maxNodes) return `the rule has more than ${RULE_LIMITS.maxNodes} parts`;
    if (depth > RULE_LIMITS.maxDepth) return `the rule is nested deeper than ${RULE_LIMITS.maxDepth} levels`;
    if (isScalar(node)) return typeof node === "number" && !Number.isFinite(node) ? `${where}: numbers must be finite` : null;
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) {
        const problem = walk(item, depth + 1, `${where}[${i}]`);
        if (problem) return problem;
      }
      return null;
    }
    if (typeof node !== "object") return `${where}: unexpected ${typeof node}`;
    const keys = Object.keys(node as object);
    if (keys.length !== 1) return `${where}: an operation is an object with exactly one operator`;
    const op = keys[0]!;
    if (!OPERATORS.has(op)) return `${where}: unknown operator '${op}' (allowed: ${[...OPERATORS].join(" ")})`;
    const args = (node as Record<string, unknown>)[op];
    if (op === "var") {
      const path = Array.isArray(args) && args.length === 1 ? args[0] : args;
      if (typeof path !== "string" || path.length > RULE_LIMITS.maxPathChars || !PATH.test(path)) {
        return `${where}.var: a field path such as "amount" or "customer.country"`;
      }
      if (path.split(".").some((s) => FORBIDDEN_SEGMENTS.has(s))) return `${where}.var: '${path}' is not a field`;
      return null;
    }
    return walk(args, depth + 1, `${where}.${op}`);
  };
  return walk(rule, 0, "rule");
}

/** A rule as it is accepted at every boundary (dashboard, workflow declarations). */
export const policyRuleSchema = z.custom<PolicyRule>(
  (value) => ruleProblem(value) === null && (typeof value === "boolean" || isPlainObject(value)),
  {
    error: (issue) => ruleProblem(issue.input) ?? "a rule is a JSON Logic object or true",
  },
);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Does the rule hold for this payload? Invalid rules and evaluation errors never match (a human decides). */
export function ruleMatches(rule: unknown, payload: unknown): boolean {
  if (ruleProblem(rule) !== null) return false;
  try {
    return engine.run(rule, payload ?? {}) === true;
  } catch {
    return false;
  }
}

const SYMBOL: Record<string, string> = { "<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "!=": "≠" };

/** A rule in words for the dashboard and audit views: `amount ≤ 50 and currency = "EUR"`. */
export function describeRule(rule: unknown, depth = 0): string {
  if (rule === true) return "always";
  if (rule === false) return "never";
  if (!isPlainObject(rule)) return JSON.stringify(rule) ?? "";
  const [op] = Object.keys(rule);
  const raw = rule[op!];
  const args = Array.isArray(raw) ? raw : [raw];
  const term = (v: unknown) => (isPlainObject(v) && "var" in v ? String(Array.isArray(v.var) ? v.var[0] : v.var) : JSON.stringify(v));
  const group = (text: string) => (depth > 0 ? `(${text})` : text);
  if (op === "var") return term(rule);
  if (op && op in SYMBOL) return args.map(term).join(` ${SYMBOL[op]} `);
  if (op === "and" || op === "or") return group(args.map((a) => describeRule(a, depth + 1)).join(` ${op} `));
  if (op === "!") return `not ${describeRule(args[0], depth + 1)}`;
  if (op === "!!") return describeRule(args[0], depth);
  if (op === "in") return `${term(args[0])} in ${JSON.stringify(args[1])}`;
  return JSON.stringify(rule);
}

/**
 * An auto-decision rule declared in a workflow's definition (`policies: [...]`): tasks of this
 * workflow (in `queue`, with `title`, when given) whose payload matches `when` are decided
 * `decide` by the policy, audited as `task.auto_decided` with the actor `system:policy:<workflow>.<id>`.
 */
export interface WorkflowPolicy {
  id: string;
  queue?: string;
  title?: string;
  when: PolicyRule;
  decide: "approve" | "reject";
  /** Shown as the decision's comment (the agent reads it on reject). */
  comment?: string;
}
