import { describe, expect, it } from "vitest";
import { parseConfig } from "./parse.js";

type Case = { name: string; text: string; code: string; at: [number, number]; message: string };

const errors: Case[] = [
  { name: "empty file", text: "", code: "parse/empty-file", at: [1, 1], message: "File is empty." },
  { name: "whitespace only", text: "  \n\t\n", code: "parse/empty-file", at: [1, 1], message: "File is empty." },
  { name: "BOM only", text: "\uFEFF", code: "parse/empty-file", at: [1, 1], message: "File is empty." },
  {
    name: "only a comment",
    text: "// nothing here\n",
    code: "parse/empty-file",
    at: [1, 1],
    message: "File contains only comments.",
  },
  {
    name: "array root",
    text: "[1, 2]",
    code: "parse/root-not-object",
    at: [1, 1],
    message: "The config must be an object, but the file holds an array.",
  },
  {
    name: "string root",
    text: '"x"',
    code: "parse/root-not-object",
    at: [1, 1],
    message: "The config must be an object, but the file holds a string.",
  },
  {
    name: "missing comma",
    text: '{\n  "a": 1\n  "b": 2\n}',
    code: "parse/unexpected-token",
    at: [3, 3],
    message: 'Unexpected "\\"b\\"" (not valid JSON5).',
  },
  {
    name: "unclosed object",
    text: "{\n  a: {\n    b: 1\n",
    code: "parse/unexpected-eof",
    at: [4, 1],
    message: "Unexpected end of file (not valid JSON5).",
  },
  {
    name: "ES6 unicode escape",
    text: '{ a: "\\u{1F915}" }',
    code: "parse/unexpected-character",
    at: [1, 9],
    message: 'Unexpected character "{" (not valid JSON5).',
  },
  {
    name: "error after CRLF lines",
    text: "{\r\n  a: 1,\r\n  b: ]\r\n}",
    code: "parse/unexpected-token",
    at: [3, 6],
    message: 'Unexpected "]" (not valid JSON5).',
  },
  { name: "NUL byte", text: "{a: 1}\u0000", code: "parse/binary", at: [1, 7], message: "File contains a NUL character; it is not a text file." },
  {
    name: "too deep",
    text: `{a:${"[".repeat(1200)}${"]".repeat(1200)}}`,
    code: "parse/too-deep",
    at: [1, 1003],
    message: "Nesting is deeper than 1000 levels.",
  },
];

describe("parseConfig errors", () => {
  it.each(errors)("$name", ({ text, code, at, message }) => {
    const result = parseConfig(text, "c.json5");
    expect(result.document).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    const [d] = result.diagnostics;
    expect(d?.code).toBe(code);
    expect(d?.message).toBe(message);
    expect([d?.range.start.line, d?.range.start.column]).toEqual(at);
    expect(d?.file).toBe("c.json5");
  });

  it("explains where an unclosed bracket opened", () => {
    const [d] = parseConfig("{\n  a: {\n    b: 1\n", "c.json5").diagnostics;
    expect(d?.notes).toEqual(["The `{` on line 2 is never closed."]);
  });

  it("suggests a missing comma", () => {
    const [d] = parseConfig('{\n  "a": 1\n  "b": 2\n}', "c.json5").diagnostics;
    expect(d?.notes).toEqual(["A comma is probably missing before it."]);
  });
});

describe("parseConfig values", () => {
  it("accepts JSON5 syntax and keeps the BOM in the text", () => {
    const text = "\uFEFF{\n  // c\n  a: 'x', b: 0x1F, c: +1, d: .5, e: Infinity, f: -Infinity,\n}";
    const { document, diagnostics } = parseConfig(text, "c.json5");
    expect(diagnostics).toEqual([]);
    expect(document?.hasBom).toBe(true);
    expect(document?.text).toBe(text);
    expect(document?.value).toEqual({ a: "x", b: 31, c: 1, d: 0.5, e: Infinity, f: -Infinity });
  });

  it("reads NaN, -0 and 1e400", () => {
    const { document } = parseConfig("{a: NaN, b: -0, c: 1e400}", "c.json5");
    const value = document?.value as Record<string, number>;
    expect(Number.isNaN(value.a)).toBe(true);
    expect(Object.is(value.b, -0)).toBe(true);
    expect(value.c).toBe(Infinity);
  });

  it("keeps __proto__, constructor and prototype as ordinary keys", () => {
    const { document } = parseConfig('{"__proto__": {"polluted": 1}, constructor: 2, prototype: 3}', "c.json5");
    const value = document?.value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["__proto__", "constructor", "prototype"]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reports a duplicate key at the later occurrence, pointing at the first", () => {
    const { diagnostics, document } = parseConfig('{\n  "a": 1,\n  "a": 2\n}', "c.json5");
    expect((document?.value as Record<string, number>).a).toBe(2);
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d?.code).toBe("parse/duplicate-key");
    expect(d?.severity).toBe("warning");
    expect(d?.message).toBe('Duplicate key "a": it is already set on line 2; JSON5 keeps this later value and silently drops the earlier one.');
    expect([d?.range.start.line, d?.range.start.column, d?.range.end.column]).toEqual([3, 3, 6]);
    expect(d?.related?.[0]?.range.start).toEqual({ line: 2, column: 3, offset: 4 });
  });

  it("detects CRLF line endings and counts lines the same way", () => {
    const { document } = parseConfig("{\r\n  a: 1,\r\n  b: 2\r\n}", "c.json5");
    expect(document?.eol).toBe("\r\n");
    const loc = document?.sourceMap.locate(document.value, ["b"], "key");
    expect(loc?.range.start).toEqual({ line: 3, column: 3, offset: 14 });
  });

  it("locates keys and values by path, and the nearest ancestor for missing paths", () => {
    const text = '{\n  agents: {\n    list: [\n      { id: "main", params: { x: 1 } },\n    ],\n  },\n}';
    const { document } = parseConfig(text, "c.json5");
    if (!document) throw new Error("expected a document");
    const key = document.sourceMap.locate(document.value, ["agents", "list", 0, "params", "x"], "key");
    expect(key?.range).toEqual({ start: { line: 4, column: 31, offset: 56 }, end: { line: 4, column: 32, offset: 57 } });
    const value = document.sourceMap.locate(document.value, ["agents", "list", 0, "id"], "value");
    expect(text.slice(value?.range.start.offset, value?.range.end.offset)).toBe('"main"');
    const missing = document.sourceMap.locate(document.value, ["agents", "list", 0, "model"], "value");
    expect(missing?.approximate).toBe(true);
    expect(text.slice(missing?.range.start.offset, missing?.range.end.offset)).toBe('{ id: "main", params: { x: 1 } }');
  });
});
