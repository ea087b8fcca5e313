import { describe, expect, it } from "vitest";
import { computeModelParams } from "../model/effective-params.js";
import type { RuleRunOptions } from "./rule-test-kit.js";
import { applyFix, findings, runRule } from "./rule-test-kit.js";
import { shadowedGlobalRetention } from "./shadowed-global-retention.js";

const apiKey: RuleRunOptions = { auth: "api-key", modelsOf: computeModelParams };
const message = (written: string, runs: string) => `warning agents.defaults.params sets ${written}, but under API-key auth OpenClaw runs ${runs}.`;
const WHY =
  "OpenClaw's API-key defaults write cacheRetention \"short\" into the params of each Anthropic model in agents.defaults.models (and of the primary model) that has none, and a model's own params outrank agents.defaults.params.";
const todo = (value: string, fixable: boolean) =>
  `Set cacheRetention: "${value}" in those models' params under agents.defaults.models${fixable ? " (lint --fix does this)" : ""}; this tool's resolved config already uses "${value}" for them.`;

describe("shadowed-global-retention", () => {
  const valid: [string, string, RuleRunOptions][] = [
    [
      "unknown auth",
      "{ agents: { defaults: { model: 'anthropic/claude-opus-4-6', params: { cacheRetention: 'long' }, models: { 'anthropic/claude-opus-4-6': {} } } } }",
      { modelsOf: computeModelParams },
    ],
    [
      "subscription auth (subscription-cache-settings')",
      "{ agents: { defaults: { model: 'anthropic/claude-opus-4-6', params: { cacheRetention: 'long' } } } }",
      { auth: "subscription", modelsOf: computeModelParams },
    ],
    ['a global "short" is what OpenClaw writes anyway', "{ agents: { defaults: { params: { cacheRetention: 'short' }, models: { 'anthropic/a': {} } } } }", apiKey],
    ["every model sets its own cacheRetention", "{ agents: { defaults: { params: { cacheRetention: 'long' }, models: { 'anthropic/a': { params: { cacheRetention: 'short' } } } } } }", apiKey],
    ["only models where caching has no effect", "{ agents: { defaults: { model: 'openai/gpt-5', params: { cacheRetention: 'long' }, models: { 'openai/gpt-5': {} } } } }", apiKey],
    ["an Anthropic model OpenClaw does not seed (an agent's own)", "{ agents: { defaults: { params: { cacheRetention: 'long' } }, entries: { w: { model: 'anthropic/a' } } } }", apiKey],
  ];
  it.each(valid)("valid: %s", (_name, source, options) => {
    expect(findings(shadowedGlobalRetention, source, options)).toEqual([]);
  });

  // [name, source, finding, notes after WHY, text after the fix (undefined: no fix)]
  const invalid: [string, string, string, string[], string | undefined][] = [
    [
      "the primary's catalog entry gets params",
      "{ agents: { defaults: { model: 'anthropic/claude-opus-4-6', params: { cacheRetention: 'long' }, models: { 'anthropic/claude-opus-4-6': { alias: 'opus' } } } } }",
      `1:87-1:93 ${message('cacheRetention "long"', 'anthropic/claude-opus-4-6 with "short"')}`,
      [todo("long", true)],
      "{ agents: { defaults: { model: 'anthropic/claude-opus-4-6', params: { cacheRetention: 'long' }, models: { 'anthropic/claude-opus-4-6': { alias: 'opus', params: { cacheRetention: 'long' } } } } } }",
    ],
    [
      "JSON: existing params get the key on a new line, an empty entry gets params",
      '{\n  "agents": {\n    "defaults": {\n      "params": { "cacheRetention": "long" },\n      "models": {\n        "anthropic/claude-opus-4-6": {\n          "params": {\n            "temperature": 0.2\n          }\n        },\n        "anthropic/claude-sonnet-4-5": {}\n      }\n    }\n  }\n}\n',
      `4:37-4:43 ${message('cacheRetention "long"', 'anthropic/claude-opus-4-6, anthropic/claude-sonnet-4-5 with "short"')}`,
      [todo("long", true)],
      '{\n  "agents": {\n    "defaults": {\n      "params": { "cacheRetention": "long" },\n      "models": {\n        "anthropic/claude-opus-4-6": {\n          "params": {\n            "temperature": 0.2,\n            "cacheRetention": "long"\n          }\n        },\n        "anthropic/claude-sonnet-4-5": { "params": { "cacheRetention": "long" } }\n      }\n    }\n  }\n}\n',
    ],
    [
      "a primary without a catalog entry gets one in the existing catalog",
      "{ agents: { defaults: { model: 'anthropic/claude-opus-4-6', params: { cacheRetention: 'long' }, models: { 'openai/gpt-5': {} } } } }",
      `1:87-1:93 ${message('cacheRetention "long"', 'anthropic/claude-opus-4-6 with "short"')}`,
      [todo("long", true)],
      "{ agents: { defaults: { model: 'anthropic/claude-opus-4-6', params: { cacheRetention: 'long' }, models: { 'openai/gpt-5': {}, 'anthropic/claude-opus-4-6': { params: { cacheRetention: 'long' } } } } } }",
    ],
    [
      "no catalog: no fix (agents.defaults.models is also the allowlist)",
      "{ agents: { defaults: { model: 'anthropic/claude-opus-4-6', params: { cacheRetention: 'long' } } } }",
      `1:87-1:93 ${message('cacheRetention "long"', 'anthropic/claude-opus-4-6 with "short"')}`,
      [todo("long", false), "lint --fix does not create agents.defaults.models: that map is also the model allowlist, so adding it is your call."],
      undefined,
    ],
    [
      'a global "none" still caches',
      "{ agents: { defaults: { params: { cacheRetention: 'none' }, models: { 'anthropic/a': {} } } } }",
      `1:51-1:57 ${message('cacheRetention "none"', 'anthropic/a with "short"')}`,
      [todo("none", true)],
      "{ agents: { defaults: { params: { cacheRetention: 'none' }, models: { 'anthropic/a': { params: { cacheRetention: 'none' } } } } } }",
    ],
    [
      "a global legacy TTL",
      "{ agents: { defaults: { params: { cacheControlTtl: '1h' }, models: { 'anthropic/a': { params: {} } } } } }",
      `1:52-1:56 ${message('cacheControlTtl "1h" (cacheRetention "long")', 'anthropic/a with "short"')}`,
      [todo("long", true)],
      "{ agents: { defaults: { params: { cacheControlTtl: '1h' }, models: { 'anthropic/a': { params: { cacheRetention: 'long' } } } } } }",
    ],
    [
      "a non-string cacheRetention in the model's params: no fix",
      "{ agents: { defaults: { params: { cacheRetention: 'long' }, models: { 'anthropic/a': { params: { cacheRetention: true } } } } } }",
      `1:51-1:57 ${message('cacheRetention "long"', 'anthropic/a with "short"')}`,
      [todo("long", false), 'lint --fix leaves the file alone: correct the invalid value at agents.defaults.models["anthropic/a"].params.cacheRetention first.'],
      undefined,
    ],
    [
      "one agent overrides it, the others still lose it",
      "{ agents: { defaults: { model: 'anthropic/a', params: { cacheRetention: 'long' }, models: { 'anthropic/a': {} } }, list: [{ id: 'x', params: { cacheRetention: 'long' } }, { id: 'y' }] } }",
      `1:73-1:79 ${message('cacheRetention "long"', 'anthropic/a with "short"')}`,
      [todo("long", true)],
      "{ agents: { defaults: { model: 'anthropic/a', params: { cacheRetention: 'long' }, models: { 'anthropic/a': { params: { cacheRetention: 'long' } } } }, list: [{ id: 'x', params: { cacheRetention: 'long' } }, { id: 'y' }] } }",
    ],
    [
      "an aliased primary and another catalog model",
      "{ agents: { defaults: { model: 'opus', params: { cacheRetention: 'long' }, models: { 'anthropic/claude-opus-4-6': { alias: 'opus' }, 'anthropic/b': { params: { x: 1 } } } } } }",
      `1:66-1:72 ${message('cacheRetention "long"', 'anthropic/claude-opus-4-6, anthropic/b with "short"')}`,
      [todo("long", true)],
      "{ agents: { defaults: { model: 'opus', params: { cacheRetention: 'long' }, models: { 'anthropic/claude-opus-4-6': { alias: 'opus', params: { cacheRetention: 'long' } }, 'anthropic/b': { params: { x: 1, cacheRetention: 'long' } } } } } }",
    ],
  ];
  it.each(invalid)("invalid: %s", (_name, source, expected, notes, fixed) => {
    const { diagnostics } = runRule(shadowedGlobalRetention, source, apiKey);
    expect(findings(shadowedGlobalRetention, source, apiKey)).toEqual([expected]);
    expect(diagnostics[0]?.notes).toEqual([WHY, ...notes]);
    if (fixed === undefined) {
      expect(diagnostics[0]?.fix).toBeUndefined();
      return;
    }
    expect(applyFix(source, diagnostics[0]?.fix)).toBe(fixed);
    // The fix settles it: OpenClaw now runs what the file says.
    expect(findings(shadowedGlobalRetention, fixed, apiKey)).toEqual([]);
  });
});
