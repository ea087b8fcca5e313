import type { Diagnostic, KeyPath, SourceRange } from "../diagnostics/diagnostic.js";
import { LineIndex } from "../document/lines.js";

/** Where a variable's value was defined. */
export type EnvSource =
  | { kind: "config"; path: KeyPath }
  | { kind: "env-file"; file: string; line: number; /** The variable name's range. */ range?: SourceRange }
  | { kind: "process" };

/** One environment variable as OpenClaw would see it, with where it came from. */
export interface EnvVar {
  name: string;
  value: string;
  source: EnvSource;
  /** Definitions of the same name from lower-precedence sources that OpenClaw ignores. */
  shadows?: EnvVar[];
}

/** Variables of one dotenv file and the problems found in it. */
export interface DotenvResult {
  vars: Map<string, EnvVar>;
  diagnostics: Diagnostic[];
}

const NAME_CHAR = /[A-Za-z0-9_.-]/;
const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const NOT_APPLIED = "The dotenv loader skips or misreads this line, so the variable is not set as written.";

/**
 * Parses a dotenv file the way the `dotenv` package reads `~/.openclaw/.env`: `KEY=value`,
 * `export KEY=value`, `#` comments, quoted values (double quotes expand `\n` and `\r`; single
 * quotes and backticks are literal; quoted values may span lines), ` #` comments after unquoted
 * values, CRLF. A name defined twice keeps its last value. Malformed lines become
 * `env-file/invalid-line` warnings and are skipped; nothing throws.
 */
export function parseDotenv(text: string, file: string): DotenvResult {
  const lines = new LineIndex(text);
  const vars = new Map<string, EnvVar>();
  const diagnostics: Diagnostic[] = [];
  const n = text.length;

  const warn = (message: string, start: number, end: number, notes: string[] = [NOT_APPLIED]): void => {
    diagnostics.push({
      code: "env-file/invalid-line",
      severity: "warning",
      message,
      file,
      range: lines.range(start, end),
      path: [],
      notes,
    });
  };

  let lineStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (lineStart <= n) {
    const lineEnd = findLineEnd(text, lineStart);
    const contentEnd = trimEndOffset(text, lineStart, lineEnd);
    let i = skipBlanks(text, lineStart, lineEnd);
    let next = nextLineStart(text, lineEnd);

    if (i < lineEnd && text[i] !== "#") {
      const afterExport = /^export[ \t]+/.exec(text.slice(i, lineEnd));
      if (afterExport && text.slice(i + afterExport[0].length, lineEnd).trim() !== "") i += afterExport[0].length;

      const nameStart = i;
      while (i < lineEnd && NAME_CHAR.test(text[i] as string)) i++;
      const nameEnd = i;
      const name = text.slice(nameStart, nameEnd);
      const equals = skipBlanks(text, nameEnd, lineEnd);

      if (nameEnd === nameStart) {
        warn("Expected a variable name at the start of the line (`KEY=value`).", nameStart, contentEnd);
      } else if (!VALID_NAME.test(name)) {
        warn("Invalid variable name: a name starts with a letter or underscore.", nameStart, nameEnd);
      } else if (text[equals] !== "=") {
        const hasEquals = text.slice(equals, lineEnd).includes("=");
        warn(
          hasEquals ? "Expected `=` after the variable name; names cannot contain spaces or other symbols." : "Expected `=` after the variable name.",
          equals,
          equals === lineEnd ? equals : contentEnd,
          hasEquals ? [NOT_APPLIED] : [NOT_APPLIED, "Write `KEY=value`; a line with only a name sets nothing."],
        );
      } else {
        const parsed = readValue(text, equals + 1, lineEnd);
        if ("error" in parsed) {
          warn(parsed.error, parsed.start, parsed.end, parsed.notes);
        } else {
          const range = lines.range(nameStart, nameEnd);
          const defined: EnvVar = { name, value: parsed.value, source: { kind: "env-file", file, line: range.start.line, range } };
          const earlier = vars.get(name);
          if (earlier && earlier.source.kind === "env-file") {
            diagnostics.push({
              code: "env-file/duplicate-key",
              severity: "warning",
              message: `${name} is already set on line ${earlier.source.line}; this later value wins.`,
              file,
              range,
              path: [],
              notes: ["Delete one of the two lines so the file says which value is used."],
              ...(earlier.source.range ? { related: [{ file, range: earlier.source.range, message: "first definition" }] } : {}),
            });
          }
          vars.set(name, defined);
          if (parsed.endLineEnd !== lineEnd) next = nextLineStart(text, parsed.endLineEnd);
        }
      }
    }
    if (next > n) break;
    lineStart = next;
  }
  return { vars, diagnostics };
}

type ValueResult = { value: string; endLineEnd: number } | { error: string; start: number; end: number; notes: string[] };

/** Reads the value after `=`; `endLineEnd` is the end of the line the value ends on (later for multi-line values). */
function readValue(text: string, from: number, lineEnd: number): ValueResult {
  const start = skipBlanks(text, from, lineEnd);
  const quote = text[start];
  if (quote !== '"' && quote !== "'" && quote !== "`") {
    const raw = text.slice(from, lineEnd);
    const comment = /[ \t]#/.exec(raw);
    return { value: (comment ? raw.slice(0, comment.index) : raw).trim(), endLineEnd: lineEnd };
  }

  let close = -1;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === "\\") i++;
    else if (c === quote) {
      close = i;
      break;
    }
  }
  const unterminated: ValueResult = {
    error: `The quoted value is never closed: add the closing ${quote}.`,
    start,
    end: start + 1,
    notes: [NOT_APPLIED],
  };
  if (close === -1) return unterminated;

  const closeLineEnd = findLineEnd(text, close + 1);
  const rest = skipBlanks(text, close + 1, closeLineEnd);
  const restIsClean = rest === closeLineEnd || text[rest] === "#";
  if (closeLineEnd !== lineEnd && !restIsClean) {
    // The next quote character belongs to some later line, not to this value.
    return unterminated;
  }
  if (!restIsClean) {
    return {
      error: "Unexpected text after the closing quote.",
      start: rest,
      end: trimEndOffset(text, rest, closeLineEnd),
      notes: [NOT_APPLIED, "Quote the whole value, or put a space before a `#` comment."],
    };
  }
  let value = text.slice(start + 1, close).replace(/\r\n?|[\u2028\u2029]/g, "\n");
  if (quote === '"') value = value.replace(/\\n/g, "\n").replace(/\\r/g, "\r");
  return { value, endLineEnd: closeLineEnd };
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** Offset of the line break ending the line that contains `from` (or the text length). */
function findLineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isLineBreak(text.charCodeAt(i))) i++;
  return i;
}

/** Offset just after the line break at `lineEnd`; past the end when there is none. */
function nextLineStart(text: string, lineEnd: number): number {
  if (lineEnd >= text.length) return text.length + 1;
  return text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : lineEnd + 1;
}

function skipBlanks(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && (text[i] === " " || text[i] === "\t")) i++;
  return i;
}

function trimEndOffset(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && (text[e - 1] === " " || text[e - 1] === "\t")) e--;
  return e;
}
