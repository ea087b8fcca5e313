import type { ValueNode } from "@humanwhocodes/momoa";
import type { Diagnostic, PathSegment } from "../diagnostics/diagnostic.js";
import type { ConfigDocument } from "../document/document.js";
import type { Json5Document } from "../document/json5-parser.js";
import { Json5SyntaxError, parseJson5 } from "../document/json5-parser.js";
import { LineIndex } from "../document/lines.js";
import type { Origin, OriginSource } from "../document/source-map.js";
import { SourceMap } from "../document/source-map.js";

/** Deeper nesting than this is refused before parsing (real configs nest < 20; nothing useful is deeper). */
export const MAX_NESTING = 1000;
/** Larger files are refused: OpenClaw configs are kilobytes, and parsing costs memory per token. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** Result of parsing one file: a document when the text is a JSON5 object, and what was wrong. */
export interface ParseResult {
  document?: ConfigDocument;
  diagnostics: Diagnostic[];
}

/** The diagnostic for a file over MAX_FILE_BYTES (checked on the file's size before it is read, and on text). */
export function fileTooLarge(size: number, file: string): Diagnostic {
  const start = { line: 1, column: 1, offset: 0 };
  return {
    code: "parse/file-too-large",
    severity: "error",
    message: `File is ${formatSize(size)}; the limit is ${formatSize(MAX_FILE_BYTES)}.`,
    file,
    range: { start, end: start },
    path: [],
    notes: ["An OpenClaw config is a few kilobytes; a file this large is almost certainly not a config."],
  };
}

/**
 * Parses JSON5 text into a ConfigDocument; syntax problems become diagnostics, never exceptions.
 * `anyRoot` accepts an array or scalar at the top level (an `$include`d file may hold one).
 */
export function parseConfig(text: string, file: string, options: { anyRoot?: boolean } = {}): ParseResult {
  const lines = new LineIndex(text);
  const fail = (code: string, message: string, start: number, end: number, notes?: string[]): ParseResult => ({
    diagnostics: [
      { code, severity: "error", message, file, range: lines.range(start, end), path: [], ...(notes ? { notes } : {}) },
    ],
  });

  if (text.length > MAX_FILE_BYTES) return { diagnostics: [fileTooLarge(text.length, file)] };
  const binary = text.indexOf("\u0000");
  if (binary !== -1) {
    return fail("parse/binary", "File contains a NUL character; it is not a text file.", binary, binary + 1);
  }
  const hasBom = text.charCodeAt(0) === 0xfeff;
  const body = hasBom ? text.slice(1) : text;
  if (body.trim() === "") {
    return fail("parse/empty-file", "File is empty.", 0, 0, ["An OpenClaw config is a JSON5 object; the smallest valid config is `{}`."]);
  }
  const depth = nestingDepth(text, MAX_NESTING);
  if (depth !== -1) {
    return fail("parse/too-deep", `Nesting is deeper than ${MAX_NESTING} levels.`, depth, depth + 1, [
      "OpenClaw configs nest a few levels deep; this file is not a usable config.",
    ]);
  }

  let tree: Json5Document;
  try {
    // The parser builds the value as JSON5.parse does (`__proto__` stays an ordinary key) and keeps a
    // compact tree; nodes, tokens and origins are made only when a diagnostic or a fix asks for them.
    tree = parseJson5(text, lines);
  } catch (error) {
    return syntaxError(error, text, file, lines);
  }

  const root = tree.body;
  if (root.type !== "Object" && !options.anyRoot) {
    return fail("parse/root-not-object", `The config must be an object, but the file holds ${describeNode(root)}.`, root.loc.start.offset, root.loc.end.offset, [
      "OpenClaw reads the top level as an object of sections, such as `{ agents: { ... } }`.",
    ]);
  }
  const sourceMap = new SourceMap();
  const doc: ConfigDocument = {
    file,
    text,
    lines,
    ast: tree,
    // Scanned on first use: only edits and fixes need tokens.
    get tokens() {
      return tree.tokens;
    },
    value: tree.value,
    sourceMap,
    eol: detectEol(text),
    hasBom,
  };
  sourceMap.addSource(new DocumentOrigins(doc, tree));
  if (typeof doc.value === "object" && doc.value !== null) sourceMap.setRoot(doc.value, { doc, node: root });
  const diagnostics: Diagnostic[] = tree.duplicates.map(({ key, earlier, later }) => ({
    code: "parse/duplicate-key",
    severity: "warning",
    message: `Duplicate key ${JSON.stringify(key)}: it is already set on line ${lines.position(earlier[0]).line}; JSON5 keeps this later value and silently drops the earlier one.`,
    file,
    range: lines.range(later[0], later[1]),
    path: [],
    notes: ["Delete one of the two entries so the file says what OpenClaw will actually use."],
    related: [{ file, range: lines.range(earlier[0], earlier[1]), message: "first definition" }],
  }));
  return { document: doc, diagnostics };
}

/** Origins of a parsed file's values, made from its syntax tree when someone asks for them. */
class DocumentOrigins implements OriginSource {
  constructor(
    private readonly doc: ConfigDocument,
    private readonly tree: Json5Document,
  ) {}

