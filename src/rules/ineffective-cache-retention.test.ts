import { describe, expect, it } from "vitest";
import { computeModelParams } from "../model/effective-params.js";
import { ineffectiveCacheRetention } from "./ineffective-cache-retention.js";
import { findings, runRule } from "./rule-test-kit.js";

const options = { modelsOf: computeModelParams };
const ANTHROPIC_ONLY =
  'OpenClaw applies prompt caching only to Anthropic models (providers anthropic and anthropic-vertex, Claude on amazon-bedrock, and providers whose api is "anthropic-messages").';
const TODO = "Delete it, or move it to the Anthropic model you meant.";

describe("ineffective-cache-retention", () => {
  const valid: [string, string][] = [
    [
      "anthropic, anthropic-vertex and Claude on Bedrock",
      "{ agents: { defaults: { models: { 'anthropic/a': { params: { cacheRetention: 'long' } }, 'anthropic-vertex/b': { params: { cacheRetention: 'long' } }, 'amazon-bedrock/eu.anthropic.claude-y': { params: { cacheRetention: 'long' } } } } } }",
    ],
    [
      "a custom provider speaking anthropic-messages",
      "{ models: { providers: { proxy: { api: 'anthropic-messages', models: [{ id: 'c', params: { cacheRetention: 'long' } }] } } }, agents: { defaults: { models: { 'proxy/c': { params: { cacheRetention: 'long' } } } } } }",
    ],
    ["provider params of a provider with one anthropic-messages model", "{ models: { providers: { gw: { api: 'openai-completions', params: { cacheRetention: 'long' }, models: [{ id: 'c', api: 'anthropic-messages' }] } } } }"],
    ["provider params of amazon-bedrock (some models are Claude)", "{ models: { providers: { 'amazon-bedrock': { params: { cacheRetention: 'long' } } } } }"],
    ["global and agent-wide params apply to many models", "{ agents: { defaults: { model: 'openai/gpt-5', params: { cacheRetention: 'long' } }, list: [{ id: 'a', params: { cacheRetention: 'long' } }] } }"],
    ["an invalid value is invalid-cache-retention's", "{ agents: { defaults: { models: { 'openai/gpt-5': { params: { cacheRetention: 'standard' } } } } } }"],
    ["a reference without a provider is invalid-model-ref's", "{ agents: { defaults: { models: { 'gpt-5': { params: { cacheRetention: 'long' } } } } } }"],
  ];
  it.each(valid)("valid: %s", (_name, source) => {
    expect(findings(ineffectiveCacheRetention, source, options)).toEqual([]);
  });

  // [name, source, findings, first note of the first finding]
  const invalid: [string, string, string[], string][] = [
    [
      "both keys on an OpenAI model",
      "{ agents: { defaults: { models: { 'openai/gpt-5': { params: { cacheRetention: 'long', cacheControlTtl: '1h' } } } } } }",
      ["1:63-1:77 warning cacheRetention has no effect on openai/gpt-5.", "1:87-1:102 warning cacheControlTtl has no effect on openai/gpt-5."],
      ANTHROPIC_ONLY,
    ],
    [
      "a non-Claude model on Bedrock in an agent's models",
      "{ agents: { list: [{ id: 'a', models: { 'amazon-bedrock/meta.llama3-70b': { params: { cacheRetention: 'short' } } } }] } }",
      ["1:87-1:101 warning cacheRetention has no effect on amazon-bedrock/meta.llama3-70b."],
      "On amazon-bedrock, OpenClaw applies prompt caching only to Claude models.",
    ],
    [
      "Claude through OpenRouter",
      "{ agents: { defaults: { models: { 'openrouter/anthropic/claude-sonnet-4': { params: { cacheRetention: 'long' } } } } } }",
      ["1:87-1:101 warning cacheRetention has no effect on openrouter/anthropic/claude-sonnet-4."],
      ANTHROPIC_ONLY,
    ],
    [
      "provider params and a model definition of an OpenAI-style provider",
      "{ models: { providers: { ollama: { api: 'openai-completions', params: { cacheRetention: 'long' }, models: [{ id: 'q', params: { cacheControlTtl: '5m' } }] } } } }",
      ['1:73-1:87 warning cacheRetention has no effect on provider "ollama".', "1:129-1:144 warning cacheControlTtl has no effect on ollama/q."],
      ANTHROPIC_ONLY,
    ],
  ];
  it.each(invalid)("invalid: %s", (_name, source, expected, why) => {
    const { diagnostics } = runRule(ineffectiveCacheRetention, source, options);
    expect(findings(ineffectiveCacheRetention, source, options)).toEqual(expected);
    expect(diagnostics[0]?.notes).toEqual([why, TODO]);
    expect(diagnostics[0]?.fix).toBeUndefined();
  });
});
