import type { ArrayNode, ElementNode, IdentifierNode, MemberNode, ObjectNode, StringNode, Token, ValueNode } from "@humanwhocodes/momoa";
import type { TextEdit } from "../diagnostics/diagnostic.js";
import type { ConfigDocument } from "./document.js";
import type { Origin } from "./source-map.js";

/*
 * Text edits over a file's original source. Fixes and migrations never re-serialise a file: they
 * replace the exact token ranges they change, so comments, blank lines, quotes, indentation, line
 * endings and key order outside those tokens survive byte for byte.
 */

/** The outcome of applying edits: the new text, or why the edits cannot be applied together. */
export type ApplyEditsResult = { ok: true; text: string } | { ok: false; error: string };

/**
 * Applies edits to `text` (offsets index `text`). Identical duplicates count once; edits that
 * overlap, two different insertions at one offset, offsets outside the text and edits for more
 * than one file are refused as a value, so the caller can apply the rest in a later pass.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): ApplyEditsResult {
  const sorted = sortEdits(edits);
  const files = new Set(sorted.map((e) => e.file));
  if (files.size > 1) {
    return { ok: false, error: `Edits for ${files.size} files (${[...files].sort().join(", ")}) cannot be applied to one text.` };
  }
  const unique: TextEdit[] = [];
  for (const edit of sorted) {
    if (!Number.isInteger(edit.start) || !Number.isInteger(edit.end) || edit.start < 0 || edit.end < edit.start || edit.end > text.length) {
      return { ok: false, error: `Edit ${describeEdit(edit)} lies outside the text (length ${text.length}).` };
    }
    const previous = unique[unique.length - 1];
    if (previous && previous.start === edit.start && previous.end === edit.end && previous.text === edit.text) continue;
    if (previous && conflicts(previous, edit)) {
      return { ok: false, error: `Edit ${describeEdit(edit)} overlaps edit ${describeEdit(previous)}.` };
    }
    unique.push(edit);
  }
  let out = "";
  let cursor = 0;
  for (const edit of unique) {
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return { ok: true, text: out + text.slice(cursor) };
}

/** Edits in application order: by file, start, then end (insertions before the range they touch). */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.start - b.start || a.end - b.end));
}

/** Groups edits by the file they change, files in sorted order, so each file is applied on its own. */
export function groupEditsByFile(edits: readonly TextEdit[]): Map<string, TextEdit[]> {
  const groups = new Map<string, TextEdit[]>();
  for (const edit of sortEdits(edits)) {
    const group = groups.get(edit.file);
    if (group) group.push(edit);
    else groups.set(edit.file, [edit]);
  }
  return groups;
}

// Sorted a before b. Ranges overlap when b starts inside a; two insertions at one offset have no
// defined order, so they conflict too. An insertion at the start or end of a replaced range does not.
function conflicts(a: TextEdit, b: TextEdit): boolean {
  if (b.start < a.end) return true;
  return a.start === a.end && b.start === b.end && a.start === b.start;
}

function describeEdit(edit: TextEdit): string {
  return `[${edit.start}, ${edit.end}) → ${JSON.stringify(edit.text)}`;
}

/** An origin of an object member: it has a key token, the member node and the object holding it. */
export type MemberOrigin = Origin & { key: StringNode | IdentifierNode; member: MemberNode; parent: ObjectNode };

