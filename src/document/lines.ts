import type { Position, SourceRange } from "../diagnostics/diagnostic.js";

/**
 * Converts offsets to line/column positions, queried by binary search. The line starts are found on
 * the first query: a large file that lints clean is never asked for a position.
 */
export class LineIndex {
  private lineStarts: number[] | undefined = undefined;

  constructor(readonly text: string) {}

  private get starts(): number[] {
    this.lineStarts ??= findLineStarts(this.text);
    return this.lineStarts;
  }

  /** Number of lines in the text. */
  get lineCount(): number {
    return this.starts.length;
  }

  /** Position of an offset (clamped into the text). */
  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - (starts[lo] ?? 0) + 1, offset: clamped };
  }

  /** Range between two offsets. */
  range(start: number, end: number): SourceRange {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const starts = this.starts;
    const start = starts[line - 1];
    if (start === undefined) return "";
    const next = starts[line];
    let end = next === undefined ? this.text.length : next;
    while (end > start) {
      const c = this.text.charCodeAt(end - 1);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) end--;
      else break;
    }
    return this.text.slice(start, end);
  }

  /** Offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }
}

/** Offsets where each line starts. */
function findLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // \r\n counts as one break; a lone \r or \n is also a break, as in JSON5.
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 0x2028 || c === 0x2029) starts.push(i + 1);
  }
  return starts;
}
