import { describe, expect, it } from "vitest";
import { computeModelParams } from "../model/effective-params.js";
import type { RuleRunOptions } from "./rule-test-kit.js";
import { applyFix, findings, runRule } from "./rule-test-kit.js";
import { shadowedLegacyTtl } from "./shadowed-legacy-ttl.js";

const apiKey: RuleRunOptions = { auth: "api-key", modelsOf: computeModelParams };
const lost = (runs: string) => `warning cacheControlTtl "1h" (cacheRetention "long") is lost under API-key auth: OpenClaw runs ${runs}.`;
const SEEDED =
  'Under API-key auth OpenClaw adds cacheRetention "short" to each Anthropic model in agents.defaults.models (and the primary model) whose params have no cacheRetention, and cacheRetention outranks cacheControlTtl.';
const WRITE = 'Write cacheRetention: "long" here instead (lint --fix or openclaw-config migrate --write does this); this tool\'s resolved config already reads it that way.';
const catalogTtl = (ttl: string) => `{ agents: { defaults: { models: { 'anthropic/claude-opus-4-6': { params: { cacheControlTtl: '${ttl}' } } } } } }`;

describe("shadowed-legacy-ttl", () => {
  const valid: [string, string, RuleRunOptions][] = [
    ["unknown auth", catalogTtl("1h"), { modelsOf: computeModelParams }],
    ["subscription auth", catalogTtl("1h"), { auth: "subscription", modelsOf: computeModelParams }],
    ['"5m" means what the default gives anyway', catalogTtl("5m"), apiKey],
    ["a model where caching has no effect", "{ agents: { defaults: { models: { 'openai/gpt-5': { params: { cacheControlTtl: '1h' } } } } } }", apiKey],
    [
      "an agent's own model that OpenClaw does not seed reads the legacy key",
      "{ agents: { entries: { w: { models: { 'anthropic/b': { params: { cacheControlTtl: '1h' } } } } } } }",
      apiKey,
    ],
    ["a legacy key in agents.defaults.params is shadowed-global-retention's", "{ agents: { defaults: { model: 'anthropic/a', params: { cacheControlTtl: '1h' } } } }", apiKey],
    ["cacheRetention already written", "{ agents: { defaults: { models: { 'anthropic/a': { params: { cacheRetention: 'long' } } } } } }", apiKey],
  ];
  it.each(valid)("valid: %s", (_name, source, options) => {
    expect(findings(shadowedLegacyTtl, source, options)).toEqual([]);
  });

  // [name, source, finding, first note, text after the fix]
  const invalid: [string, string, string, string, string][] = [
    [
      "a catalog key OpenClaw seeds, read by several agents: one finding",
      "{ agents: { defaults: { models: { 'anthropic/claude-opus-4-6': { params: { cacheControlTtl: '1h' } } } }, list: [{ id: 'main' }, { id: 'work' }] } }",
      `1:93-1:97 ${lost('anthropic/claude-opus-4-6 with "short"')}`,
      SEEDED,
      "{ agents: { defaults: { models: { 'anthropic/claude-opus-4-6': { params: { cacheRetention: 'long' } } } }, list: [{ id: 'main' }, { id: 'work' }] } }",
    ],
    [
      "an agent's params over the seeded primary model",
      "{ agents: { defaults: { model: 'anthropic/claude-opus-4-6' }, list: [{ id: 'main', params: { cacheControlTtl: '1h' } }] } }",
      `1:111-1:115 ${lost('anthropic/claude-opus-4-6 with "short"')}`,
      SEEDED,
      "{ agents: { defaults: { model: 'anthropic/claude-opus-4-6' }, list: [{ id: 'main', params: { cacheRetention: 'long' } }] } }",
    ],
    [
      "a cacheRetention at a lower level wins over the agent's legacy key",
      "{ agents: { defaults: { models: { 'anthropic/a': { params: { cacheRetention: 'short' } } } }, entries: { w: { model: 'anthropic/a', params: { cacheControlTtl: '1h' } } } } }",
      `1:160-1:164 ${lost('anthropic/a with "short"')}`,
      'OpenClaw merges params key by key and then prefers cacheRetention over cacheControlTtl, so cacheRetention "short" at agents.defaults.models["anthropic/a"].params.cacheRetention wins although it is set at a lower level.',
      "{ agents: { defaults: { models: { 'anthropic/a': { params: { cacheRetention: 'short' } } } }, entries: { w: { model: 'anthropic/a', params: { cacheRetention: 'long' } } } } }",
    ],
    [
      "Claude on Bedrock is seeded too",
      "{ agents: { defaults: { models: { 'amazon-bedrock/us.anthropic.claude-opus-4-6-v1:0': { params: { cacheControlTtl: '1h' } } } } } }",
      `1:116-1:120 ${lost('amazon-bedrock/us.anthropic.claude-opus-4-6-v1:0 with "short"')}`,
      SEEDED,
      "{ agents: { defaults: { models: { 'amazon-bedrock/us.anthropic.claude-opus-4-6-v1:0': { params: { cacheRetention: 'long' } } } } } }",
    ],
    [
      "an agent's legacy key over many seeded models (non-Anthropic ones left out)",
      "{ agents: { defaults: { model: { primary: 'anthropic/a', fallbacks: ['anthropic/b', 'anthropic/c', 'anthropic/d', 'openai/x'] }, models: {'anthropic/b': {}, 'anthropic/c': {}, 'anthropic/d': {} } }, list: [{ id: 'm', params: { cacheControlTtl: '1h' } }] } }",
      `1:245-1:249 ${lost('anthropic/a, anthropic/b, anthropic/c and 1 more with "short"')}`,
      SEEDED,
      "{ agents: { defaults: { model: { primary: 'anthropic/a', fallbacks: ['anthropic/b', 'anthropic/c', 'anthropic/d', 'openai/x'] }, models: {'anthropic/b': {}, 'anthropic/c': {}, 'anthropic/d': {} } }, list: [{ id: 'm', params: { cacheRetention: 'long' } }] } }",
    ],
  ];
  it.each(invalid)("invalid: %s", (_name, source, expected, why, fixed) => {
    const { diagnostics } = runRule(shadowedLegacyTtl, source, apiKey);
    expect(findings(shadowedLegacyTtl, source, apiKey)).toEqual([expected]);
    expect(diagnostics[0]?.notes).toEqual([why, WRITE]);
    expect(applyFix(source, diagnostics[0]?.fix)).toBe(fixed);
    // After the fix OpenClaw and this tool agree: nothing left to report.
    expect(findings(shadowedLegacyTtl, fixed, apiKey)).toEqual([]);
  });
});
