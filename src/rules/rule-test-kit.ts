// Test support for rule tables: runs one rule over JSON5 source with a hand-built LintContext, so a
// rule's tests do not depend on the pipeline deciding auth, collecting env or merging params.
import type { EnvSource, EnvVar } from "../auth/dotenv.js";
import type { AuthDecision, AuthMode } from "../auth/mode.js";
import type { Diagnostic, Fix, KeyPath, SourceRange } from "../diagnostics/diagnostic.js";
import type { ConfigDocument } from "../document/document.js";
import { applyEdits } from "../document/edits.js";
import type { RuleSetting } from "../stages/lint.js";
import { lintConfig } from "../stages/lint.js";
import { parseConfig } from "../stages/parse.js";
import type { AgentRef, LintContext, LintStores, ModelParams, ParamLayer } from "./context.js";
import type { Rule } from "./rule.js";

/** A fixed "now" for rule tests: 2026-09-01T12:00:00Z. */
export const TEST_NOW = Date.UTC(2026, 8, 1, 12, 0, 0);

/** The file name rule tests report against unless a case names another. */
export const TEST_FILE = "openclaw.json5";

/** What a rule test may set on the context; everything else gets a neutral default. */
export interface RuleRunOptions {
  /** An auth mode (decided "by --auth" for the test) or a whole decision. Default: unknown. */
  auth?: AuthMode | AuthDecision;
  /** Environment variables: `NAME: value` pairs (source: the process environment) or prepared EnvVars. */
  env?: Readonly<Record<string, string>> | ReadonlyMap<string, EnvVar>;
  /** (agent, model) pairs with merged params; default none. */
  models?: readonly ModelParams[];
  /** A function of the parsed config, for models built from it (e.g. part 1's effective params). */
  modelsOf?: (config: unknown) => readonly ModelParams[];
  stores?: LintStores;
  now?: number;
  file?: string;
  /** `--rule` overrides. */
  settings?: ReadonlyMap<string, RuleSetting>;
}

/** What running a rule produced. */
export interface RuleRun {
  diagnostics: Diagnostic[];
  document: ConfigDocument;
}

/** Parses `text` (it must parse) and runs `rule` over it with the given context values. */
export function runRule(rule: Rule<LintContext>, text: string, options: RuleRunOptions = {}): RuleRun {
  const file = options.file ?? TEST_FILE;
  const parsed = parseConfig(text, file);
  const document = parsed.document;
  if (!document) throw new Error(`test source does not parse: ${parsed.diagnostics.map((d) => d.message).join("; ")}`);
  const base: Omit<LintContext, "report" | "origin"> = {
    config: document.value,
    sourceMap: document.sourceMap,
    auth: authDecision(options.auth),
    env: envMap(options.env),
    models: options.modelsOf ? options.modelsOf(document.value) : (options.models ?? []),
    stores: options.stores ?? {},
    now: options.now ?? TEST_NOW,
  };
  return { diagnostics: lintConfig([rule], base, file, options.settings), document };
}

/** One diagnostic as a line for exact assertions: `2:5-2:20 error message`. */
export function describeFinding(d: Diagnostic): string {
  return `${describeRange(d.range)} ${d.severity} ${d.message}`;
}

/** `line:column-line:column` of a range. */
export function describeRange(range: SourceRange): string {
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

/**
 * `line:column-line:column` of the `nth` (1-based) occurrence of `needle` in `text`, found by plain
 * string search: an expectation computed independently of the parser, for sources built at run time.
 */
export function spanOf(text: string, needle: string, nth = 1): string {
  let index = -1;
  for (let i = 0; i < nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index === -1) throw new Error(`${JSON.stringify(needle)} occurs fewer than ${nth} times`);
  }
  const at = (offset: number): string => {
    const before = text.slice(0, offset);
    const lineStart = before.lastIndexOf("\n") + 1;
    return `${before.split("\n").length}:${offset - lineStart + 1}`;
  };
  return `${at(index)}-${at(index + needle.length)}`;
}

/** Runs `rule` and describes each finding with `describeFinding`, in report order. */
export function findings(rule: Rule<LintContext>, text: string, options: RuleRunOptions = {}): string[] {
  return runRule(rule, text, options).diagnostics.map(describeFinding);
}

/** The text after applying one fix (or suggestion); throws when its edits cannot be applied. */
export function applyFix(text: string, fix: Fix | undefined): string {
  if (!fix) throw new Error("no fix to apply");
  const result = applyEdits(text, fix.edits);
  if (!result.ok) throw new Error(result.error);
  return result.text;
}

/** An AuthDecision for tests: `--auth <mode>`, or "unknown" with nothing deciding. */
export function authDecision(auth: AuthMode | AuthDecision | undefined): AuthDecision {
  if (typeof auth === "object") return auth;
  if (auth === "api-key" || auth === "subscription") return { mode: auth, source: `--auth ${auth} was given on the command line`, via: "flag" };
  return { mode: "unknown", source: "nothing decides the auth mode in this test", via: "none" };
}

/** An environment map from `NAME: value` pairs (all from `source`, default the process environment). */
export function envMap(
  env: Readonly<Record<string, string>> | ReadonlyMap<string, EnvVar> | undefined,
  source: EnvSource = { kind: "process" },
): ReadonlyMap<string, EnvVar> {
  if (env instanceof Map) return env;
  const map = new Map<string, EnvVar>();
  for (const [name, value] of Object.entries(env ?? {})) map.set(name, { name, value, source });
  return map;
}

/** A ModelParams without params layers, for rules that only ask which agent uses which model. */
export function modelUse(agent: AgentRef, model: string, role: ModelParams["role"] = "primary", layers: readonly ParamLayer[] = []): ModelParams {
  const slash = model.indexOf("/");
  const merged: Record<string, unknown> = {};
  const sourceOf = new Map<string, KeyPath>();
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer.params)) {
      merged[key] = value;
      sourceOf.set(key, [...layer.path, key]);
    }
  }
  return { agent, model, provider: slash === -1 ? "" : model.slice(0, slash).toLowerCase(), role, layers, merged, sourceOf };
}

/** Configs whose sections have the wrong shapes; rules must neither throw nor report on them (the schema does). */
export const MALFORMED_SECTIONS: readonly [string, string][] = [
  ["sections that are arrays", "{ agents: [], models: [], auth: [], env: [], channels: [] }"],
  ["sections that are scalars", '{ agents: 1, models: "x", auth: null, env: true }'],
  ["containers that are arrays", "{ agents: { defaults: [], list: {}, entries: [] }, models: { providers: [] }, auth: { profiles: [], order: [] }, env: { vars: [] } }"],
  ["entries that are scalars", '{ agents: { list: [1, null, "a"], entries: { a: 1 } }, models: { providers: { anthropic: 1, x: { headers: 1, models: [1] } } }, auth: { order: { anthropic: "a:b" } } }'],
  ["__proto__ keys", '{ "__proto__": { "env": { "ANTHROPIC_API_KEY": 1 } }, "models": { "providers": { "__proto__": { "apiKey": 1 } } } }'],
];

/** AgentRefs as the effective-params stage names them. */
export const AGENT = {
  defaults: { kind: "defaults", id: "defaults", path: ["agents", "defaults"] } as AgentRef,
  list: (index: number, id: string): AgentRef => ({ kind: "list", id, path: ["agents", "list", index] }),
  entries: (id: string): AgentRef => ({ kind: "entries", id, path: ["agents", "entries", id] }),
};
