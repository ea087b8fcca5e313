import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { RuleMeta } from "../rules/rule.js";
import type { RunReport } from "./report.js";

/** A rule description used by reporter tests, so their expected output does not change as rules are added. */
export const SAMPLE_RULE: RuleMeta = {
  id: "deprecated-cache-ttl",
  description: "`cacheControlTtl` is the legacy spelling of `cacheRetention`.",
  defaultSeverity: "warning",
  fixable: "fix",
  docs: {
    checks: "Reports every `cacheControlTtl` key in a model's `params`.",
    why: "OpenClaw still reads it, but only `cacheRetention` is documented.",
    invalid: '{ params: { cacheControlTtl: "1h" } }',
    valid: '{ params: { cacheRetention: "long" } }',
    fix: "Run `openclaw-config lint --fix`, which rewrites the key and maps `5m` to `short` and `1h` to `long`.",
  },
};

/** Source of configs/openclaw.json5 in the sample run. */
export const SAMPLE_SOURCE = '{\n  agent: {},\n  agents: { defaults: { params: { cacheControlTtl: "1h" } } },\n}\n';

/** The error of the sample run: an unknown top-level key. */
export const SAMPLE_ERROR: Diagnostic = {
  code: "schema/unknown-key",
  severity: "error",
  message: "Unknown key `agent` at the top level; did you mean `agents`?",
  file: "configs/openclaw.json5",
  range: { start: { line: 2, column: 3, offset: 4 }, end: { line: 2, column: 8, offset: 9 } },
  path: ["agent"],
  notes: ["OpenClaw refuses to start when the config has an unknown top-level key."],
};

/** The warning of the sample run: a legacy key with a safe fix. */
export const SAMPLE_WARNING: Diagnostic = {
  code: "lint/deprecated-cache-ttl",
  severity: "warning",
  message: "`cacheControlTtl` is deprecated; use `cacheRetention: \"long\"`.",
  file: "configs/openclaw.json5",
  range: { start: { line: 3, column: 35, offset: 49 }, end: { line: 3, column: 50, offset: 64 } },
  path: ["agents", "defaults", "params", "cacheControlTtl"],
  docs: "docs/rules/deprecated-cache-ttl.md",
  fix: {
    description: 'Replace `cacheControlTtl: "1h"` with `cacheRetention: "long"`',
    edits: [{ file: "configs/openclaw.json5", start: 49, end: 70, text: 'cacheRetention: "long"' }],
  },
};

/** The working directory of the sample run. */
export const SAMPLE_CWD = "/repo";

/** One config with one error and one warning, plus a clean file. */
export const SAMPLE_RUN: RunReport = {
  files: [
    { file: "configs/openclaw.json5", source: SAMPLE_SOURCE, diagnostics: [SAMPLE_ERROR, SAMPLE_WARNING] },
    { file: "configs/clean.json5", source: "{}\n", diagnostics: [] },
  ],
};
