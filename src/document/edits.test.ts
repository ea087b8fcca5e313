import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { KeyPath, TextEdit } from "../diagnostics/diagnostic.js";
import { parseConfig } from "../stages/parse.js";
import type { ConfigDocument } from "./document.js";
import { applyEdits, deleteMember, groupEditsByFile, isMemberOrigin, quoteString, renameKey, replaceString } from "./edits.js";
import type { Origin } from "./source-map.js";

function parse(text: string): ConfigDocument {
  const parsed = parseConfig(text, "test.json5");
  if (!parsed.document) throw new Error(`fixture does not parse: ${JSON.stringify(parsed.diagnostics)}`);
  return parsed.document;
}

function originAt(doc: ConfigDocument, path: KeyPath): Origin {
  const location = doc.sourceMap.locate(doc.value, path);
  if (!location || location.approximate) throw new Error(`no value at ${path.join(".")}`);
  return location.origin;
}

function edit(start: number, end: number, text: string, file = "f"): TextEdit {
  return { file, start, end, text };
}

describe("applyEdits", () => {
  const cases: { name: string; text: string; edits: TextEdit[]; result: ReturnType<typeof applyEdits> }[] = [
    { name: "no edits", text: "abc", edits: [], result: { ok: true, text: "abc" } },
    { name: "edits in any order", text: "abcdef", edits: [edit(4, 5, "E"), edit(0, 1, "A")], result: { ok: true, text: "AbcdEf" } },
    { name: "adjacent ranges", text: "abcdef", edits: [edit(0, 2, "X"), edit(2, 4, "Y")], result: { ok: true, text: "XYef" } },
    { name: "identical duplicates count once", text: "abc", edits: [edit(1, 2, "B"), edit(1, 2, "B")], result: { ok: true, text: "aBc" } },
    { name: "insertion before a replaced range", text: "abc", edits: [edit(1, 2, "B"), edit(1, 1, "+")], result: { ok: true, text: "a+Bc" } },
    { name: "insertion after a replaced range", text: "abc", edits: [edit(1, 2, "B"), edit(2, 2, "+")], result: { ok: true, text: "aB+c" } },
    { name: "insertion at the end", text: "abc", edits: [edit(3, 3, "!")], result: { ok: true, text: "abc!" } },
    { name: "deletion of everything", text: "abc", edits: [edit(0, 3, "")], result: { ok: true, text: "" } },
    {
      name: "overlapping ranges",
      text: "abcdef",
      edits: [edit(0, 3, "X"), edit(2, 4, "Y")],
      result: { ok: false, error: 'Edit [2, 4) → "Y" overlaps edit [0, 3) → "X".' },
    },
    {
      name: "same range, different text",
      text: "abc",
      edits: [edit(1, 2, "X"), edit(1, 2, "Y")],
      result: { ok: false, error: 'Edit [1, 2) → "Y" overlaps edit [1, 2) → "X".' },
    },
    {
      name: "two insertions at one offset",
      text: "abc",
      edits: [edit(1, 1, "X"), edit(1, 1, "Y")],
      result: { ok: false, error: 'Edit [1, 1) → "Y" overlaps edit [1, 1) → "X".' },
    },
    {
      name: "range past the end",
      text: "abc",
      edits: [edit(2, 9, "")],
      result: { ok: false, error: 'Edit [2, 9) → "" lies outside the text (length 3).' },
    },
    {
      name: "reversed range",
      text: "abc",
      edits: [edit(2, 1, "")],
      result: { ok: false, error: 'Edit [2, 1) → "" lies outside the text (length 3).' },
    },
    {
      name: "edits for two files",
      text: "abc",
      edits: [edit(0, 1, "A", "one.json5"), edit(2, 3, "C", "two.json5")],
      result: { ok: false, error: "Edits for 2 files (one.json5, two.json5) cannot be applied to one text." },
    },
  ];
  it.each(cases)("$name", ({ text, edits, result }) => {
    expect(applyEdits(text, edits)).toEqual(result);
  });

  it("groups edits by file in sorted order", () => {
    const groups = groupEditsByFile([edit(5, 6, "b", "z.json5"), edit(1, 2, "a", "a.json5"), edit(0, 1, "c", "z.json5")]);
    expect([...groups.entries()]).toEqual([
      ["a.json5", [edit(1, 2, "a", "a.json5")]],
      ["z.json5", [edit(0, 1, "c", "z.json5"), edit(5, 6, "b", "z.json5")]],
    ]);
  });
});

