import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { FILE_START } from "../diagnostics/diagnostic.js";
import type { LintResult } from "../pipeline.js";
import { MAX_FIX_PASSES, fixText } from "./fix.js";

const API_KEY = { auth: "api-key" as const };

describe("fixText", () => {
  // [name, source, fixed text, fixes applied, passes, codes left]
  const cases: [string, string, string, number, number, string[]][] = [
    ["nothing to fix", "{}\n", "{}\n", 0, 0, []],
    [
      "two rules with the same edit apply it once; suggestions are never applied",
      "{ agents: { defaults: { models: { 'anthropic/claude-opus-4-6': { params: { cacheControlTtl: '1h' } }, 'openai/gpt-5': { params: { cacheRetention: 'standard' } } } } } }",
      "{ agents: { defaults: { models: { 'anthropic/claude-opus-4-6': { params: { cacheRetention: 'long' } }, 'openai/gpt-5': { params: { cacheRetention: 'standard' } } } } } }",
      2,
      1,
      ["lint/invalid-cache-retention"],
    ],
    [
      "fixes in several objects in one pass",
      "{ agents: { defaults: { params: { cacheRetention: 'long', cacheControlTtl: '1h' } }, list: [{ id: 'a', params: { cacheRetention: 'short', cacheControlTtl: '1h' } }] } }",
      "{ agents: { defaults: { params: { cacheRetention: 'long' } }, list: [{ id: 'a', params: { cacheRetention: 'short' } }] } }",
      2,
      1,
      [],
    ],
    [
      "a rename in one params object and a deletion in the next",
      "{ agents: { defaults: { model: 'anthropic/claude-opus-4-6', params: { cacheControlTtl: '1h' }, models: { 'anthropic/claude-opus-4-6': { params: { cacheControlTtl: '5m', cacheRetention: 'short' } } } } } }",
      "{ agents: { defaults: { model: 'anthropic/claude-opus-4-6', params: { cacheRetention: 'long' }, models: { 'anthropic/claude-opus-4-6': { params: { cacheRetention: 'short' } } } } } }",
      2,
      1,
      [],
    ],
  ];
  it.each(cases)("%s", (_name, source, fixed, applied, passes, left) => {
    const result = fixText(source, "t.json5", API_KEY);
    expect(result.text).toBe(fixed);
    expect([result.applied, result.passes]).toEqual([applied, passes]);
    expect(result.result.diagnostics.map((d) => d.code)).toEqual(left);
    expect(result.result.source).toBe(fixed);
  });
});

describe("fixText passes", () => {
  const finding = (file: string, start: number, end: number, text: string): Diagnostic => ({
    code: "lint/test",
    severity: "warning",
    message: "m",
    file,
    range: FILE_START,
    path: [],
    fix: { description: "d", edits: [{ file, start, end, text }] },
  });
  // A linter that asks to replace each "a" with "b": two overlapping requests per pass over "aa".
  const overlapping = (text: string, file: string): LintResult => {
    const diagnostics: Diagnostic[] = [];
    const at = text.indexOf("aa");
    if (at !== -1) diagnostics.push(finding(file, at, at + 2, "bb"), finding(file, at + 1, at + 2, "c"));
    return { file, source: text, diagnostics };
  };

  it("a fix that overlaps an earlier one waits for the next pass, which sees the edited text", () => {
    const result = fixText("xaay", "t", {}, overlapping);
    expect([result.text, result.applied, result.passes]).toEqual(["xbby", 1, 1]);
  });

  it(`stops after ${MAX_FIX_PASSES} passes when fixes keep coming`, () => {
    const flipFlop = (text: string, file: string): LintResult => ({ file, source: text, diagnostics: [finding(file, 0, 1, text[0] === "a" ? "b" : "a")] });
    const result = fixText("a", "t", {}, flipFlop);
    expect([result.text, result.passes]).toEqual(["a", MAX_FIX_PASSES]);
  });

  it("never applies edits to another file", () => {
    const elsewhere = (text: string, file: string): LintResult => ({ file, source: text, diagnostics: [finding("other.json5", 0, 1, "z")] });
    expect(fixText("a", "t", {}, elsewhere).text).toBe("a");
  });
});
