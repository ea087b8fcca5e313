import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { compareDiagnostics } from "./diagnostics/diagnostic.js";
import type { ConfigDocument } from "./document/document.js";
import { RULES } from "./rules/registry.js";
import type { RuleContext } from "./rules/rule.js";
import type { RuleSetting } from "./stages/lint.js";
import { lintConfig } from "./stages/lint.js";
import { parseConfig } from "./stages/parse.js";
import { validateConfig } from "./stages/validate.js";

/** Options shared by every command that runs the pipeline. */
export interface PipelineOptions {
  /** Severity overrides by rule id (`--rule id=off|warn|error`). */
  rules?: ReadonlyMap<string, RuleSetting>;
}

/** What linting one file produced. */
export interface LintResult {
  file: string;
  /** The source text (for code frames and fixes); absent when the file could not be read. */
  source?: string;
  document?: ConfigDocument;
  diagnostics: Diagnostic[];
}

/** Runs read → parse → validate → lint rules over one file's text. */
export function lintText(text: string, file: string, options: PipelineOptions = {}): LintResult {
  const parsed = parseConfig(text, file);
  const diagnostics = [...parsed.diagnostics];
  const doc = parsed.document;
  if (doc) {
    diagnostics.push(...validateConfig(doc.value, doc.sourceMap, file).diagnostics);
    const base: Omit<RuleContext, "report" | "origin"> = { config: doc.value, sourceMap: doc.sourceMap };
    diagnostics.push(...lintConfig(RULES as never, base as never, file, options.rules));
  }
  diagnostics.sort(compareDiagnostics);
  return { file, source: text, ...(doc ? { document: doc } : {}), diagnostics };
}