describe("quoteString", () => {
  const cases: { value: string; quote: '"' | "'"; out: string }[] = [
    { value: "short", quote: '"', out: '"short"' },
    { value: "short", quote: "'", out: "'short'" },
    { value: `it's "x"`, quote: "'", out: `'it\\'s "x"'` },
    { value: `it's "x"`, quote: '"', out: `"it's \\"x\\""` },
    { value: "a\\b\n\t\r\u0001\u2028", quote: '"', out: '"a\\\\b\\n\\t\\r\\u0001\\u2028"' },
    { value: "ünïcødé 🦀", quote: '"', out: '"ünïcødé 🦀"' },
  ];
  it.each(cases)("$value in $quote", ({ value, quote, out }) => {
    expect(quoteString(value, quote)).toBe(out);
    expect(parse(`{ k: ${out} }`).value).toEqual({ k: value });
  });
});

describe("renameKey", () => {
  const cases: { name: string; text: string; path: KeyPath; to: string; out: string }[] = [
    { name: "unquoted stays unquoted", text: "{ cacheControlTtl: '1h' }", path: ["cacheControlTtl"], to: "cacheRetention", out: "{ cacheRetention: '1h' }" },
    { name: "unquoted gains quotes when needed", text: "{ a: 1 }", path: ["a"], to: "anthropic/claude", out: '{ "anthropic/claude": 1 }' },
    { name: "double quotes kept", text: '{ "a": 1 }', path: ["a"], to: "b", out: '{ "b": 1 }' },
    { name: "single quotes kept", text: "{ 'a': 1 }", path: ["a"], to: "b", out: "{ 'b': 1 }" },
    { name: "single quotes escape a quote", text: "{ 'a': 1 }", path: ["a"], to: "it's", out: "{ 'it\\'s': 1 }" },
    { name: "nested key", text: "{\n  x: {\n    \"a\": 1, // c\n  },\n}", path: ["x", "a"], to: "b", out: "{\n  x: {\n    \"b\": 1, // c\n  },\n}" },
  ];
  it.each(cases)("$name", ({ text, path, to, out }) => {
    const doc = parse(text);
    const origin = originAt(doc, path);
    if (!isMemberOrigin(origin)) throw new Error("not a member");
    expect(applyEdits(text, [renameKey(doc, origin, to)])).toEqual({ ok: true, text: out });
  });

  it("says which origins are members", () => {
    const doc = parse("{ a: [1] }");
    expect([isMemberOrigin(originAt(doc, ["a"])), isMemberOrigin(originAt(doc, ["a", 0]))]).toEqual([true, false]);
  });
});

describe("replaceString", () => {
  const cases: { name: string; text: string; path: KeyPath; to: string; out: string }[] = [
    { name: "double quotes kept", text: '{ a: "1h" }', path: ["a"], to: "long", out: '{ a: "long" }' },
    { name: "single quotes kept", text: "{ a: '5m' }", path: ["a"], to: "short", out: "{ a: 'short' }" },
    { name: "a number becomes a double-quoted string", text: "{ a: 60 }", path: ["a"], to: "long", out: '{ a: "long" }' },
    { name: "escapes are written", text: "{ a: 'x' }", path: ["a"], to: "it's", out: "{ a: 'it\\'s' }" },
    { name: "array element", text: "{ a: ['x', \"y\"] }", path: ["a", 1], to: "z", out: "{ a: ['x', \"z\"] }" },
  ];
  it.each(cases)("$name", ({ text, path, to, out }) => {
    const doc = parse(text);
    expect(applyEdits(text, [replaceString(doc, originAt(doc, path).node, to)])).toEqual({ ok: true, text: out });
  });
});

