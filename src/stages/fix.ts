import type { Fix, TextEdit } from "../diagnostics/diagnostic.js";
import { applyEdits } from "../document/edits.js";
import type { LintResult, PipelineOptions } from "../pipeline.js";
import { lintText } from "../pipeline.js";

/** `--fix` stops after this many lint-and-fix passes even if fixes keep coming (a rule pair that undoes each other). */
export const MAX_FIX_PASSES = 10;

/** The outcome of fixing one file's text. */
export interface FixResult {
  /** The text with every applicable fix applied (the input when nothing applied). */
  text: string;
  /** Lint of the final text: what is left to do. */
  result: LintResult;
  /** How many fixes were applied over all passes. */
  applied: number;
  passes: number;
}

/**
 * Applies the safe `fix` of each finding (never `suggestions`), then lints again and repeats until
 * nothing changes or `MAX_FIX_PASSES` is reached. Within a pass, fixes are taken in source order
 * and one that overlaps an earlier one waits for the next pass, which sees the edited text. Only
 * edits to `file` itself are applied. `lint` is the pipeline's own unless a test passes another.
 */
export function fixText(text: string, file: string, options: PipelineOptions = {}, lint: typeof lintText = lintText): FixResult {
  let current = text;
  let result = lint(current, file, options);
  let applied = 0;
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const fixes = result.diagnostics.flatMap((d) => (d.file === file && d.fix && d.fix.edits.every((e) => e.file === file) ? [d.fix] : []));
    const accepted: TextEdit[] = [];
    let count = 0;
    for (const fix of sortFixes(fixes)) {
      if (applyEdits(current, [...accepted, ...fix.edits]).ok) {
        accepted.push(...fix.edits);
        count++;
      }
    }
    if (count === 0) break;
    const edited = applyEdits(current, accepted);
    if (!edited.ok || edited.text === current) break;
    current = edited.text;
    applied += count;
    passes++;
    result = lint(current, file, options);
  }
  return { text: current, result, applied, passes };
}

/** Fixes in the order their first edit appears in the file. */
function sortFixes(fixes: readonly Fix[]): Fix[] {
  const start = (fix: Fix) => Math.min(...fix.edits.map((e) => e.start));
  return [...fixes].filter((fix) => fix.edits.length > 0).sort((a, b) => start(a) - start(b));
}
