
import type { Diagnostic, KeyPath, PathSegment } from "../diagnostics/diagnostic.js";
import { formatPath } from "../diagnostics/diagnostic.js";
import { closestMatch } from "../diagnostics/suggest.js";
import { joinOr, typeName } from "../diagnostics/wording.js";
import type { SourceMap } from "../document/source-map.js";
import { isValidConfig } from "../schema/config-check.generated.js";
import { openClawConfigSchema } from "../schema/root.js";

/** Result of validating a config value against the Zod schema. */
export interface ValidationResult {
  valid: boolean;
  diagnostics: Diagnostic[];
}

/** Where a lint rule reports a value better than the schema can; schema issues there are dropped. */
const RULE_OWNED: ((path: KeyPath, value: unknown) => boolean)[] = [
  // invalid-cache-retention / invalid-cache-ttl explain why and suggest the right value.
  (path) => path.at(-2) === "params" && (path.at(-1) === "cacheRetention" || path.at(-1) === "cacheControlTtl"),
  // auth-mode-spelling fixes the api-key / api_key mix-up.
  (path, value) => path[0] === "auth" && path[1] === "profiles" && path.length === 4 && path[3] === "mode" && value === "api-key",
  (path, value) => path[0] === "models" && path[1] === "providers" && path.length === 4 && path[3] === "auth" && value === "api_key",
];

/** Notes for legacy keys OpenClaw's doctor knows how to move. */
const LEGACY_KEYS: Record<string, string> = {
  agent: "`agent` is the legacy single-agent form; current OpenClaw expects `agents.defaults` (run `openclaw doctor` to migrate).",
  providers: "Providers live under `models.providers` in current OpenClaw.",
  identity: "Identity is per agent in current OpenClaw: set it on `agents.entries.<id>.identity` (or `agents.list[].identity`).",
  routing: "Routing moved to `bindings` and `agents` in current OpenClaw.",
};

/**
 * Validates a config value with the Zod schema; every issue becomes a located Diagnostic. The
 * predicate compiled from the same schema answers first: when it accepts the value, Zod would
 * too (src/schema/compile-check.ts), so the schema is built and run only for a config that may
 * have problems.
 */
export function validateConfig(value: unknown, sourceMap: SourceMap, fallbackFile: string): ValidationResult {
  if (isValidConfig(value)) return { valid: true, diagnostics: [] };
  const result = openClawConfigSchema().safeParse(value);
  if (result.success) return { valid: true, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  for (const issue of result.error.issues) {
    for (const d of issueToDiagnostics(issue as ZodIssue, [], value, sourceMap, fallbackFile)) diagnostics.push(d);
  }
  return { valid: false, diagnostics };
}

interface ZodIssue {
  code: string;
  path: PathSegment[];
  message: string;
  expected?: string;
  keys?: string[];
  values?: unknown[];
  errors?: ZodIssue[][];
  minimum?: number | bigint;
  origin?: string;
}

function issueToDiagnostics(issue: ZodIssue, prefix: KeyPath, root: unknown, sourceMap: SourceMap, file: string): Diagnostic[] {
  const path = [...prefix, ...issue.path.map((s) => (typeof s === "symbol" ? String(s) : s))] as PathSegment[];
  const value = valueAt(root, path);
  if (RULE_OWNED.some((owned) => owned(path, value))) return [];

  const make = (at: KeyPath, part: "key" | "value", code: string, message: string, notes?: string[]): Diagnostic => {
    const loc = sourceMap.locate(root, at, part);
    return {
      code,
      severity: "error",
      message,
      file: loc?.file ?? file,
      range: loc?.range ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      path: at,
      ...(notes && notes.length > 0 ? { notes } : {}),
    };
  };

  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeys(path);
      // `$include` is legal at any object level; the includes stage reports its own problems.
      return (issue.keys ?? []).filter((key) => key !== "$include").map((key) => {
        const suggestion = closestMatch(key, known);
        const where = path.length === 0 ? "at the top level" : `in ${formatPath(path)}`;
        const notes: string[] = [];
        if (path.length === 0 && Object.hasOwn(LEGACY_KEYS, key)) notes.push(LEGACY_KEYS[key] as string);
        else if (path.length === 0 && key === "providers") notes.push(LEGACY_KEYS.providers as string);
        notes.push(
          path.length === 0
            ? "OpenClaw refuses to start when the config has an unknown top-level key."
            : `OpenClaw rejects unknown keys ${where}.`,
        );
        const hint = suggestion && suggestion !== key ? `; did you mean \`${suggestion}\`?` : ".";
        return make([...path, key], "key", "schema/unknown-key", `Unknown key \`${key}\` ${where}${hint}`, notes);
      });
    }
    case "invalid_union": {
      const branch = bestBranch(issue.errors ?? [], value);
      if (branch) return branch.flatMap((inner) => issueToDiagnostics(inner, path, root, sourceMap, file));
      return [make(path, "value", "schema/invalid-type", `Invalid value ${describeValue(value)}.`)];
    }
    case "invalid_type": {
      if (value === undefined) {
        const key = path.at(-1);
        return [make(path.slice(0, -1), "key", "schema/missing-key", `Missing required key \`${String(key)}\` in ${formatPath(path.slice(0, -1)) || "the config"}.`)];
      }
      return [
        make(path, "value", "schema/invalid-type", `Expected ${describeExpected(issue.expected)}, but found ${describeValue(value)}.`),
      ];
    }
    case "invalid_value": {
      const options = (issue.values ?? []).map((v) => JSON.stringify(v));
      const suggestion = typeof value === "string" ? closestMatch(value, (issue.values ?? []).map(String)) : undefined;
      const hint = suggestion ? ` Did you mean ${JSON.stringify(suggestion)}?` : "";
      const shown = typeof value === "string" ? JSON.stringify(value) : describeValue(value);
      return [make(path, "value", "schema/invalid-value", `Invalid value ${shown}: expected ${joinOr(options)}.${hint}`)];
    }
    case "too_small": {
      if (typeof value === "string") return [make(path, "value", "schema/invalid-value", "Must not be an empty string.")];
      return [make(path, "value", "schema/invalid-value", `Value ${describeValue(value)} is too small (minimum ${String(issue.minimum)}).`)];
    }
    default:
      return [make(path, "value", "schema/invalid-value", `${issue.message.replace(/^Invalid input: /, "")} (found ${describeValue(value)}).`)];
  }
}

