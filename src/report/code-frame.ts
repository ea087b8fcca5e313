import type { SourceRange } from "../diagnostics/diagnostic.js";
import { LineIndex } from "../document/lines.js";
import type { Palette } from "./color.js";

/** Longest slice of a source line a frame shows; long lines are cut around the column. */
const MAX_LINE = 160;

/** Options of a code frame. */
export interface CodeFrameOptions {
  /** Lines of context above and below. */
  context?: number;
  /** Masks secrets in a source line before it is shown. */
  redact?: (line: string) => string;
}

/** A Biome-style excerpt of the source with the range underlined. */
export function codeFrame(source: string | LineIndex, range: SourceRange, colors: Palette, options: CodeFrameOptions = {}): string {
  const lines = typeof source === "string" ? new LineIndex(source) : source;
  const context = options.context ?? 1;
  const redact = options.redact ?? ((line: string) => line);
  const first = Math.max(1, range.start.line - context);
  const last = Math.min(lines.lineCount, range.start.line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const source = lines.lineText(n).replace(/^\uFEFF/, "");
    // Mask the whole line before cutting it: a cut through a string literal would hide it from the mask.
    const raw = redact(source);
    // Columns into the masked line: the masked text before the column (exact unless the column is inside a secret).
    const toMasked = (col: number) => (raw === source ? col : Math.min(raw.length, redact(source.slice(0, Math.max(0, col))).length));
    const isTarget = n === range.start.line;
    // Cut long lines so the marked column stays visible.
    const column = isTarget ? toMasked(range.start.column - 1) : 0;
    const cutStart = raw.length > MAX_LINE && column > MAX_LINE / 2 ? column - Math.floor(MAX_LINE / 2) : 0;
    const text = raw.slice(cutStart, cutStart + MAX_LINE);
    const prefix = cutStart > 0 ? "…" : "";
    const suffix = raw.length > cutStart + MAX_LINE ? "…" : "";
    const shown = `${prefix}${expandTabs(text)}${suffix}`;
    const gutter = `${isTarget ? ">" : " "} ${String(n).padStart(width)} | `;
    out.push(`${isTarget ? colors.red(gutter) : colors.dim(gutter)}${shown}`);
    if (isTarget) {
      const before = expandTabs(text.slice(0, Math.max(0, column - cutStart)));
      const endColumn = range.end.line === range.start.line ? toMasked(range.end.column - 1) : raw.length;
      const span = Math.max(1, Math.min(endColumn, cutStart + MAX_LINE) - column);
      const pad = " ".repeat(prefix.length + before.length);
      out.push(`${colors.dim(`  ${" ".repeat(width)} | `)}${pad}${colors.red("^".repeat(span))}`);
    }
  }
  return out.join("\n");
}

function expandTabs(text: string): string {
  return text.replace(/\t/g, "  ");
}
