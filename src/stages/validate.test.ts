import { describe, expect, it } from "vitest";
import { parseConfig } from "./parse.js";
import { validateConfig } from "./validate.js";

function validate(text: string) {
  const { document } = parseConfig(text, "c.json5");
  if (!document) throw new Error("test input must parse");
  return validateConfig(document.value, document.sourceMap, "c.json5").diagnostics.map((d) => ({
    code: d.code,
    message: d.message,
    at: `${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column}`,
  }));
}

type Case = { name: string; text: string; expected: { code: string; message: string; at: string }[] };

const cases: Case[] = [
  { name: "empty object is valid", text: "{}", expected: [] },
  {
    name: "modelled sections accept a realistic config",
    text: `{
      $schema: "./schema.json",
      env: { ANTHROPIC_API_KEY: "\${ANTHROPIC_API_KEY}", vars: { A: "b" }, shellEnv: { enabled: true, timeoutMs: 1000 } },
      auth: { profiles: { "anthropic:default": { provider: "anthropic", mode: "api_key" } }, order: { anthropic: ["anthropic:default"] } },
      models: { mode: "merge", providers: { p: { baseUrl: "http://x", api: "anthropic-messages", headers: { "anthropic-beta": "x" }, models: [{ id: "m", name: "M", reasoning: false }] } } },
      agents: {
        defaults: { workspace: "~/w", model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5"] }, models: { "anthropic/claude-opus-4-6": { alias: "opus", params: { cacheRetention: "long", temperature: 0.2 } } }, params: { maxTokens: 10 } },
        list: [{ id: "main", default: true, model: "anthropic/claude-sonnet-4-5", params: { cacheRetention: "short" } }],
        entries: { research: { default: true, identity: { name: "R" } } },
      },
      channels: { anything: { goes: [1, 2] } },
    }`,
    expected: [],
  },
  {
    name: "unknown top-level key with a close match",
    text: '{\n  agent: {}\n}',
    expected: [{ code: "schema/unknown-key", message: "Unknown key `agent` at the top level; did you mean `agents`?", at: "2:3-2:8" }],
  },
  {
    name: "unknown top-level key without a close match",
    text: '{\n  "galaxia": 1\n}',
    expected: [{ code: "schema/unknown-key", message: "Unknown key `galaxia` at the top level.", at: "2:3-2:12" }],
  },
  {
    name: "unknown nested key",
    text: "{ agents: { defaults: { worksapce: 1 } } }",
    expected: [
      { code: "schema/unknown-key", message: "Unknown key `worksapce` in agents.defaults; did you mean `workspace`?", at: "1:25-1:34" },
    ],
  },
  {
    name: "wrong type says what was expected and found",
    text: "{ agents: { list: { id: 1 } } }",
    expected: [{ code: "schema/invalid-type", message: "Expected an array, but found an object.", at: "1:19-1:28" }],
  },
  {
    name: "wrong scalar type",
    text: '{ agents: { list: [{ id: 42 }] } }',
    expected: [{ code: "schema/invalid-type", message: "Expected a string, but found a number (42).", at: "1:26-1:28" }],
  },
  {
    name: "missing required key is reported at the object's key",
    text: '{ agents: { list: [{ default: true }] } }',
    expected: [{ code: "schema/missing-key", message: "Missing required key `id` in agents.list[0].", at: "1:20-1:37" }],
  },
  {
    name: "enum value with a suggestion",
    text: '{ models: { mode: "merg" } }',
    expected: [{ code: "schema/invalid-value", message: 'Invalid value "merg": expected "merge" or "replace". Did you mean "merge"?', at: "1:19-1:25" }],
  },
  {
    name: "model union: object branch errors are reported, not the string branch",
    text: '{ agents: { defaults: { model: { primary: "a/b", planner: "c/d" } } } }',
    expected: [{ code: "schema/unknown-key", message: "Unknown key `planner` in agents.defaults.model.", at: "1:50-1:57" }],
  },
  {
    name: "model union: a type no branch accepts",
    text: "{ agents: { defaults: { model: 5 } } }",
    expected: [{ code: "schema/invalid-type", message: "Expected a string or an object, but found a number (5).", at: "1:32-1:33" }],
  },
  {
    name: "env entries must be strings",
    text: "{ env: { FOO: 1 } }",
    expected: [{ code: "schema/invalid-type", message: "Expected a string, but found a number (1).", at: "1:15-1:16" }],
  },
  {
    name: "cache values are left to the lint rules",
    text: '{ agents: { defaults: { params: { cacheRetention: "standard", cacheControlTtl: "30m" } } } }',
    expected: [],
  },
  {
    name: "$include is allowed at any level",
    text: '{ $include: "a.json5", agents: { $include: ["b.json5"] } }',
    expected: [],
  },
  {
    name: "auth profile mode",
    text: '{ auth: { profiles: { "anthropic:x": { provider: "anthropic", mode: "apikey" } } } }',
    expected: [
      {
        code: "schema/invalid-value",
        message: 'Invalid value "apikey": expected "api_key", "oauth", "token" or "aws-sdk". Did you mean "api_key"?',
        at: "1:69-1:77",
      },
    ],
  },
];

describe("validateConfig", () => {
  it.each(cases)("$name", ({ text, expected }) => {
    expect(validate(text)).toEqual(expected);
  });
});
