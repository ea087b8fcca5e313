import { describe, expect, it } from "vitest";
import type { AuthDecision } from "../auth/mode.js";
import { formatPath } from "../diagnostics/diagnostic.js";
import { API_KEY_CACHE_DEFAULT, applyDefaults } from "./defaults.js";
import { parseConfig } from "./parse.js";
import { stepsOf } from "./provenance.js";

const API_KEY: AuthDecision = { mode: "api-key", source: "test", via: "flag" };
const SUBSCRIPTION: AuthDecision = { mode: "subscription", source: "test", via: "flag" };
const UNKNOWN: AuthDecision = { mode: "unknown", source: "test", via: "none" };

const apply = (text: string, auth: AuthDecision) => {
  const doc = parseConfig(text, "c.json5").document;
  if (!doc) throw new Error("fixture does not parse");
  return { doc, ...applyDefaults(doc.value, doc.sourceMap, auth) };
};

describe("applyDefaults", () => {
  const cases: { name: string; text: string; auth: AuthDecision; added: string[] }[] = [
    {
      name: "API key: every anthropic/* key and the primary",
      text: '{ agents: { defaults: { model: "anthropic/claude-opus-4-6", models: { "anthropic/claude-sonnet-4-6": {}, "openai/gpt-5": {} } } } }',
      auth: API_KEY,
      added: ['agents.defaults.models["anthropic/claude-sonnet-4-6"].params.cacheRetention', 'agents.defaults.models["anthropic/claude-opus-4-6"].params.cacheRetention'],
    },
    {
      name: "API key: Bedrock Claude keys, not other Bedrock models",
      text: '{ agents: { defaults: { models: { "amazon-bedrock/us.anthropic.claude-sonnet-4-6-v1:0": {}, "amazon-bedrock/meta.llama3-70b": {} } } } }',
      auth: API_KEY,
      added: ['agents.defaults.models["amazon-bedrock/us.anthropic.claude-sonnet-4-6-v1:0"].params.cacheRetention'],
    },
    {
      name: "API key: an explicit value in the entry (even an invalid one) counts",
      text: '{ agents: { defaults: { models: { "anthropic/a": { params: { cacheRetention: "none" } }, "anthropic/b": { params: { cacheRetention: "standard" } } } } } }',
      auth: API_KEY,
      added: [],
    },
    {
      name: "API key: a legacy TTL alone does not count (migration runs before this step)",
      text: '{ agents: { defaults: { models: { "anthropic/a": { params: { cacheControlTtl: "10m" } } } } } }',
      auth: API_KEY,
      added: ['agents.defaults.models["anthropic/a"].params.cacheRetention'],
    },
    {
      name: "API key: agents.defaults.params.cacheRetention counts for every model",
      text: '{ agents: { defaults: { params: { cacheRetention: "long" }, model: "anthropic/a", models: { "anthropic/b": {} } } } }',
      auth: API_KEY,
      added: [],
    },
    {
      name: "API key: an agent's own settings do not stop the defaults-level value",
      text: '{ agents: { defaults: { model: "anthropic/a" }, list: [{ id: "x", params: { cacheRetention: "none" } }] } }',
      auth: API_KEY,
      added: ['agents.defaults.models["anthropic/a"].params.cacheRetention'],
    },
    {
      name: "API key: an alias primary fills its entry",
      text: '{ agents: { defaults: { model: { primary: "fast" }, models: { "anthropic/claude-haiku-4-5": { alias: "fast" } } } } }',
      auth: API_KEY,
      added: ['agents.defaults.models["anthropic/claude-haiku-4-5"].params.cacheRetention'],
    },
    {
      name: "subscription: nothing",
      text: '{ agents: { defaults: { model: "anthropic/a", models: { "anthropic/b": {} } } } }',
      auth: SUBSCRIPTION,
      added: [],
    },
    {
      name: "unknown auth: nothing",
      text: '{ agents: { defaults: { model: "anthropic/a", models: { "anthropic/b": {} } } } }',
      auth: UNKNOWN,
      added: [],
    },
    { name: "API key without agents: nothing", text: "{ gateway: {} }", auth: API_KEY, added: [] },
  ];

  it.each(cases)("$name", ({ text, auth, added }) => {
    const result = apply(text, auth);
    expect(result.added.map((a) => formatPath(a.path))).toEqual(added);
    expect(result.added.every((a) => a.value === "short" && a.id === API_KEY_CACHE_DEFAULT)).toBe(true);
  });

  it("does not touch the input and marks added values in the provenance", () => {
    const { doc, value } = apply('{\n  agents: {\n    defaults: {\n      model: "anthropic/a",\n      models: { "anthropic/b": { alias: "b" } },\n    },\n  },\n}', API_KEY);
    expect(doc.value).toEqual({ agents: { defaults: { model: "anthropic/a", models: { "anthropic/b": { alias: "b" } } } } });
    expect(value).toEqual({
      agents: {
        defaults: {
          model: "anthropic/a",
          models: { "anthropic/b": { alias: "b", params: { cacheRetention: "short" } }, "anthropic/a": { params: { cacheRetention: "short" } } },
        },
      },
    });
    // Added to an existing entry: shown at the entry. Created for the primary: shown at the primary.
    const atB = doc.sourceMap.locate(value, ["agents", "defaults", "models", "anthropic/b", "params", "cacheRetention"]);
    const atA = doc.sourceMap.locate(value, ["agents", "defaults", "models", "anthropic/a", "params", "cacheRetention"]);
    expect([atB?.range.start.line, atA?.range.start.line]).toEqual([5, 4]);
    expect(stepsOf(atA?.origin).map((s) => s.kind)).toEqual(["default"]);
    expect(stepsOf(doc.sourceMap.locate(value, ["agents", "defaults", "model"])?.origin)).toEqual([]);
  });
});
