/** Severity of a finding; `error` fails the run, `warning` counts toward --max-warnings. */
export type Severity = "error" | "warning" | "info";

/** A point in a source file: 1-based line and column (UTF-16 code units), 0-based offset. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A half-open source range [start, end). */
export interface SourceRange {
  start: Position;
  end: Position;
}

/** One step of a key path: an object key or an array index. */
export type PathSegment = string | number;
/** Location of a value inside the config, e.g. ["agents", "list", 0, "params"]. */
export type KeyPath = readonly PathSegment[];

/** Replace the text in [start, end) of `file` with `text`. Offsets index the original source. */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  text: string;
}

/** A set of edits that together make one change; `safe` fixes are applied by `--fix`. */
export interface Fix {
  description: string;
  edits: TextEdit[];
}

/** The one shape every finding takes, from the parser, the schema, includes and the rules. */
export interface Diagnostic {
  /** Stable namespaced id: `parse/unexpected-token`, `schema/unknown-key`, `lint/deprecated-cache-ttl`. */
  code: string;
  severity: Severity;
  message: string;
  file: string;
  range: SourceRange;
  /** Key path of the offending key or value; empty for whole-file problems. */
  path: KeyPath;
  /** Why it matters and what to do, one sentence each. */
  notes?: string[];
  /** Where the long-form documentation lives. */
  docs?: string;
  /** A safe fix, applied by `lint --fix`. */
  fix?: Fix;
  /** Fixes that change meaning; shown, never applied automatically. */
  suggestions?: Fix[];
  /** Other places that matter (e.g. the first occurrence of a duplicate key). */
  related?: { file: string; range: SourceRange; message: string }[];
}

/** Start-of-file range, for problems that have no better place. */
export const FILE_START: SourceRange = {
  start: { line: 1, column: 1, offset: 0 },
  end: { line: 1, column: 1, offset: 0 },
};

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Formats a key path the way a user would write it: `agents.defaults.models["anthropic/x"].params`. */
export function formatPath(path: KeyPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Orders diagnostics by file, position, then code, so output is deterministic. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.range.start.offset !== b.range.start.offset) return a.range.start.offset - b.range.start.offset;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
