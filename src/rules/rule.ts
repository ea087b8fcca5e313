import type { Diagnostic, Fix, KeyPath, Severity, SourceRange } from "../diagnostics/diagnostic.js";
import type { Origin, SourceMap } from "../document/source-map.js";

/** Long-form documentation of a rule; drives `openclaw-config rules <id>` and docs/rules/<id>.md. */
export interface RuleDocs {
  /** What the rule checks, a paragraph. */
  checks: string;
  /** Why it matters. */
  why: string;
  /** A JSON5 snippet the rule reports. */
  invalid: string;
  /** The same snippet, fixed. */
  valid: string;
  /** How to fix it. */
  fix: string;
}

/** Static description of a rule. */
export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** `fix`: `lint --fix` applies it; `suggestion`: shown, never applied; `none`. */
  fixable: "fix" | "suggestion" | "none";
  docs: RuleDocs;
}

/** One finding as a rule states it: a key path, and the framework finds the range. */
export interface RuleReport {
  path: KeyPath;
  /** Report the key token (e.g. a deprecated key) or the value (default). */
  part?: "key" | "value";
  message: string;
  notes?: string[];
  fix?: Fix;
  suggestions?: Fix[];
  /** Overrides the rule's severity for this finding (e.g. a warning tier of an error rule). */
  severity?: Severity;
  /** For findings outside the config (an auth store): the file and range to report. */
  at?: { file: string; range: SourceRange };
}

/** What a rule sees. Extended by the lint stage with auth mode and effective params. */
export interface RuleContext {
  /** The config value as written (includes merged, before migrations). */
  config: unknown;
  sourceMap: SourceMap;
  /** Where the value at `path` was written, when it exists. */
  origin(path: KeyPath): Origin | undefined;
  report(finding: RuleReport): void;
}

/** A rule: metadata plus one check over the context. */
export interface Rule<C extends RuleContext = RuleContext> {
  meta: RuleMeta;
  check(context: C): void;
}

/** Identity function that types a rule definition. */
export function defineRule<C extends RuleContext = RuleContext>(rule: Rule<C>): Rule<C> {
  return rule;
}

/** A finding turned into a Diagnostic by the framework. */
export type RuleDiagnostic = Diagnostic;
