import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { MemberNode, Token, ValueNode } from "@humanwhocodes/momoa";
import { parse as momoaParse } from "@humanwhocodes/momoa";
import fc from "fast-check";
import JSON5 from "json5";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CORPUS_DIR, CORPUS_SKIP_REASON, corpusFiles } from "../../test/shared.js";
import { decodeBytes } from "../io/read-source.js";
import { Json5SyntaxError, parseJson5 } from "./json5-parser.js";
import { LineIndex } from "./lines.js";

/*
 * Differential tests against the json5 package: the same verdict on every text, the same value
 * (numbers compared with Object.is, key order included), and nodes whose offsets slice the source
 * to exactly their own text. Fuzz runs are short by default; JSON5_FUZZ_RUNS=20000 for a long run.
 */

const FUZZ_RUNS = Number(process.env.JSON5_FUZZ_RUNS ?? 300);

// json5 warns on the console about raw U+2028/U+2029 in strings; the tests feed it plenty.
let warn: ReturnType<typeof vi.spyOn>;
beforeAll(() => {
  warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterAll(() => warn.mockRestore());

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function run<T>(f: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Deep equality that tells -0 from 0, NaN from NaN-less, key order, and prototypes apart. */
function sameValue(a: unknown, b: unknown, path = "$"): string | undefined {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b) ? undefined : `${path}: ${a} vs ${b}`;
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) return a === b ? undefined : `${path}: ${String(a)} vs ${String(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: prototypes differ`;
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return `${path}: keys ${String(ka)} vs ${String(kb)}`;
  for (const k of ka) {
    if (Array.isArray(a) && k === "length") continue;
    const d = sameValue((a as Record<PropertyKey, unknown>)[k], (b as Record<PropertyKey, unknown>)[k], `${path}.${String(k)}`);
    if (d) return d;
  }
  return undefined;
}

const JSON5_SPACE = /^[\s\uFEFF]*$/;

/** Checks every node of the tree against the value and the text; returns the first problem found. */
function checkTree(text: string, node: ValueNode, value: unknown, path = "$"): string | undefined {
  const [start, end] = node.range ?? [-1, -1];
  if (node.loc.start.offset !== start || node.loc.end.offset !== end) return `${path}: loc and range disagree`;
  const slice = text.slice(start, end);
  switch (node.type) {
    case "Object": {
      if (!slice.startsWith("{") || !slice.endsWith("}")) return `${path}: object slice ${JSON.stringify(slice)}`;
      const keys = Object.keys(value as object);
      // A repeated key appears once in the value, at its first position, with the last value.
      const lastOf = new Map<string, MemberNode>();
      for (const m of node.members) lastOf.set(m.name.type === "String" ? m.name.value : m.name.name, m);
      if (keys.length !== lastOf.size) return `${path}: ${keys.length} keys vs ${lastOf.size} distinct members`;
      for (const member of node.members) {
        const key = member.name.type === "String" ? member.name.value : member.name.name;
        const [ks, ke] = member.name.range ?? [-1, -1];
        const keyText = text.slice(ks, ke);
        const decoded = member.name.type === "String" ? JSON5.parse(keyText) : Object.keys(JSON5.parse(`{${keyText}:0}`))[0];
        if (decoded !== key) return `${path}: key ${JSON.stringify(keyText)} decodes to ${decoded}, node says ${key}`;
        if (member.range?.[0] !== ks || member.range?.[1] !== member.value.range?.[1]) return `${path}.${key}: member range`;
        if (lastOf.get(key) !== member) continue;
        const d = checkTree(text, member.value, (value as Record<string, unknown>)[key], `${path}.${key}`);
        if (d) return d;
      }
      return undefined;
    }
    case "Array": {
      if (!slice.startsWith("[") || !slice.endsWith("]")) return `${path}: array slice ${JSON.stringify(slice)}`;
      const items = value as unknown[];
      if (items.length !== node.elements.length) return `${path}: ${items.length} items vs ${node.elements.length} elements`;
      for (let i = 0; i < items.length; i++) {
        const element = node.elements[i];
        if (!element || element.range?.[0] !== element.value.range?.[0] || element.range?.[1] !== element.value.range?.[1]) return `${path}[${i}]: element range`;
        const d = checkTree(text, element.value, items[i], `${path}[${i}]`);
        if (d) return d;
      }
      return undefined;
    }
    default: {
      // A scalar's slice is exactly its token: no space or comment around it, and it reads back to the value.
      const quoted = node.type === "String" && /^(["'])[^]*\1$/.test(slice);
      const bare = node.type !== "String" && !slice.includes("/") && !JSON5_SPACE.test(slice[0] ?? " ") && !JSON5_SPACE.test(slice.at(-1) ?? " ");
      if (!quoted && !bare) {
        return `${path}: scalar slice ${JSON.stringify(slice)}`;
      }
      const reread = JSON5.parse(slice);
      const d = sameValue(reread, value, path);
      if (d) return `${path}: slice ${JSON.stringify(slice)} reads as ${String(reread)}`;
      const own = node.type === "Null" ? null : node.type === "NaN" ? Number.NaN : node.type === "Infinity" ? (node.sign === "-" ? -Infinity : Infinity) : node.value;
      return sameValue(own, value, `${path} (node value)`);
    }
  }
}

/** Tokens are in order, do not overlap, and only JSON5 whitespace lies between them. */
function checkTokens(text: string, tokens: Token[]): string | undefined {
  let at = 0;
  for (const token of tokens) {
    const [start, end] = token.range ?? [-1, -1];
    if (start < at || end <= start) return `token ${token.type} at ${start} overlaps or is empty`;
    if (!JSON5_SPACE.test(text.slice(at, start))) return `text between tokens at ${at}: ${JSON.stringify(text.slice(at, start))}`;
    const slice = text.slice(start, end);
    const expectedStart: Record<string, RegExp> = { LineComment: /^\/\//, BlockComment: /^\/\*[^]*\*\/$/, LBrace: /^\{$/, RBrace: /^\}$/, LBracket: /^\[$/, RBracket: /^\]$/, Colon: /^:$/, Comma: /^,$/ };
    if (expectedStart[token.type] && !expectedStart[token.type]?.test(slice)) return `token ${token.type} is ${JSON.stringify(slice)}`;
    at = end;
  }
  return JSON5_SPACE.test(text.slice(at)) ? undefined : `text after the last token: ${JSON.stringify(text.slice(at, at + 20))}`;
}

/** Parses with both parsers and returns the first disagreement, or undefined. */
function compare(text: string, options: { tokens?: boolean } = {}): string | undefined {
  const expected: Outcome = run(() => JSON5.parse(text));
  const actual = run(() => parseJson5(text, new LineIndex(text)));
  if (expected.ok !== actual.ok) {
    return expected.ok ? `json5 accepts, we reject: ${String((actual as { error: unknown }).error)}` : `json5 rejects (${String(expected.error)}), we accept`;
  }
  if (!actual.ok) {
    const error = actual.error;
    if (!(error instanceof Json5SyntaxError)) return `not a Json5SyntaxError: ${String(error)}`;
    if (error.offset < 0 || error.offset > text.length) return `error offset ${error.offset} outside the text`;
    return undefined;
  }
  if (!expected.ok) return undefined;
  const doc = actual.value;
  return (
    sameValue(doc.value, expected.value) ??
    checkTree(text, doc.body, doc.value) ??
    (options.tokens ? checkTokens(text, doc.tokens) : undefined)
  );
}

// ---------------------------------------------------------------------------------------------
// Edge cases, each checked against json5 and, where it matters, against an exact value.
// ---------------------------------------------------------------------------------------------

type Edge = { name: string; text: string; value?: unknown; rejects?: true };

const edges: Edge[] = [
  // Numbers
  { name: "negative zero", text: "-0", value: -0 },
  { name: "negative zero with fraction", text: "-0.0e5", value: -0 },
  { name: "negative hex zero", text: "-0x0", value: -0 },
  { name: "overflow to Infinity", text: "1e400", value: Infinity },
  { name: "negative overflow", text: "-1e400", value: -Infinity },
  { name: "underflow to zero", text: "1e-400", value: 0 },
  { name: "big hex", text: "0xFFFFFFFFFFFFFFFFFFFFFFFF", value: Number("0xFFFFFFFFFFFFFFFFFFFFFFFF") },
  { name: "uppercase hex prefix", text: "0XaBc", value: 0xabc },
  { name: "signed hex", text: "[+0x10, -0x10]", value: [16, -16] },
  { name: "leading dot", text: ".5", value: 0.5 },
  { name: "trailing dot", text: "5.", value: 5 },
  { name: "trailing dot exponent", text: "5.e3", value: 5000 },
  { name: "zero dot exponent", text: "0.e1", value: 0 },
  { name: "leading dot exponent", text: "-.5E+1", value: -5 },
  { name: "explicit plus", text: "+1", value: 1 },
  { name: "sixteen digits", text: "1234567890123456.7", value: 1234567890123456.7 },
  { name: "long fraction", text: "0.30000000000000004", value: 0.30000000000000004 },
  { name: "many fraction digits", text: "0.1234567890123456789", value: 0.1234567890123456789 },
  { name: "huge integer", text: "123456789012345678901234567890", value: 123456789012345678901234567890 },
  { name: "max safe integer + 2", text: "9007199254740993", value: 9007199254740993 },
  { name: "Infinity forms", text: "[Infinity, +Infinity, -Infinity]", value: [Infinity, Infinity, -Infinity] },
  { name: "NaN forms", text: "[NaN, +NaN, -NaN]", value: [Number.NaN, Number.NaN, Number.NaN] },
  { name: "leading zero", text: "01", rejects: true },
  { name: "two signs", text: "+-1", rejects: true },
  { name: "sign and space", text: "- 1", rejects: true },
  { name: "lone dot", text: ".", rejects: true },
  { name: "dot exponent", text: ".e1", rejects: true },
  { name: "empty exponent", text: "1e", rejects: true },
  { name: "exponent sign only", text: "1e+", rejects: true },
  { name: "empty hex", text: "0x", rejects: true },
  { name: "hex fraction", text: "0x1.5", rejects: true },
  { name: "two points", text: "1.2.3", rejects: true },
  { name: "lowercase infinity", text: "infinity", rejects: true },
  { name: "Infinity prefix", text: "Infinit", rejects: true },
  { name: "Infinity suffix", text: "Infinityx", rejects: true },
  { name: "signed Infinity prefix", text: "-Inf", rejects: true },
  { name: "number then letter", text: "1a", rejects: true },
  // Strings
  { name: "single quotes", text: "'a\"b'", value: 'a"b' },
  { name: "all single-character escapes", text: String.raw`"\b\f\n\r\t\v\'\"\\\/"`, value: "\b\f\n\r\t\v'\"\\/" },
  { name: "\\0", text: String.raw`"a\0b"`, value: "a\0b" },
  { name: "\\0 before a digit", text: String.raw`"\01"`, rejects: true },
  { name: "octal-looking escape", text: String.raw`"\1"`, rejects: true },
  { name: "\\x escape", text: String.raw`"\x41\xe9"`, value: "Aé" },
  { name: "short \\x escape", text: String.raw`"\x4"`, rejects: true },
  { name: "\\u escape", text: String.raw`"\u00e9\uD83D\uDE00"`, value: "é😀" },
  { name: "lone surrogate escape", text: String.raw`"\uD800"`, value: "\uD800" },
  { name: "ES6 escape", text: String.raw`"\u{41}"`, rejects: true },
  { name: "bad \\u escape", text: String.raw`"\u00g0"`, rejects: true },
  { name: "non-escape character stands for itself", text: String.raw`"\a\q\😀"`, value: "aq😀" },
  { name: "line continuation LF", text: '"a\\\nb"', value: "ab" },
  { name: "line continuation CRLF", text: '"a\\\r\nb"', value: "ab" },
  { name: "line continuation CR", text: '"a\\\rb"', value: "ab" },
  { name: "line continuation U+2028", text: '"a\\\u2028b"', value: "ab" },
  { name: "line continuation U+2029", text: '"a\\\u2029b"', value: "ab" },
  { name: "raw U+2028 and U+2029", text: '"a\u2028b\u2029c"', value: "a\u2028b\u2029c" },
  { name: "raw tab and control characters", text: '"a\tb\u0001c"', value: "a\tb\u0001c" },
  { name: "raw LF", text: '"a\nb"', rejects: true },
  { name: "raw CR", text: '"a\rb"', rejects: true },
  { name: "unterminated", text: '"abc', rejects: true },
  { name: "backslash at the end", text: '"abc\\', rejects: true },
  { name: "astral characters", text: "'😀𝒜'", value: "😀𝒜" },
  // Identifiers
  { name: "identifier keys", text: "{a: 1, $b: 2, _c: 3, d4: 4, $: 5, _: 6}", value: { a: 1, $b: 2, _c: 3, d4: 4, $: 5, _: 6 } },
  { name: "reserved words as keys", text: "{true: 1, null: 2, NaN: 3, Infinity: 4, if: 5}", value: { true: 1, null: 2, NaN: 3, Infinity: 4, if: 5 } },
  { name: "unicode identifier", text: "{ünïcödé: 1, ℵ: 2, 中文: 3}", value: { ünïcödé: 1, ℵ: 2, 中文: 3 } },
  { name: "astral identifier start", text: "{𐀀: 1}", value: { "𐀀": 1 } },
  { name: "escaped identifier", text: String.raw`{\u0061b\u0063: 1}`, value: { abc: 1 } },
  { name: "escaped $ and _", text: String.raw`{\u0024\u005f: 1}`, value: { $_: 1 } },
  { name: "zero-width joiners inside", text: "{a\u200c\u200d: 1}", value: { "a\u200c\u200d": 1 } },
  { name: "zero-width joiner first", text: "{\u200cA: 1}", rejects: true },
  { name: "escaped digit first", text: String.raw`{\u0031: 1}`, rejects: true },
  { name: "escaped space inside", text: String.raw`{a\u0020: 1}`, rejects: true },
  { name: "backslash without u", text: String.raw`{\x61: 1}`, rejects: true },
  { name: "digit first", text: "{1a: 1}", rejects: true },
  { name: "hyphen in identifier", text: "{a-b: 1}", rejects: true },
  { name: "identifier as a value", text: "{a: b}", rejects: true },
  { name: "combining mark inside", text: "{e\u0301: 1}", value: { "e\u0301": 1 } },
  { name: "combining mark first", text: "{\u0301: 1}", rejects: true },
  // Objects, arrays, keys
  { name: "__proto__ stays an own key", text: '{"__proto__": {"x": 1}, __proto__: 2}', value: JSON5.parse('{"__proto__": {"x": 1}, __proto__: 2}') },
  { name: "constructor and toString keys", text: "{constructor: 1, toString: 2, hasOwnProperty: 3}", value: { constructor: 1, toString: 2, hasOwnProperty: 3 } },
  { name: "duplicate key keeps the last value, first position", text: "{a: 1, b: 2, a: 3}", value: { a: 3, b: 2 } },
  { name: "numeric keys order", text: '{"b": 1, "2": 2, "1": 3}', value: { 1: 3, 2: 2, b: 1 } },
  { name: "empty key", text: '{"": 1}', value: { "": 1 } },
  { name: "trailing commas", text: "{a: [1, 2,], b: {c: 1,},}", value: { a: [1, 2], b: { c: 1 } } },
  { name: "empty containers", text: "[{}, [], [[]], {a: {}}]", value: [{}, [], [[]], { a: {} }] },
  { name: "lone comma in object", text: "{,}", rejects: true },
  { name: "lone comma in array", text: "[,]", rejects: true },
  { name: "double comma", text: "[1,,2]", rejects: true },
  { name: "missing comma", text: "{a: 1 b: 2}", rejects: true },
  { name: "missing colon", text: "{a 1}", rejects: true },
  { name: "unclosed object", text: "{a: 1", rejects: true },
  { name: "mismatched bracket", text: "[1}", rejects: true },
  { name: "two values", text: "1 2", rejects: true },
  { name: "extra close", text: "{}}", rejects: true },
  // Whitespace and comments
  { name: "all JSON5 whitespace", text: "\t\v\f \u00a0\ufeff\n\r\u2028\u2029\u1680\u2000\u2005\u200a\u202f\u205f\u3000{\u3000a\u2028:\u00a01\ufeff}\u2029", value: { a: 1 } },
  { name: "U+180E is not whitespace", text: "\u180e1", rejects: true },
  { name: "U+200B is not whitespace", text: "\u200b1", rejects: true },
  { name: "U+0085 is not whitespace", text: "\u00851", rejects: true },
  { name: "comments everywhere", text: "/*a*/{//b\n a/*c*/:/*d*/1//e\n,/*f*/}//g", value: { a: 1 } },
  { name: "comment ended by U+2028", text: "{//x\u2028a: 1}", value: { a: 1 } },
  { name: "comment ended by CR", text: "{//x\ra: 1}", value: { a: 1 } },
  { name: "line comment at the end without newline", text: "1//x", value: 1 },
  { name: "block comment with stars", text: "/***/1/** x **/", value: 1 },
  { name: "unterminated block comment", text: "1/* x", rejects: true },
  { name: "slash-star-slash is not closed", text: "1/*/", rejects: true },
  { name: "lone slash", text: "1/", rejects: true },
  { name: "slash and letter", text: "1/x", rejects: true },
  { name: "empty text", text: "", rejects: true },
  { name: "only a comment", text: "// nothing\n", rejects: true },
  { name: "only a block comment", text: "/* nothing */", rejects: true },
  { name: "NUL in a string", text: '"a\u0000b"', value: "a\u0000b" },
  { name: "NUL outside a string", text: "1\u0000", rejects: true },
  // Literals
  { name: "literals", text: "[true, false, null]", value: [true, false, null] },
  { name: "truncated literal", text: "tru", rejects: true },
  { name: "literal with suffix", text: "nullx", rejects: true },
  { name: "capitalised literal", text: "True", rejects: true },
];

describe("parseJson5 against json5: edge cases", () => {
  it.each(edges)("$name", ({ text, value, rejects }) => {
    expect(compare(text, { tokens: true })).toBeUndefined();
    const ours = run(() => parseJson5(text, new LineIndex(text)));
    expect(ours.ok).toBe(!rejects);
    if (value !== undefined && ours.ok) expect(sameValue(ours.value.value, value)).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Error positions and kinds: what parse.ts turns into messages.
// ---------------------------------------------------------------------------------------------

type ErrorCase = { text: string; kind: "character" | "token" | "end"; offset: number; empty?: boolean };

const errorCases: ErrorCase[] = [
  { text: "", kind: "end", offset: 0, empty: true },
  { text: "// only\n/* comments */ ", kind: "end", offset: 23, empty: true },
  { text: "/* unclosed", kind: "end", offset: 11 },
  { text: "{a: 1", kind: "end", offset: 5 },
  { text: '{a: "x', kind: "end", offset: 6 },
  { text: "{a: @}", kind: "character", offset: 4 },
  { text: '{ a: "\\u{1F915}" }', kind: "character", offset: 8 },
  { text: '{a: "\\x4"}', kind: "character", offset: 8 },
  { text: "{a: 1e}", kind: "character", offset: 6 },
  { text: "{a: - 1}", kind: "character", offset: 5 },
  { text: "{a: 'x\ny'}", kind: "character", offset: 6 },
  { text: "{a: 1 /x}", kind: "character", offset: 7 },
  { text: '{\n  "a": 1\n  "b": 2\n}', kind: "token", offset: 13 },
  { text: "{a: 1 b: 2}", kind: "token", offset: 6 },
  { text: "{a 1}", kind: "token", offset: 3 },
  { text: "{a: ]}", kind: "token", offset: 4 },
  { text: "{a: yes}", kind: "token", offset: 4 },
  { text: "{,}", kind: "token", offset: 1 },
  { text: "[1,,]", kind: "token", offset: 3 },
  { text: "{a: 1}}", kind: "token", offset: 6 },
  { text: "{a: 01}", kind: "token", offset: 5 },
];

describe("parseJson5 syntax errors", () => {
  it.each(errorCases)("$text", ({ text, kind, offset, empty }) => {
    const result = run(() => parseJson5(text, new LineIndex(text)));
    expect(result.ok).toBe(false);
    const error = (result as { error: unknown }).error as Json5SyntaxError;
    expect(error).toBeInstanceOf(Json5SyntaxError);
    expect([error.kind, error.offset, error.empty]).toEqual([kind, offset, empty ?? false]);
    const at = new LineIndex(text).position(offset);
    expect([error.line, error.column]).toEqual([at.line, at.column]);
  });

  it("keeps the nesting depth bounded by memory, not by the call stack", () => {
    const depth = 100_000;
    const text = `${"[".repeat(depth)}1${"]".repeat(depth)}`;
    const doc = parseJson5(text, new LineIndex(text));
    let value = doc.value;
    let levels = 0;
    while (Array.isArray(value)) {
      value = value[0];
      levels++;
    }
    expect([levels, value]).toEqual([depth, 1]);
  });
});

// ---------------------------------------------------------------------------------------------
// The tree has momoa's shape: same node types, offsets, names, signs and tokens wherever momoa
// accepts the text too (momoa accepts a few texts json5 rejects, and rejects `true` as a key).
// ---------------------------------------------------------------------------------------------

function shape(node: unknown): unknown {
  if (typeof node !== "object" || node === null) return node;
  if (Array.isArray(node)) return node.map(shape);
  const n = node as Record<string, unknown> & { loc: { start: { offset: number }; end: { offset: number } } };
  const out: Record<string, unknown> = { type: n.type, at: [n.loc.start.offset, n.loc.end.offset] };
  for (const key of ["name", "sign", "body", "members", "elements"]) if (n[key] !== undefined) out[key] = shape(n[key]);
  if (n.type === "Member" || n.type === "Element") out.value = shape(n.value);
  return out;
}

const momoaTexts = [
  "// c\n{\n  a: 1, 'b': \"two\", c: [true, false, null, -Infinity, +NaN, .5, 0x1F, -0],\n  /* d */ d: { e: {} },\n}\n",
  "\uFEFF{\r\n  \"x\": [ [ ], { } ],\r\n}",
  "[1, [2, [3, {a: 'x'}]]]",
];

describe("parseJson5 has momoa's shape", () => {
  it.each(momoaTexts)("%j", (text) => {
    const ours = parseJson5(text, new LineIndex(text));
    const theirs = momoaParse(text, { mode: "json5", ranges: true, tokens: true, allowTrailingCommas: true });
    expect(shape(ours)).toEqual(shape(theirs));
    const tokenShape = (tokens: Token[]) => tokens.map((t) => [t.type, t.range, t.loc]);
    expect(tokenShape(ours.tokens)).toEqual(tokenShape(theirs.tokens ?? []));
    expect(ours.loc).toEqual(theirs.loc);
  });

  it("returns the same node objects however they are reached", () => {
    const text = "{a: {b: [1, {c: 2}]}}";
    const doc = parseJson5(text, new LineIndex(text));
    const value = doc.value as { a: { b: [number, object] } };
    const body = doc.body;
    if (body.type !== "Object") throw new Error("expected an object");
    const a = body.members[0]?.value;
    if (a?.type !== "Object") throw new Error("expected an object");
    const b = a.members[0]?.value;
    if (b?.type !== "Array") throw new Error("expected an array");
    expect(doc.body).toBe(body);
    expect(doc.nodeOfValue(value)).toBe(body);
    expect(doc.nodeOfValue(value.a)).toBe(a);
    expect(doc.nodeOfValue(value.a.b)).toBe(b);
    expect(doc.nodeOfValue(value.a.b[1])).toBe(b.elements[1]?.value);
    expect(a.members).toBe(a.members);
    expect(doc.nodeOfValue({})).toBeUndefined();
  });

  it("reports repeated keys with both key ranges, and lists a repeated key once", () => {
    for (const count of [3, 50]) {
      const keys = Array.from({ length: count }, (_, i) => `k${i}: ${i}`);
      const text = `{${keys.join(", ")}, 'k1': "again"}`;
      const doc = parseJson5(text, new LineIndex(text));
      const [first, last] = [text.indexOf("k1"), text.lastIndexOf("'k1'")];
      expect(doc.duplicates).toEqual([{ key: "k1", earlier: [first, first + 2], later: [last, last + 4] }]);
      expect(doc.memberSegments(doc.value as object)).toEqual(keys.map((_, i) => `k${i}`));
      expect((doc.value as Record<string, unknown>).k1).toBe("again");
    }
  });

  it("lists array members by index and knows no other values", () => {
    const text = "[1, [], {}]";
    const doc = parseJson5(text, new LineIndex(text));
    expect(doc.memberSegments(doc.value as object)).toEqual([0, 1, 2]);
    expect(doc.memberSegments([])).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Generated texts
// ---------------------------------------------------------------------------------------------

const whitespace = fc.constantFrom(" ", " ", "\t", "\n", "\r\n", "\r", "\v", "\f", "\u00a0", "\ufeff", "\u2028", "\u2029", "\u3000", "\u1680", "\u2000", "\u202f", "\u205f");
const commentText = fc.string({ maxLength: 8, unit: fc.constantFrom("a", " ", "*", "/", "é", "😀", "\t") });
const comment = fc.oneof(
  commentText.map((s) => `//${s}\n`),
  commentText.map((s) => `//${s}\u2028`),
  commentText.map((s) => `/*${s.replaceAll("*/", "* /")}*/`),
);
const gap = fc.array(fc.oneof({ weight: 4, arbitrary: whitespace }, { weight: 1, arbitrary: comment }), { maxLength: 3 }).map((parts) => parts.join(""));

const stringPiece = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .string({ maxLength: 6, unit: fc.constantFrom("a", "Z", " ", "é", "😀", "\t", "\u2028", "\u2029", "\u0001", "/", "{", "}", '"', "'") })
      .map((s) => s.replaceAll('"', '\\"').replaceAll("'", "\\'")),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom("\\n", "\\r", "\\t", "\\b", "\\f", "\\v", "\\0", "\\\\", "\\/", "\\'", '\\"', "\\x41", "\\xE9", "\\u00e9", "\\uD83D\\uDE00", "\\uDC00", "\\u2028", "\\q", "\\😀", "\\\n", "\\\r\n", "\\\r", "\\\u2028"),
  },
);
const stringLiteral = fc.tuple(fc.constantFrom('"', "'"), fc.array(stringPiece, { maxLength: 4 })).map(([quote, pieces]) => `${quote}${pieces.join("")}${quote}`);

const numberLiteral = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => String(d)),
  fc.bigInt({ min: 0n, max: 2n ** 80n }).map((n) => `0x${n.toString(16)}`),
  fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
  fc.tuple(fc.nat(999), fc.nat(99999)).map(([i, f]) => `${i}.${String(f).padStart(5, "0")}`),
  fc.constantFrom("0", "-0", "+0", ".5", "5.", "5.e3", "0.e1", "-.5E+1", "1e400", "1e-400", "0X1f", "+Infinity", "-Infinity", "Infinity", "NaN", "+NaN", "-NaN", "0.30000000000000004", "9007199254740993"),
  fc.tuple(fc.constantFrom("", "+", "-"), fc.nat(999)).map(([s, n]) => `${s}${n}`),
);

const identifier = fc.oneof(
  fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$]{0,6}$/),
  fc.constantFrom("é", "ünïcödé", "ℵ", "中文", "𐀀", "a\u200c", "e\u0301", "\\u0061", "a\\u0062", "\\u00e9t", "\\u0024", "true", "null", "NaN", "__proto__", "constructor", "toString"),
);

const key = fc.oneof({ weight: 3, arbitrary: identifier }, { weight: 2, arbitrary: stringLiteral });

const { value: valueText } = fc.letrec<{ value: string; object: string; array: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    stringLiteral,
    numberLiteral,
    fc.constantFrom("true", "false", "null"),
    tie("object"),
    tie("array"),
  ),
  object: fc
    .tuple(fc.array(fc.tuple(gap, key, gap, gap, tie("value"), gap), { maxLength: 4 }), fc.boolean(), gap)
    .map(([members, trailing, end]) => {
      const parts = members.map(([g1, k, g2, g3, v, g4]) => `${g1}${k}${g2}:${g3}${v}${g4}`);
      return `{${parts.join(",")}${trailing && parts.length > 0 ? "," : ""}${end}}`;
    }),
  array: fc
    .tuple(fc.array(fc.tuple(gap, tie("value"), gap), { maxLength: 4 }), fc.boolean(), gap)
    .map(([items, trailing, end]) => {
      const parts = items.map(([g1, v, g2]) => `${g1}${v}${g2}`);
      return `[${parts.join(",")}${trailing && parts.length > 0 ? "," : ""}${end}]`;
    }),
}));

const document = fc.tuple(gap, valueText, gap).map(([a, v, b]) => `${a}${v}${b}`);

/** Characters a mutation inserts or substitutes: structure, quotes, escapes, comment starts, odd spaces. */
const mutationChar = fc.constantFrom("{", "}", "[", "]", ":", ",", '"', "'", "\\", "/", "*", "\n", "\r", "\u2028", " ", "\u00a0", "\u180e", "a", "0", ".", "e", "x", "+", "-", "I", "N", "u", "é", "😀", "\u200c");

const mutated = fc.tuple(document, fc.nat(), fc.nat(), fc.constantFrom("delete", "insert", "replace", "truncate", "duplicate"), mutationChar).map(([text, i, j, how, ch]) => {
  const at = text.length === 0 ? 0 : i % (text.length + 1);
  const to = at + (j % 8);
  switch (how) {
    case "delete":
      return text.slice(0, at) + text.slice(at + 1);
    case "insert":
      return text.slice(0, at) + ch + text.slice(at);
    case "replace":
      return text.slice(0, at) + ch + text.slice(at + 1);
    case "truncate":
      return text.slice(0, at);
    default:
      return text.slice(0, to) + text.slice(at, to) + text.slice(to);
  }
});

describe("parseJson5 against json5: generated texts", () => {
  it("agrees on generated JSON5 documents (value, offsets, tokens)", () => {
    fc.assert(
      fc.property(document, (text) => {
        const problem = compare(text, { tokens: true });
        if (problem) throw new Error(`${problem}\ntext: ${JSON.stringify(text)}`);
        // The generator writes valid JSON5 only: make sure the property is not vacuous.
        if (!run(() => JSON5.parse(text)).ok) throw new Error(`generator produced invalid JSON5: ${JSON.stringify(text)}`);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it("agrees on mutated and truncated documents (verdict, value, offsets)", () => {
    let rejected = 0;
    fc.assert(
      fc.property(mutated, (text) => {
        const problem = compare(text);
        if (problem) throw new Error(`${problem}\ntext: ${JSON.stringify(text)}`);
        if (!run(() => JSON5.parse(text)).ok) rejected++;
      }),
      { numRuns: FUZZ_RUNS * 2 },
    );
    // Both verdicts must be exercised.
    expect(rejected).toBeGreaterThan(FUZZ_RUNS / 10);
    expect(rejected).toBeLessThan(FUZZ_RUNS * 2);
  });
});

describe("parseJson5 against json5: every kind of character", () => {
  it("classifies code points as json5 does: identifier start, identifier part, whitespace, escaped or not", () => {
    const codePoint = fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0x10000, max: 0x10ffff }), fc.integer({ min: 0x80, max: 0x3000 }));
    fc.assert(
      fc.property(codePoint, (cp) => {
        const ch = String.fromCodePoint(cp);
        const hex = cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, "0")}` : undefined;
        const texts = [`{${ch}: 1}`, `{a${ch}: 1}`, `${ch}1`, `[1${ch}]`, `"${ch}"`, `'\\${ch}'`, ...(hex ? [`{${hex}: 1}`, `{a${hex}: 1}`] : [])];
        for (const text of texts) {
          const problem = compare(text);
          if (problem) throw new Error(`${problem}\ntext: ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: FUZZ_RUNS * 3 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Real configs
// ---------------------------------------------------------------------------------------------

if (CORPUS_SKIP_REASON) console.warn(CORPUS_SKIP_REASON);

describe.skipIf(CORPUS_SKIP_REASON !== undefined)("parseJson5 against json5: real configs", () => {
  it.each(corpusFiles())("%s", (name) => {
    const decoded = decodeBytes(readFileSync(join(CORPUS_DIR, name)), name);
    if (!("text" in decoded)) throw new Error(`corpus file ${name} is not UTF-8`);
    expect(compare(decoded.text, { tokens: true })).toBeUndefined();
  });
});
