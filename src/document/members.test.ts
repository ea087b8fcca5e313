import type { ObjectNode } from "@humanwhocodes/momoa";
import { describe, expect, it } from "vitest";
import type { KeyPath } from "../diagnostics/diagnostic.js";
import { parseConfig } from "../stages/parse.js";
import { applyEdits } from "./edits.js";
import type { InsertedValue } from "./members.js";
import { insertMember, memberCount } from "./members.js";

function objectAt(text: string, path: KeyPath) {
  const doc = parseConfig(text, "t.json5").document;
  if (!doc) throw new Error("test source does not parse");
  const node = path.length === 0 ? doc.ast.body : doc.sourceMap.locate(doc.value, path)?.origin.node;
  if (node?.type !== "Object") throw new Error(`no object at ${path.join(".")}`);
  return { doc, node: node as ObjectNode };
}

function insert(text: string, path: KeyPath, key: string, value: InsertedValue): string {
  const { doc, node } = objectAt(text, path);
  const result = applyEdits(text, insertMember(doc, node, key, value));
  if (!result.ok) throw new Error(result.error);
  return result.text;
}

describe("insertMember", () => {
  const cases: [string, string, KeyPath, string, InsertedValue, string][] = [
    ["empty root object", "{}", [], "k", "v", '{ "k": "v" }'],
    ["empty object in a JSON5 file takes the file's unquoted keys", "{ a: {} }", ["a"], "k", "v", '{ a: { k: "v" } }'],
    ["one line, no trailing comma", "{ a: { b: 1 } }", ["a"], "k", "v", '{ a: { b: 1, k: "v" } }'],
    ["one line, trailing comma kept", "{ a: { b: 1, } }", ["a"], "k", "v", '{ a: { b: 1, k: "v", } }'],
    ["single quotes are followed", "{ a: { b: 'x' } }", ["a"], "k", "v", "{ a: { b: 'x', k: 'v' } }"],
    ["a key that is no identifier gets quotes", "{ a: { b: 1 } }", ["a"], "anthropic/x", { params: { c: "long" } }, '{ a: { b: 1, "anthropic/x": { params: { c: "long" } } } }'],
    [
      "JSON: quoted keys, new line with the last member's indentation",
      '{\n  "a": {\n    "b": 1\n  }\n}\n',
      ["a"],
      "k",
      { x: "y" },
      '{\n  "a": {\n    "b": 1,\n    "k": { "x": "y" }\n  }\n}\n',
    ],
    [
      "trailing comma and a comment after the last member",
      "{\n  a: {\n    b: 1, // note\n  },\n}\n",
      ["a"],
      "k",
      "v",
      '{\n  a: {\n    b: 1, // note\n    k: "v",\n  },\n}\n',
    ],
    [
      "a comment after a last member without comma: the comma goes before the comment",
      "{\n  a: {\n    b: 1 // note\n  }\n}\n",
      ["a"],
      "k",
      "v",
      '{\n  a: {\n    b: 1, // note\n    k: "v"\n  }\n}\n',
    ],
    ["CRLF line endings", "{\r\n  a: {\r\n    b: 1\r\n  }\r\n}\r\n", ["a"], "k", "v", '{\r\n  a: {\r\n    b: 1,\r\n    k: "v"\r\n  }\r\n}\r\n'],
    ["tabs", '{\n\t"a": {\n\t\t"b": 1\n\t}\n}', ["a"], "k", "v", '{\n\t"a": {\n\t\t"b": 1,\n\t\t"k": "v"\n\t}\n}'],
    ["an empty object over several lines", "{\n  a: {\n  },\n}", ["a"], "k", "v", '{\n  a: {\n    k: "v"\n  },\n}'],
    ["an empty object holding a comment", "{ a: { /* c */ } }", ["a"], "k", "v", '{ a: { k: "v" /* c */ } }'],
    ["an empty object over several lines holding a comment", "{\n  a: {\n    // c\n  },\n}", ["a"], "k", "v", '{\n  a: {\n    k: "v"\n    // c\n  },\n}'],
  ];
  it.each(cases)("%s", (_name, text, path, key, value, expected) => {
    const result = insert(text, path, key, value);
    expect(result).toBe(expected);
    expect(parseConfig(result, "t.json5").diagnostics).toEqual([]);
  });
});

describe("memberCount", () => {
  it("counts duplicate keys, quoted or not", () => {
    const { node } = objectAt("{ a: 1, 'a': 2, \"a\": 3, b: 4 }", []);
    expect([memberCount(node, "a"), memberCount(node, "b"), memberCount(node, "c")]).toEqual([3, 1, 0]);
  });
});