/** Picks the union branch that matches the value's type, so errors describe what the user meant. */
function bestBranch(branches: ZodIssue[][], value: unknown): ZodIssue[] | undefined {
  let best: ZodIssue[] | undefined;
  let bestScore = Infinity;
  for (const branch of branches) {
    const rootTypeMismatch = branch.some((i) => i.code === "invalid_type" && i.path.length === 0);
    const score = (rootTypeMismatch ? 1000 : 0) + branch.length;
    if (score < bestScore) {
      best = branch;
      bestScore = score;
    }
  }
  if (best && best.some((i) => i.code === "invalid_type" && i.path.length === 0)) {
    // No branch accepts this type at all: one summary error is clearer than one per branch.
    const expected = branches.map((b) => b.find((i) => i.path.length === 0 && i.code === "invalid_type")?.expected).filter(Boolean);
    return [{ code: "invalid_type", path: [], message: "", expected: expected.join(" or ") }];
  }
  return best ?? (value === undefined ? undefined : undefined);
}

/** Keys the schema allows on the object at `path` (for "did you mean"). */
function knownKeys(path: KeyPath): string[] {
  let schema: unknown = openClawConfigSchema();
  for (const segment of path) {
    schema = childSchema(schema, segment);
    if (!schema) return [];
  }
  const objectSchema = unwrap(schema);
  const shape = objectSchema ? (def(objectSchema).shape as Record<string, unknown> | undefined) : undefined;
  return shape ? Object.keys(shape) : [];
}

function def(schema: unknown): Record<string, unknown> {
  return ((schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def ?? {}) as Record<string, unknown>;
}

/** Strips optional/nullable/default wrappers and picks the object branch of a union. */
function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 10 && current; i++) {
    const d = def(current);
    if (d.type === "optional" || d.type === "nullable" || d.type === "default") current = d.innerType;
    else if (d.type === "union") current = (d.options as unknown[]).find((o) => def(unwrap(o)).type === "object");
    else return current;
  }
  return current;
}

function childSchema(schema: unknown, segment: PathSegment): unknown {
  const s = unwrap(schema);
  const d = def(s);
  if (d.type === "object") {
    const shape = d.shape as Record<string, unknown>;
    // hasOwn: a key such as `constructor` must not resolve to Object.prototype members.
    return Object.hasOwn(shape, String(segment)) ? shape[String(segment)] : d.catchall;
  }
  if (d.type === "record") return d.valueType;
  if (d.type === "array") return d.element;
  return undefined;
}

/** The value at a path, or undefined. */
export function valueAt(root: unknown, path: KeyPath): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof current !== "object" || current === null) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment as string];
  }
  return current;
}

/** Human description of a value for messages: `a string ("x")`, `a number (42)`, `an array`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)})`;
    case "number":
      return `a number (${Object.is(value, -0) ? "-0" : String(value)})`;
    case "boolean":
      return `a boolean (${String(value)})`;
    case "object":
      return "an object";
    default:
      return String(typeof value);
  }
}

function describeExpected(expected: string | undefined): string {
  if (!expected) return "a different type";
  return expected.split(" or ").map(typeName).join(" or ");
}