/** Whether an origin is an object member (not an array element or a document root). */
export function isMemberOrigin(origin: Origin): origin is MemberOrigin {
  return origin.key !== undefined && origin.member !== undefined && origin.parent?.type === "Object";
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Renames a member's key in place, keeping its quote style: an unquoted key stays unquoted when the
 * new name is a plain identifier (otherwise it gets double quotes); a quoted key keeps its quote.
 */
export function renameKey(doc: ConfigDocument, origin: Pick<MemberOrigin, "key">, newName: string): TextEdit {
  const key = origin.key;
  const [start, end] = offsets(key);
  const quote = quoteOf(doc.text, start);
  const text = quote === undefined && IDENTIFIER.test(newName) ? newName : quoteString(newName, quote ?? '"');
  return { file: doc.file, start, end, text };
}

/**
 * Replaces a value node with a string, keeping the node's quote character when it is a string
 * (a non-string value becomes a double-quoted string).
 */
export function replaceString(doc: ConfigDocument, node: ValueNode, newValue: string): TextEdit {
  const [start, end] = offsets(node);
  const quote = node.type === "String" ? quoteOf(doc.text, start) : undefined;
  return { file: doc.file, start, end, text: quoteString(newValue, quote ?? '"') };
}

/** Writes `value` as a JSON5 string literal with the given quote, escaping only what must be escaped. */
export function quoteString(value: string, quote: '"' | "'"): string {
  let out = quote;
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    // Control characters, and the two separators that end a line in older JavaScript, are written escaped.
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out + quote;
}

function quoteOf(text: string, offset: number): '"' | "'" | undefined {
  const c = text[offset];
  return c === '"' || c === "'" ? c : undefined;
}

/**
 * Deletes an object member (or an array element) with its own comma and the comments that belong
 * to it: comments on its line, and comment lines directly above it with no blank line between.
 * When it is the last entry and has no comma of its own, the comma that separated it from the
 * previous entry goes too, so a file without trailing commas keeps none. Whole lines are removed
 * when the entry had its lines to itself; otherwise only the entry and the spaces beside it.
 * Deleting two neighbouring entries at once can produce overlapping edits: apply them in passes.
 */
export function deleteMember(doc: ConfigDocument, origin: Pick<Origin, "node" | "parent">): TextEdit[] {
  const entry = findEntry(origin);
  if (!entry) return [];
  const { text, tokens, lines } = doc;
  const lineOf = (offset: number) => lines.position(offset).line;
  const [entryStart, entryEnd] = offsets(entry.node);
  const first = tokenIndexAt(tokens, entryStart);
  const last = tokenIndexEndingAt(tokens, entryEnd);
  if (first === -1 || last === -1) return [];

  const next = nextSignificant(tokens, last + 1);
  const ownComma = next !== -1 && tokens[next]?.type === "Comma" ? next : -1;
  const before = previousSignificant(tokens, first - 1);
  const beforeToken = tokens[before];
  if (!beforeToken) return [];

  // Leading comments: on the entry's own line before it, or whole comment lines directly above.
  let start = entryStart;
  const beforeLine = lineOf(tokenEnd(beforeToken));
  if (beforeLine === lineOf(entryStart)) {
    const firstComment = tokens[before + 1];
    if (before + 1 < first && firstComment) start = tokenStart(firstComment);
  } else {
    for (let k = first - 1; k > before; k--) {
      const comment = tokens[k] as Token;
      if (lineOf(tokenStart(comment)) === beforeLine) break;
      if (lineBreaks(text, tokenEnd(comment), start) > 1) break;
      start = tokenStart(comment);
    }
  }

  // Trailing comments: after the entry (and its comma) on the same line, when nothing else follows
  // on that line or only the closing bracket does; otherwise they lead the next entry.
  const anchor = ownComma !== -1 ? ownComma : last;
  let end = tokenEnd(tokens[anchor] as Token);
  const after = nextSignificant(tokens, anchor + 1);
  const afterToken = after === -1 ? undefined : tokens[after];
  const anchorLine = lineOf(end);
  const closesParent = afterToken !== undefined && tokenEnd(afterToken) === entry.parent.loc.end.offset;
  if (afterToken && (lineOf(tokenStart(afterToken)) > anchorLine || closesParent)) {
    for (let k = anchor + 1; k < after; k++) {
      const comment = tokens[k] as Token;
      if (lineOf(tokenStart(comment)) !== anchorLine) break;
      end = tokenEnd(comment);
    }
  }

  const edits: TextEdit[] = [];
  // The last entry without a comma of its own takes the separator before it.
  const separator = ownComma === -1 && entry.index > 0 && beforeToken.type === "Comma" ? beforeToken : undefined;
  const lineStart = lines.lineStart(lineOf(start));
  const startsLine = isBlank(text.slice(lineStart, start));
  const lineEnd = endOfLine(text, end);
  const endsLine = isBlank(text.slice(end, lineEnd));
  if (separator && !startsLine && isBlank(text.slice(tokenEnd(separator), start))) {
    // `[1, 2, 3]` without its last entry is `[1, 2]`: the separator and the space after it go together.
    edits.push({ file: doc.file, start: tokenStart(separator), end, text: "" });
    return edits;
  }
  if (separator) edits.push({ file: doc.file, start: tokenStart(separator), end: tokenEnd(separator), text: "" });
  if (startsLine && endsLine) {
    edits.push({ file: doc.file, start: lineStart, end: afterLineBreak(text, lineEnd), text: "" });
  } else if (endsLine) {
    edits.push({ file: doc.file, start: skipBlankBackward(text, start), end, text: "" });
  } else {
    edits.push({ file: doc.file, start, end: skipBlankForward(text, end), text: "" });
  }
  return edits;
}

interface Entry {
  node: MemberNode | ElementNode;
  index: number;
  parent: ObjectNode | ArrayNode;
}

function findEntry(origin: Pick<Origin, "node" | "parent">): Entry | undefined {
  const parent = origin.parent;
  if (!parent) return undefined;
  // Matched by offset rather than identity, so a parser that builds nodes on demand works too.
  const start = origin.node.loc.start.offset;
  if (parent.type === "Object") {
    const index = parent.members.findIndex((m) => m.value.loc.start.offset === start);
    const node = parent.members[index];
    return node ? { node, index, parent } : undefined;
  }
  const index = parent.elements.findIndex((e) => e.value.loc.start.offset === start);
  const node = parent.elements[index];
  return node ? { node, index, parent } : undefined;
}

function offsets(node: { loc: { start: { offset: number }; end: { offset: number } } }): [number, number] {
  return [node.loc.start.offset, node.loc.end.offset];
}

function tokenStart(token: Token): number {
  return token.loc.start.offset;
}

function tokenEnd(token: Token): number {
  return token.loc.end.offset;
}

function isComment(token: Token): boolean {
  return token.type === "LineComment" || token.type === "BlockComment";
}

/** Index of the token starting at `offset` (binary search), or -1. */
function tokenIndexAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = tokenStart(tokens[mid] as Token);
    if (start === offset) return mid;
    if (start < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Index of the token ending at `offset`, or -1. */
function tokenIndexEndingAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const end = tokenEnd(tokens[mid] as Token);
    if (end === offset) return mid;
    if (end < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function nextSignificant(tokens: readonly Token[], from: number): number {
  for (let i = from; i < tokens.length; i++) if (!isComment(tokens[i] as Token)) return i;
  return -1;
}

function previousSignificant(tokens: readonly Token[], from: number): number {
  for (let i = from; i >= 0; i--) if (!isComment(tokens[i] as Token)) return i;
  return -1;
}

function isLineBreak(c: string | undefined): boolean {
  return c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029";
}

/** Whether the text holds only JSON5 whitespace that does not break a line. */
function isBlank(text: string): boolean {
  for (const c of text) if (isLineBreak(c) || !/\s/.test(c)) return false;
  return true;
}

/** Number of line breaks between two offsets (a CRLF counts once). */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === "\r" && text[i + 1] === "\n") continue;
    if (isLineBreak(c)) count++;
  }
  return count;
}

/** Offset of the line break (or end of text) that ends the line holding `offset`. */
function endOfLine(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && !isLineBreak(text[i])) i++;
  return i;
}

function afterLineBreak(text: string, offset: number): number {
  if (text[offset] === "\r" && text[offset + 1] === "\n") return offset + 2;
  return offset < text.length ? offset + 1 : offset;
}

function skipBlankBackward(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && isBlank(text[i - 1] as string)) i--;
  return i;
}

function skipBlankForward(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && isBlank(text[i] as string)) i++;
  return i;
}
