import { resolve } from "node:path";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { compareDiagnostics } from "./diagnostics/diagnostic.js";
import type { ConfigDocument } from "./document/document.js";
import { RULES } from "./rules/registry.js";
import type { AuthDecision } from "./auth/mode.js";
import type { RuleSetting } from "./stages/lint.js";
import { lintConfig } from "./stages/lint.js";
import type { LintInputs } from "./stages/lint-context.js";
import { prepareLintContext } from "./stages/lint-context.js";
import { resolveIncludes } from "./stages/includes.js";
import { parseConfig } from "./stages/parse.js";
import { mayHoldReference, substituteEnv } from "./stages/substitute-env.js";
import { validateConfig } from "./stages/validate.js";
import type { OpenClawSchemaValidator } from "./stages/validate-openclaw-schema.js";

/** Options shared by every command that runs the pipeline (auth, env files, stores: see LintInputs). */
export interface PipelineOptions extends LintInputs {
  /** Severity overrides by rule id (`--rule id=off|warn|error`). */
  rules?: ReadonlyMap<string, RuleSetting>;
  /** `--openclaw-schema <file>`, compiled: the whole file is also checked against OpenClaw's own schema. */
  openclawSchema?: OpenClawSchemaValidator;
  /** Folder `file` is relative to, for `$include` paths (default: the process's working folder). */
  cwd?: string;
}

/** What linting one file produced. */
export interface LintResult {
  file: string;
  /** The source text (for code frames and fixes); absent when the file could not be read. */
  source?: string;
  document?: ConfigDocument;
  /** Diagnostics of this file, and of the env files and auth stores it was linted with (each names its file). */
  diagnostics: Diagnostic[];
  /** The Anthropic auth mode the rules ran with, and what decided it (absent when the file did not parse). */
  auth?: AuthDecision;
}

/**
 * Runs parse → resolve includes → validate → lint rules over one file's text. Rules and the schema
 * see the merged config with `${VAR}` references as written (a reference is not a value to check);
 * substitution runs for its own diagnostics (malformed references; undefined variables when an
 * environment was given).
 */
export function lintText(text: string, file: string, options: PipelineOptions = {}): LintResult {
  const parsed = parseConfig(text, file);
  const diagnostics = [...parsed.diagnostics];
  const doc = parsed.document;
  let auth: AuthDecision | undefined;
  if (doc) {
    const included = resolveIncludes(doc, { rootPath: resolve(options.cwd ?? process.cwd(), file) });
    diagnostics.push(...included.diagnostics);
    const { value, sourceMap } = included;
    diagnostics.push(...validateConfig(value, sourceMap, file).diagnostics);
    const context = prepareLintContext(value, sourceMap, options);
    diagnostics.push(...context.diagnostics);
    const environmentGiven = (options.envFiles?.length ?? 0) > 0 || options.processEnv !== undefined;
    // Only strings with a `$` can hold a reference: when no file can have one, the walk finds nothing.
    const texts = [...included.documents.values()].map((document) => document.text);
    const substitution = texts.some(mayHoldReference)
      ? substituteEnv(value, sourceMap, { vars: context.base.env, environmentGiven })
      : { value, diagnostics: [] };
    // Without the real environment an unset variable says nothing about the config: lint stays quiet about it.
    const unknowable = new Set(environmentGiven ? [] : ["env/undefined-variable", "env/empty-variable"]);
    diagnostics.push(...substitution.diagnostics.filter((d) => !unknowable.has(d.code)));
    diagnostics.push(...lintConfig(RULES as never, context.base as never, file, options.rules));
    // Last, so a finding the project's schema or a rule already reported at the same place is not repeated.
    if (options.openclawSchema) diagnostics.push(...options.openclawSchema.validate(value, sourceMap, file, diagnostics));
    auth = context.base.auth;
  }
  diagnostics.sort(compareDiagnostics);
  return { file, source: text, ...(doc ? { document: doc } : {}), diagnostics, ...(auth ? { auth } : {}) };
}
