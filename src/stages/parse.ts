import { parse as parseJson5Ast, tokenize } from "@humanwhocodes/momoa";
import type { ArrayNode, ObjectNode, ValueNode } from "@humanwhocodes/momoa";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ConfigDocument } from "../document/document.js";
import { LineIndex } from "../document/lines.js";
import { SourceMap } from "../document/source-map.js";

/** Deeper nesting than this is refused before parsing (the parser recurses; real configs nest < 20). */
export const MAX_NESTING = 1000;
/** Larger files are refused: OpenClaw configs are kilobytes, and parsing costs memory per token. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** Result of parsing one file: a document when the text is a JSON5 object, and what was wrong. */
export interface ParseResult {
  document?: ConfigDocument;
  diagnostics: Diagnostic[];
}

/** Parses JSON5 text into a ConfigDocument; syntax problems become diagnostics, never exceptions. */
export function parseConfig(text: string, file: string): ParseResult {
  const lines = new LineIndex(text);
  const fail = (code: string, message: string, start: number, end: number, notes?: string[]): ParseResult => ({
    diagnostics: [
      { code, severity: "error", message, file, range: lines.range(start, end), path: [], ...(notes ? { notes } : {}) },
    ],
  });

  if (text.length > MAX_FILE_BYTES) {
    return fail("parse/file-too-large", `File is ${formatSize(text.length)}; the limit is ${formatSize(MAX_FILE_BYTES)}.`, 0, 0, [
      "An OpenClaw config is a few kilobytes; a file this large is almost certainly not a config.",
    ]);
  }
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

  let ast;
  try {
    ast = parseJson5Ast(text, { mode: "json5", ranges: true, tokens: true, allowTrailingCommas: true });
  } catch (error) {
    return syntaxError(error, text, file, lines);
  }

  const diagnostics: Diagnostic[] = [];
  const sourceMap = new SourceMap();
  const doc: ConfigDocument = {
    file,
    text,
    lines,
    ast,
    tokens: ast.tokens ?? [],
    value: undefined,
    sourceMap,
    eol: detectEol(text),
    hasBom,
  };
  const root = ast.body;
  if (root.type !== "Object") {
    return fail("parse/root-not-object", `The config must be an object, but the file holds ${describeNode(root)}.`, root.loc.start.offset, root.loc.end.offset, [
      "OpenClaw reads the top level as an object of sections, such as `{ agents: { ... } }`.",
    ]);
  }
  doc.value = evaluate(root, doc, diagnostics);
  sourceMap.setRoot(doc.value as object, { doc, node: root });
  return { document: doc, diagnostics };
}

/** Builds the JS value of a node, recording origins and reporting duplicate keys. */
function evaluate(node: ValueNode, doc: ConfigDocument, diagnostics: Diagnostic[]): unknown {
  switch (node.type) {
    case "Object":
      return evaluateObject(node, doc, diagnostics);
    case "Array":
      return evaluateArray(node, doc, diagnostics);
    case "String":
    case "Number":
    case "Boolean":
      return node.value;
    case "Null":
      return null;
    case "NaN":
      return Number.NaN;
    case "Infinity":
      return node.sign === "-" ? -Infinity : Infinity;
  }
}

function evaluateObject(node: ObjectNode, doc: ConfigDocument, diagnostics: Diagnostic[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const seen = new Map<string, ObjectNode["members"][number]>();
  for (const member of node.members) {
    const key = member.name.type === "String" ? member.name.value : member.name.name;
    const earlier = seen.get(key);
    if (earlier) {
      diagnostics.push({
        code: "parse/duplicate-key",
        severity: "warning",
        message: `Duplicate key ${JSON.stringify(key)}: it is already set on line ${earlier.name.loc.start.line}; JSON5 keeps this later value and silently drops the earlier one.`,
        file: doc.file,
        range: doc.lines.range(member.name.loc.start.offset, member.name.loc.end.offset),
        path: [],
        notes: ["Delete one of the two entries so the file says what OpenClaw will actually use."],
        related: [
          {
            file: doc.file,
            range: doc.lines.range(earlier.name.loc.start.offset, earlier.name.loc.end.offset),
            message: "first definition",
          },
        ],
      });
    }
    seen.set(key, member);
    // defineProperty makes `__proto__` an ordinary own key instead of a prototype change.
    Object.defineProperty(result, key, {
      value: evaluate(member.value, doc, diagnostics),
      enumerable: true,
      writable: true,
      configurable: true,
    });
    doc.sourceMap.set(result, key, { doc, key: member.name, node: member.value, parent: node, member });
  }
  return result;
}

function evaluateArray(node: ArrayNode, doc: ConfigDocument, diagnostics: Diagnostic[]): unknown[] {
  const result: unknown[] = [];
  node.elements.forEach((element, index) => {
    result.push(evaluate(element.value, doc, diagnostics));
    doc.sourceMap.set(result, index, { doc, node: element.value, parent: node });
  });
  return result;
}

/** Offset of the first bracket that exceeds `limit` levels, or -1; skips strings and comments. */
export function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93) {
      depth--;
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
  return -1;
}

interface MomoaError {
  message: string;
  line?: number;
  column?: number;
  offset?: number;
}

function syntaxError(error: unknown, text: string, file: string, lines: LineIndex): ParseResult {
  const e = error as MomoaError;
  if (typeof e?.offset !== "number") {
    // Not a syntax error (e.g. the engine ran out of stack): still a diagnostic, never a crash.
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
  let offset = Math.min(e.offset, text.length);
  const raw = String(e.message).replace(/\s*\(\d+:\d+\)\s*$/, "");
  // The parser sometimes reports the character before the offending one; trust the character it names.
  const named = /character '(.)'/.exec(raw)?.[1];
  if (named !== undefined && text[offset] !== named && text[offset + 1] === named) offset++;
  let code = "parse/unexpected-token";
  let tokenLength = 1;
  let message = raw.replace(/ found\.?$/, "");
  const notes: string[] = [];
  if (/end of input/i.test(raw) && onlyComments(text)) {
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
  if (/end of input/i.test(raw)) {
    code = "parse/unexpected-eof";
    message = "Unexpected end of file";
    offset = text.length;
    const open = unclosedBracket(text);
    notes.push(open ? `The ${open.char} on line ${lines.position(open.offset).line} is never closed.` : "The file ends in the middle of a value.");
  } else if (/character/i.test(raw)) {
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

function onlyComments(text: string): boolean {
  try {
    return tokenize(text, { mode: "json5" }).every((t) => t.type === "LineComment" || t.type === "BlockComment");
  } catch {
    return false;
  }
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
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) stack.push(i);
    else if (c === 125 || c === 93) stack.pop();
    else if (c === 34 || c === 39) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === c || d === 10) break;
      }
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const end = text.indexOf("\n", i);
      i = end === -1 ? n : end;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf("*/", i + 2);
      i = end === -1 ? n : end + 1;
    }
  }
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
