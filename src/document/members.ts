import type { MemberNode, ObjectNode, Token, ValueNode } from "@humanwhocodes/momoa";
import type { TextEdit } from "../diagnostics/diagnostic.js";
import type { ConfigDocument } from "./document.js";
import { quoteString } from "./edits.js";

/** A value to write: a string, or an object of such values (written on one line). */
export type InsertedValue = string | { readonly [key: string]: InsertedValue };

/** How the file writes keys and strings, so inserted text looks like its neighbours. */
interface Style {
  /** Whether keys that are plain identifiers are quoted too (JSON) or not (JSON5 style). */
  quoteIdentifiers: boolean;
  keyQuote: '"' | "'";
  stringQuote: '"' | "'";
  indentUnit: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Adds `key: value` as the last member of `object`, written in the file's own style (key quotes,
 * string quotes, indentation, line endings, trailing commas). The object's existing text,
 * comments included, is untouched apart from a comma after its last member when it had none.
 * The caller makes sure `key` is not already a member.
 */
export function insertMember(doc: ConfigDocument, object: ObjectNode, key: string, value: InsertedValue): TextEdit[] {
  const { text } = doc;
  const style = detectStyle(doc, object);
  const member = `${writeKey(key, style)}: ${writeValue(value, style)}`;
  const open = object.loc.start.offset;
  const close = object.loc.end.offset - 1;
  const lineOf = (offset: number) => doc.lines.position(offset).line;
  const edit = (at: number, insert: string): TextEdit => ({ file: doc.file, start: at, end: at, text: insert });

  const last = object.members.at(-1);
  if (!last) {
    const interior = text.slice(open + 1, close);
    if (lineOf(open) === lineOf(close)) {
      return [interior.trim() === "" ? { file: doc.file, start: open + 1, end: close, text: ` ${member} ` } : edit(open + 1, ` ${member}`)];
    }
    return [edit(open + 1, `${doc.eol}${indentOfLine(doc, lineOf(close))}${style.indentUnit}${member}`)];
  }

  const lastEnd = last.loc.end.offset;
  const next = firstSignificantFrom(doc.tokens, lastEnd);
  const comma = next?.type === "Comma" ? next : undefined;
  if (lineOf(close) === lineOf(lastEnd)) {
    return [comma ? edit(comma.loc.end.offset, ` ${member},`) : edit(lastEnd, `, ${member}`)];
  }
  const indent = indentBefore(doc, last.loc.start.offset) ?? `${indentOfLine(doc, lineOf(close))}${style.indentUnit}`;
  const anchor = comma ? comma.loc.end.offset : lastEnd;
  const lineEnd = endOfLine(text, anchor);
  if (comma) return [edit(lineEnd, `${doc.eol}${indent}${member},`)];
  if (lineEnd === lastEnd) return [edit(lastEnd, `,${doc.eol}${indent}${member}`)];
  // A comment follows the last member on its line: the comma goes before it, the new member after it.
  return [edit(lastEnd, ","), edit(lineEnd, `${doc.eol}${indent}${member}`)];
}

function writeKey(key: string, style: Style): string {
  if (!style.quoteIdentifiers && IDENTIFIER.test(key)) return key;
  return quoteString(key, style.keyQuote);
}

function writeValue(value: InsertedValue, style: Style): string {
  if (typeof value === "string") return quoteString(value, style.stringQuote);
  const members = Object.keys(value).map((k) => `${writeKey(k, style)}: ${writeValue(value[k] as InsertedValue, style)}`);
  return members.length === 0 ? "{}" : `{ ${members.join(", ")} }`;
}

/**
 * The style of the nearest examples: the object's own members first, then the whole file. An
 * identifier-like key shows whether identifiers are quoted; any quoted key shows the key quote;
 * a string value shows the string quote. Without examples, JSON's double quotes.
 */
function detectStyle(doc: ConfigDocument, object: ObjectNode): Style {
  let quoteIdentifiers: boolean | undefined;
  let keyQuote: '"' | "'" | undefined;
  let stringQuote: '"' | "'" | undefined;
  const done = () => quoteIdentifiers !== undefined && keyQuote !== undefined && stringQuote !== undefined;
  for (const root of [object as ValueNode, doc.ast.body]) {
    const stack: ValueNode[] = [root];
    while (stack.length > 0 && !done()) {
      const node = stack.pop() as ValueNode;
      if (node.type === "String") stringQuote ??= quoteAt(doc.text, node.loc.start.offset);
      else if (node.type === "Array") for (let i = node.elements.length - 1; i >= 0; i--) stack.push((node.elements[i] as { value: ValueNode }).value);
      else if (node.type === "Object") {
        for (let i = node.members.length - 1; i >= 0; i--) stack.push((node.members[i] as MemberNode).value);
        for (const member of node.members) {
          const name = member.name;
          const quoted = name.type === "String";
          if (quoted) keyQuote ??= quoteAt(doc.text, name.loc.start.offset);
          if (quoteIdentifiers === undefined && IDENTIFIER.test(quoted ? name.value : name.name)) quoteIdentifiers = quoted;
        }
      }
    }
  }
  const quote = stringQuote ?? keyQuote ?? '"';
  return { quoteIdentifiers: quoteIdentifiers ?? true, keyQuote: keyQuote ?? quote, stringQuote: quote, indentUnit: detectIndentUnit(doc.text) };
}

function quoteAt(text: string, offset: number): '"' | "'" | undefined {
  const c = text[offset];
  return c === '"' || c === "'" ? c : undefined;
}

/** The first indented line's indentation (a tab, or its spaces), else two spaces. */
function detectIndentUnit(text: string): string {
  const match = /\r?\n([ \t]+)\S/.exec(text);
  if (!match) return "  ";
  const indent = match[1] as string;
  return indent.startsWith("\t") ? "\t" : indent;
}

/** The whitespace between the start of the line and `offset`, when only whitespace is there. */
function indentBefore(doc: ConfigDocument, offset: number): string | undefined {
  const line = doc.lines.position(offset).line;
  const before = doc.text.slice(doc.lines.lineStart(line), offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

function indentOfLine(doc: ConfigDocument, line: number): string {
  return /^[ \t]*/.exec(doc.lines.lineText(line))?.[0] ?? "";
}

/** The first non-comment token starting at or after `offset` (binary search). */
function firstSignificantFrom(tokens: readonly Token[], offset: number): Token | undefined {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).loc.start.offset < offset) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.type !== "LineComment" && token.type !== "BlockComment") return token;
  }
  return undefined;
}

function endOfLine(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== "\n" && text[i] !== "\r" && text[i] !== "\u2028" && text[i] !== "\u2029") i++;
  return i;
}

/** How many members of `object` have the key `name` (JSON5 keeps the last of duplicates). */
export function memberCount(object: ObjectNode, name: string): number {
  let count = 0;
  for (const member of object.members) {
    const key = member.name.type === "String" ? member.name.value : member.name.name;
    if (key === name) count++;
  }
  return count;
}
