import { describe, expect, it } from "vitest";
import { computeModelParams } from "../model/effective-params.js";
import type { RuleRunOptions } from "./rule-test-kit.js";
import { findings, runRule } from "./rule-test-kit.js";
import { subscriptionCacheSettings } from "./subscription-cache-settings.js";

const subscription: RuleRunOptions = { auth: "subscription", modelsOf: computeModelParams };
const message = (setting: string, models: string) =>
  `error ${setting} on ${models} has no effect: Anthropic auth is a subscription (setup-token or OAuth), which does not use prompt caching.`;

describe("subscription-cache-settings", () => {
  const valid: [string, string, RuleRunOptions][] = [
    ["API-key auth", "{ agents: { defaults: { models: { 'anthropic/a': { params: { cacheRetention: 'long' } } } } } }", { auth: "api-key", modelsOf: computeModelParams }],
    ["unknown auth", "{ agents: { defaults: { models: { 'anthropic/a': { params: { cacheRetention: 'long' } } } } } }", { modelsOf: computeModelParams }],
    ['"none" asks for no cache, which is what a subscription gives', "{ agents: { defaults: { models: { 'anthropic/a': { params: { cacheRetention: 'none' } } } } } }", subscription],
    ["an invalid value is invalid-cache-retention's", "{ agents: { defaults: { models: { 'anthropic/a': { params: { cacheRetention: 'standard' } } } } } }", subscription],
    [
      "a global setting that also serves Claude on Bedrock (AWS auth) is alive",
      "{ agents: { defaults: { model: { primary: 'anthropic/a', fallbacks: ['amazon-bedrock/anthropic.claude-x'] }, params: { cacheRetention: 'long' } } } }",
      subscription,
    ],
    ["Claude on Bedrock only", "{ agents: { defaults: { models: { 'amazon-bedrock/anthropic.claude-x': { params: { cacheRetention: 'long' } } } } } }", subscription],
    ["provider params are not part of the per-model merge", "{ models: { providers: { anthropic: { params: { cacheRetention: 'long' } } } } }", subscription],
  ];
  it.each(valid)("valid: %s", (_name, source, options) => {
    expect(findings(subscriptionCacheSettings, source, options)).toEqual([]);
  });

  const invalid: [string, string, string[]][] = [
    [
      "a catalog model's cacheRetention",
      "{ agents: { defaults: { models: { 'anthropic/claude-opus-4-6': { params: { cacheRetention: 'long' } } } } } }",
      [`1:76-1:90 ${message('cacheRetention "long"', "anthropic/claude-opus-4-6")}`],
    ],
    [
      "a global legacy TTL and an agent's cacheRetention, each once",
      "{ agents: { defaults: { model: 'anthropic/a', params: { cacheControlTtl: '5m' } }, list: [{ id: 'm', params: { cacheRetention: 'short' } }] } }",
      [`1:57-1:72 ${message('cacheControlTtl "5m"', "anthropic/a")}`, `1:112-1:126 ${message('cacheRetention "short"', "anthropic/a")}`],
    ],
    [
      "a global setting that also reaches a non-caching model is still dead for Anthropic",
      "{ agents: { defaults: { model: { primary: 'anthropic/a', fallbacks: ['openai/gpt-5'] }, params: { cacheRetention: 'long' } } } }",
      [`1:99-1:113 ${message('cacheRetention "long"', "anthropic/a")}`],
    ],
    [
      "an agent's params over several Anthropic models",
      "{ agents: { entries: { w: { model: { primary: 'anthropic/a', fallbacks: ['anthropic/b'] }, params: { cacheRetention: 'long' } } } } }",
      [`1:102-1:116 ${message('cacheRetention "long"', "anthropic/a, anthropic/b")}`],
    ],
  ];
  it.each(invalid)("invalid: %s", (_name, source, expected) => {
    expect(findings(subscriptionCacheSettings, source, subscription)).toEqual(expected);
  });

  it("names what decided the auth mode, why it matters and what to do", () => {
    const source = `{
  auth: { profiles: { "anthropic:default": { provider: "anthropic", mode: "token" } } },
  agents: { defaults: { models: { "anthropic/a": { params: { cacheRetention: "long" } } } } },
}`;
    const auth = { mode: "subscription" as const, source: 'the only Anthropic profile is "anthropic:default" (mode token)', via: "profiles" as const };
    const [finding] = runRule(subscriptionCacheSettings, source, { auth, modelsOf: computeModelParams }).diagnostics;
    expect(finding?.notes).toEqual([
      'The auth mode was decided because the only Anthropic profile is "anthropic:default" (mode token).',
      "Prompt caching is an API-key feature, so this setting is dead configuration.",
      "Delete it, or authenticate with an Anthropic API key (ANTHROPIC_API_KEY or an api_key auth profile) if you want prompt caching.",
    ]);
    expect(finding?.path).toEqual(["agents", "defaults", "models", "anthropic/a", "params", "cacheRetention"]);
    expect(finding?.fix).toBeUndefined();
  });
});