  origins(container: object): Map<PathSegment, Origin> | undefined {
    const parent = this.tree.nodeOfValue(container);
    if (parent === undefined) return undefined;
    const doc = this.doc;
    const origins = new Map<PathSegment, Origin>();
    if (parent.type === "Object") {
      // A repeated key keeps its first place and takes the last member, as the value does.
      for (const member of parent.members) {
        origins.set(member.name.type === "String" ? member.name.value : member.name.name, { doc, key: member.name, node: member.value, parent, member });
      }
    } else {
      const elements = parent.elements;
      for (let i = 0; i < elements.length; i++) origins.set(i, { doc, node: (elements[i] as (typeof elements)[number]).value, parent });
    }
    return origins;
  }

  segments(container: object): PathSegment[] | undefined {
    return this.tree.memberSegments(container);
  }
}

/**
 * Calls `visit` with the offset of each bracket outside strings and comments, in order; stops early
 * when it returns true. One cheap pass, used before parsing (depth limit) and after a failed parse.
 */
function scanBrackets(text: string, visit: (offset: number, opening: boolean) => boolean | void): void {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91 || c === 125 || c === 93) {
      if (visit(i, c === 123 || c === 91)) return;
    } else if (c === 34 || c === 39) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === c || d === 10) break;
      }
    } else if (c === 47) {
      const next = text.charCodeAt(i + 1);
      if (next === 47) {
        const end = text.indexOf("\n", i);
        i = end === -1 ? n : end;
      } else if (next === 42) {
        const end = text.indexOf("*/", i + 2);
        i = end === -1 ? n : end + 1;
      }
    }
  }
}

/** Offset of the first bracket that exceeds `limit` levels, or -1; skips strings and comments. */
export function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let over = -1;
  scanBrackets(text, (offset, opening) => {
    depth += opening ? 1 : -1;
    if (depth > limit) over = offset;
    return over !== -1;
  });
  return over;
}

function syntaxError(error: unknown, text: string, file: string, lines: LineIndex): ParseResult {
  if (!(error instanceof Json5SyntaxError)) {
    // Not a syntax error (e.g. the engine ran out of memory): still a diagnostic, never a crash.
    const e = error as { message?: unknown } | undefined;
    return {
      diagnostics: [
        {
          code: "parse/failed",
          severity: "error",
          message: `Could not parse the file: ${String(e?.message ?? error)}`,
          file,
          range: lines.range(0, 0),
          path: [],
        },
      ],
    };
  }
  let offset = Math.min(error.offset, text.length);
  let code = "parse/unexpected-token";
  let tokenLength = 1;
  let message: string;
  const notes: string[] = [];
  if (error.kind === "end" && error.empty) {
    return {
      diagnostics: [
        {
          code: "parse/empty-file",
          severity: "error",
          message: "File contains only comments.",
          file,
          range: lines.range(0, 0),
          path: [],
          notes: ["An OpenClaw config is a JSON5 object; the smallest valid config is `{}`."],
        },
      ],
    };
  }
  if (error.kind === "end") {
    code = "parse/unexpected-eof";
    message = "Unexpected end of file";
    offset = text.length;
    const open = unclosedBracket(text);
    notes.push(open ? `The ${open.char} on line ${lines.position(open.offset).line} is never closed.` : "The file ends in the middle of a value.");
  } else if (error.kind === "character") {
    code = "parse/unexpected-character";
    const ch = text[offset] ?? "";
    message = `Unexpected character ${JSON.stringify(ch)}`;
    if (ch === "{" && text.slice(Math.max(0, offset - 2), offset) === "\\u") {
      notes.push("JSON5 does not support ES6 `\\u{...}` escapes; write the character itself or a UTF-16 surrogate pair such as `\\ud83e\\udd15`.");
    }
  } else {
    const token = text.slice(offset, offset + 20).split(/[\s,:]/)[0] ?? "";
    message = `Unexpected ${token ? JSON.stringify(token) : "token"}`;
    tokenLength = token.length;
    if (/^["'A-Za-z_$]/.test(token) && previousSignificant(text, offset) !== ",") {
      notes.push("A comma is probably missing before it.");
    }
  }
  return {
    diagnostics: [
      {
        code,
        severity: "error",
        message: `${message} (not valid JSON5).`,
        file,
        range: lines.range(offset, Math.min(offset + Math.max(1, tokenLength), text.length)),
        path: [],
        ...(notes.length > 0 ? { notes } : {}),
      },
    ],
  };
}

function previousSignificant(text: string, offset: number): string {
  for (let i = offset - 1; i >= 0; i--) {
    const ch = text[i] as string;
    if (!/\s/.test(ch)) return ch;
  }
  return "";
}

/** The innermost bracket left open at the end of the text, ignoring strings and comments. */
function unclosedBracket(text: string): { char: string; offset: number } | undefined {
  const stack: number[] = [];
  scanBrackets(text, (offset, opening) => {
    if (opening) stack.push(offset);
    else stack.pop();
  });
  const last = stack.pop();
  return last === undefined ? undefined : { char: text[last] === "{" ? "`{`" : "`[`", offset: last };
}

function describeNode(node: ValueNode): string {
  switch (node.type) {
    case "Array":
      return "an array";
    case "String":
      return "a string";
    case "Number":
    case "NaN":
    case "Infinity":
      return "a number";
    case "Boolean":
      return "a boolean";
    case "Null":
      return "null";
    default:
      return "an object";
  }
}

function detectEol(text: string): "\n" | "\r\n" {
  const lf = text.indexOf("\n");
  return lf > 0 && text.charCodeAt(lf - 1) === 13 ? "\r\n" : "\n";
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