describe("deleteMember", () => {
  const cases: { name: string; text: string; path: KeyPath; out: string }[] = [
    { name: "first of one line", text: "{ a: 1, b: 2 }", path: ["a"], out: "{ b: 2 }" },
    { name: "last of one line", text: "{ a: 1, b: 2 }", path: ["b"], out: "{ a: 1 }" },
    { name: "middle of one line", text: "{ a: 1, b: 2, c: 3 }", path: ["b"], out: "{ a: 1, c: 3 }" },
    { name: "only member", text: "{ a: 1 }", path: ["a"], out: "{ }" },
    { name: "only member with trailing comma", text: "{ a: 1, }", path: ["a"], out: "{ }" },
    { name: "first line", text: "{\n  a: 1,\n  b: 2\n}", path: ["a"], out: "{\n  b: 2\n}" },
    { name: "last line takes the separator", text: "{\n  a: 1,\n  b: 2\n}", path: ["b"], out: "{\n  a: 1\n}" },
    { name: "last line with trailing comma keeps the style", text: "{\n  a: 1,\n  b: 2,\n}", path: ["b"], out: "{\n  a: 1,\n}" },
    { name: "middle line", text: "{\n  a: 1,\n  b: 2,\n  c: 3\n}", path: ["b"], out: "{\n  a: 1,\n  c: 3\n}" },
    { name: "only member on its own line", text: '{\n  "params": {\n    "a": 1\n  }\n}', path: ["params", "a"], out: '{\n  "params": {\n  }\n}' },
    {
      name: "the previous member's comment stays",
      text: "{\n  a: 1, // about a\n  b: 2\n}",
      path: ["b"],
      out: "{\n  a: 1 // about a\n}",
    },
    {
      name: "own comments go, neighbours' stay",
      text: "{\n  a: 1, // about a\n  // about b\n  /* more about b */\n  b: 2, // b trailing\n\n  // about c\n  c: 3\n}",
      path: ["b"],
      out: "{\n  a: 1, // about a\n\n  // about c\n  c: 3\n}",
    },
    {
      name: "a comment separated by a blank line stays",
      text: "{\n  // header\n\n  // about a\n  a: 1,\n  b: 2,\n}",
      path: ["a"],
      out: "{\n  // header\n\n  b: 2,\n}",
    },
    {
      name: "comment after the opening brace stays",
      text: "{ // obj\n  a: 1 /* x */, /* y */\n  b: 2\n}",
      path: ["a"],
      out: "{ // obj\n  b: 2\n}",
    },
    { name: "inline comment before the next member stays", text: "{ a: 1, /*x*/ b: 2 }", path: ["a"], out: "{ /*x*/ b: 2 }" },
    { name: "inline comment before the member goes", text: "{ a: 1, /*x*/ b: 2 }", path: ["b"], out: "{ a: 1 }" },
    { name: "comment before the closing brace goes", text: "{ a: 1 /*x*/ }", path: ["a"], out: "{ }" },
    { name: "multi-line value", text: "{ a: {\n    x: 1\n  }, b: 2 }", path: ["a"], out: "{ b: 2 }" },
    {
      name: "multi-line value on its own lines",
      text: "{\n  a: {\n    x: 1, // x\n  },\n  b: 2,\n}",
      path: ["a"],
      out: "{\n  b: 2,\n}",
    },
    {
      name: "block comment spanning lines above",
      text: "{\n  a: 1,\n  /*\n   * about b\n   */\n  b: 2,\n}",
      path: ["b"],
      out: "{\n  a: 1,\n}",
    },
    { name: "CRLF and tabs", text: "{\r\n\t\"a\": 1,\r\n\t// c\r\n\t'b': 2\r\n}", path: ["b"], out: "{\r\n\t\"a\": 1\r\n}" },
    { name: "CRLF first member", text: "{\r\n\t'a': 1, // a\r\n\tb: 2,\r\n}\r\n", path: ["a"], out: "{\r\n\tb: 2,\r\n}\r\n" },
    { name: "member starting mid-line, ending its line", text: "{ a: 1, b: 2,\n  c: 3 }", path: ["b"], out: "{ a: 1,\n  c: 3 }" },
    { name: "member starting a line, not ending it", text: "{\n  a: 1, b: 2\n}", path: ["a"], out: "{\n  b: 2\n}" },
    { name: "comma on the next line", text: "{\n  a: 1\n  , b: 2\n}", path: ["a"], out: "{\n  b: 2\n}" },
    { name: "BOM", text: "\uFEFF{\n  a: 1,\n  b: 2\n}\n", path: ["a"], out: "\uFEFF{\n  b: 2\n}\n" },
    { name: "array element in the middle", text: "{ a: [1, 2, 3] }", path: ["a", 1], out: "{ a: [1, 3] }" },
    { name: "last array element", text: "{ a: [1, 2, 3] }", path: ["a", 2], out: "{ a: [1, 2] }" },
    { name: "array element on its own line", text: "{ a: [\n  1,\n  2, // two\n  3,\n] }", path: ["a", 1], out: "{ a: [\n  1,\n  3,\n] }" },
  ];
  it.each(cases)("$name", ({ text, path, out }) => {
    const doc = parse(text);
    const result = applyEdits(text, deleteMember(doc, originAt(doc, path)));
    expect(result).toEqual({ ok: true, text: out });
    expect(parseConfig(out, "out.json5").document).toBeDefined();
  });

  it("returns separate edits for the separator and the member", () => {
    const text = "{\n  a: 1, // about a\n  b: 2\n}";
    const doc = parse(text);
    expect(deleteMember(doc, originAt(doc, ["b"]))).toEqual([
      { file: "test.json5", start: 8, end: 9, text: "" },
      { file: "test.json5", start: 21, end: 28, text: "" },
    ]);
  });

  it("returns nothing for the document root", () => {
    const doc = parse("{ a: 1 }");
    expect(deleteMember(doc, { node: doc.ast.body })).toEqual([]);
  });
});

