import { describe, expect, it } from "vitest";
import type { PathSegment } from "../diagnostics/diagnostic.js";
import { parseConfig } from "../stages/parse.js";
import type { ConfigDocument } from "./document.js";
import type { Origin } from "./source-map.js";
import { SourceMap } from "./source-map.js";

function parse(text: string): ConfigDocument & { value: Record<string, unknown> } {
  const { document } = parseConfig(text, "c.json5");
  if (!document) throw new Error("test source does not parse");
  return document as ConfigDocument & { value: Record<string, unknown> };
}

const slice = (doc: ConfigDocument, origin: Origin | undefined, part: "key" | "node" = "node"): string | undefined => {
  const node = part === "key" ? origin?.key : origin?.node;
  return node && doc.text.slice(node.loc.start.offset, node.loc.end.offset);
};

describe("SourceMap over a parsed document", () => {
  const text = '{\n  b: 1,\n  "2": [10, { x: "y" }],\n  a: { c: true },\n  b: "again",\n}';

  it("finds key, value, parent and member of every kind of member", () => {
    const doc = parse(text);
    const map = doc.sourceMap;
    const list = doc.value["2"] as unknown[];
    const b = map.get(doc.value, "b");
    expect([slice(doc, b, "key"), slice(doc, b), b?.parent?.type, b?.member?.name]).toEqual(["b", '"again"', "Object", b?.key]);
    const element = map.get(list, 1);
    expect([slice(doc, element), element?.key, element?.member, element?.parent?.type]).toEqual(['{ x: "y" }', undefined, undefined, "Array"]);
    expect(slice(doc, map.get(list[1] as object, "x"))).toBe('"y"');
    expect(element?.doc).toBe(doc);
  });

  it("names object members by string and array elements by number only", () => {
    const doc = parse(text);
    const list = doc.value["2"] as unknown[];
    const cases: [object, PathSegment][] = [
      [doc.value, 2],
      [list, "0"],
      [list, 2],
      [list, -1],
      [doc.value, "missing"],
      [{}, "b"],
    ];
    for (const [container, segment] of cases) expect(doc.sourceMap.get(container, segment)).toBeUndefined();
    expect(slice(doc, doc.sourceMap.get(doc.value, "2"))).toBe('[10, { x: "y" }]');
  });

  it("hands out the same origin and node objects every time", () => {
    const doc = parse(text);
    const map = doc.sourceMap;
    const first = map.get(doc.value, "a");
    expect(map.get(doc.value, "a")).toBe(first);
    expect(map.members(doc.value)?.get("a")).toBe(first);
    expect(map.get(doc.value["a"] as object, "c")?.parent).toBe(first?.node);
    const body = doc.ast.body;
    expect(body.type === "Object" && body.members.includes(first?.member as never)).toBe(true);
  });

  it("lists members in source order, a repeated key once at its first place with its last origin", () => {
    const doc = parse(text);
    const members = doc.sourceMap.members(doc.value);
    // JavaScript puts the integer-like key "2" first; the source has it second.
    expect(Object.keys(doc.value)).toEqual(["2", "b", "a"]);
    expect([...(members?.keys() ?? [])]).toEqual(["b", "2", "a"]);
    expect(members?.size).toBe(3);
    expect([...(members ?? [])].map(([k, o]) => [k, slice(doc, o)])).toEqual([
      ["b", '"again"'],
      ["2", '[10, { x: "y" }]'],
      ["a", "{ c: true }"],
    ]);
    expect([members?.has("a"), members?.has("z"), members?.get("z")]).toEqual([true, false, undefined]);
    expect([...(doc.sourceMap.members(doc.value["2"] as object)?.keys() ?? [])]).toEqual([0, 1]);
  });

  it("lets explicit entries win over the document and appends new keys", () => {
    const doc = parse(text);
    const map = doc.sourceMap;
    const moved: Origin = { doc, node: doc.ast.body, via: ["test"] };
    map.set(doc.value, "a", moved);
    map.set(doc.value, "z", moved);
    expect(map.get(doc.value, "a")).toBe(moved);
    expect(slice(doc, map.get(doc.value, "b"))).toBe('"again"');
    const members = map.members(doc.value);
    expect([...(members?.keys() ?? [])]).toEqual(["b", "2", "a", "z"]);
    expect(members?.get("a")).toBe(moved);
  });

  it("copies every origin onto a clone", () => {
    const doc = parse(text);
    const clone = { ...doc.value };
    doc.sourceMap.copy(doc.value, clone);
    expect(doc.sourceMap.get(clone, "b")).toBe(doc.sourceMap.get(doc.value, "b"));
    expect([...(doc.sourceMap.members(clone)?.keys() ?? [])]).toEqual(["b", "2", "a"]);
  });

  it("locates paths, keys and the nearest ancestor of a missing path", () => {
    const doc = parse(text);
    const at = (path: PathSegment[], part: "key" | "value" = "value") => {
      const loc = doc.sourceMap.locate(doc.value, path, part);
      return loc && [doc.text.slice(loc.range.start.offset, loc.range.end.offset), loc.approximate];
    };
    expect(at(["2", 1, "x"])).toEqual(['"y"', false]);
    expect(at(["2", 1, "x"], "key")).toEqual(["x", false]);
    expect(at(["a", "missing"])).toEqual(["a", true]);
    expect(at([])).toEqual([doc.text, false]);
  });
});

describe("SourceMap without sources", () => {
  it("keeps members in the order they were set, as before", () => {
    const map = new SourceMap();
    const container = {};
    const doc = parse("{}");
    const origin: Origin = { doc, node: doc.ast.body };
    map.set(container, "b", origin);
    map.set(container, "a", origin);
    expect([...(map.members(container)?.keys() ?? [])]).toEqual(["b", "a"]);
    expect(map.members({})).toBeUndefined();
  });
});