// Generated objects where each comment is tagged with the member that owns it (or none), so the
// property can check that deleting a member removes exactly its own comments.
interface GenMember {
  key: string;
  quote: "" | '"' | "'";
  value: string;
  leading: ("line" | "block")[];
  trailing: "none" | "line" | "block";
  blankBefore: boolean;
  freeComment: boolean;
}

const memberArb: fc.Arbitrary<Omit<GenMember, "key">> = fc.record({
  quote: fc.constantFrom("" as const, '"' as const, "'" as const),
  value: fc.constantFrom("1", "'x'", '"y"', "true", "null", "[1, 2]", "{ z: 1 }", "0x1F", "{\n}"),
  leading: fc.array(fc.constantFrom("line" as const, "block" as const), { maxLength: 2 }),
  trailing: fc.constantFrom("none" as const, "line" as const, "block" as const),
  blankBefore: fc.boolean(),
  freeComment: fc.boolean(),
});

const objectArb = fc.record({
  members: fc.array(memberArb, { minLength: 1, maxLength: 5 }),
  eol: fc.constantFrom("\n", "\r\n"),
  indent: fc.constantFrom("  ", "\t", "    "),
  trailingComma: fc.boolean(),
  header: fc.boolean(),
  inline: fc.boolean(),
  target: fc.nat(),
});

interface Generated {
  text: string;
  keys: string[];
  /** Comment text -> index of the member that owns it, or -1. */
  owners: Map<string, number>;
}

type ObjectSpec = typeof objectArb extends fc.Arbitrary<infer T> ? T : never;

function render(spec: ObjectSpec): Generated {
  const owners = new Map<string, number>();
  let n = 0;
  const comment = (kind: "line" | "block", owner: number) => {
    const body = `c${n++}!`;
    const text = kind === "line" ? `// ${body}` : `/* ${body} */`;
    owners.set(text, owner);
    return text;
  };
  const keys = spec.members.map((_, i) => `k${i}`);
  const keyText = (m: Omit<GenMember, "key">, key: string) => (m.quote === "" ? key : `${m.quote}${key}${m.quote}`);
  const { eol, indent } = spec;
  if (spec.inline) {
    // One line: only block comments, each before its member.
    const parts = spec.members.map((m, i) => {
      const lead = m.leading.map(() => `${comment("block", i)} `).join("");
      const value = m.value.replace(/\n/g, " ");
      return `${lead}${keyText(m, keys[i] as string)}: ${value}`;
    });
    const text = `{ ${parts.join(", ")}${spec.trailingComma ? "," : ""} }${eol}`;
    return { text, keys, owners };
  }
  let text = `{${spec.header ? ` ${comment("line", -1)}` : ""}${eol}`;
  spec.members.forEach((m, i) => {
    if (m.freeComment) text += `${indent}${comment("line", -1)}${eol}${eol}`;
    else if (m.blankBefore) text += eol;
    for (const kind of m.leading) text += `${indent}${comment(kind, i)}${eol}`;
    const last = i === spec.members.length - 1;
    const comma = !last || spec.trailingComma ? "," : "";
    const value = m.value.replace(/\n/g, `${eol}${indent}`);
    text += `${indent}${keyText(m, keys[i] as string)}: ${value}${comma}`;
    if (m.trailing !== "none") text += ` ${comment(m.trailing, i)}`;
    text += eol;
  });
  text += `}${eol}`;
  return { text, keys, owners };
}

describe("deleteMember property", () => {
  it("removes exactly the member and its own comments; the rest parses and stays", () => {
    fc.assert(
      fc.property(objectArb, (spec) => {
        const generated = render(spec);
        const doc = parse(generated.text);
        const target = spec.target % generated.keys.length;
        const key = generated.keys[target] as string;
        const result = applyEdits(generated.text, deleteMember(doc, originAt(doc, [key])));
        if (!result.ok) throw new Error(result.error);
        const after = parseConfig(result.text, "out.json5");
        expect(after.document).toBeDefined();
        const expected = { ...(doc.value as Record<string, unknown>) };
        delete expected[key];
        expect(after.document?.value).toEqual(expected);
        for (const [text, owner] of generated.owners) {
          expect({ comment: text, present: result.text.split(text).length - 1 }).toEqual({ comment: text, present: owner === target ? 0 : 1 });
        }
        // Line endings are the file's own: no LF appears alone in a CRLF file.
        if (spec.eol === "\r\n") expect(/(^|[^\r])\n/.test(result.text)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
