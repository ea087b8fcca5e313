import { describe, expect, it } from "vitest";
import { computeModelParams } from "../model/effective-params.js";
import { invalidCacheTtl } from "./invalid-cache-ttl.js";
import { findings, runRule } from "./rule-test-kit.js";

const message = (shown: string) => `error Invalid cacheControlTtl ${shown}: OpenClaw understands only "5m" and "1h".`;
const IGNORED = "OpenClaw ignores any other value, so this setting has no effect and the model does not get the cache time you meant.";
const REPLACE = 'cacheControlTtl is deprecated: replace it with cacheRetention "short" (5 minutes) or "long" (1 hour).';

describe("invalid-cache-ttl", () => {
  const valid: [string, string][] = [
    ['"5m" and "1h"', "{ agents: { defaults: { params: { cacheControlTtl: '5m' }, models: { 'anthropic/a': { params: { cacheControlTtl: '1h' } } } } } }"],
    ["no legacy key", "{ agents: { defaults: { params: { cacheRetention: 'long' } } } }"],
    ["outside a params bag", "{ agents: { defaults: { cacheControlTtl: '30m' } } }"],
  ];
  it.each(valid)("valid: %s", (_name, source) => {
    expect(findings(invalidCacheTtl, source, { modelsOf: computeModelParams })).toEqual([]);
  });

  const invalid: [string, string, string, string[]][] = [
    [
      '"30m" on an Anthropic model',
      "{ agents: { defaults: { models: { 'anthropic/claude-sonnet-4-5': { params: { cacheControlTtl: '30m' } } } } } }",
      `1:95-1:100 ${message('"30m"')}`,
      [IGNORED, REPLACE],
    ],
    [
      "a number beside a valid cacheRetention",
      "{ agents: { list: [{ id: 'a', params: { cacheRetention: 'long', cacheControlTtl: 3600 } }] } }",
      `1:82-1:86 ${message("3600")}`,
      [IGNORED, 'cacheRetention "long" beside it already decides: delete cacheControlTtl.'],
    ],
    [
      "a provider model definition",
      "{ models: { providers: { ollama: { models: [{ id: 'q', params: { cacheControlTtl: '5 minutes' } }] } } } }",
      `1:83-1:94 ${message('"5 minutes"')}`,
      [IGNORED, REPLACE],
    ],
    ["case matters", "{ agents: { entries: { w: { params: { cacheControlTtl: '1H' } } } } }", `1:56-1:60 ${message('"1H"')}`, [IGNORED, REPLACE]],
  ];
  it.each(invalid)("invalid: %s", (_name, source, expected, notes) => {
    const { diagnostics } = runRule(invalidCacheTtl, source, { modelsOf: computeModelParams });
    expect(findings(invalidCacheTtl, source, { modelsOf: computeModelParams })).toEqual([expected]);
    expect(diagnostics[0]?.notes).toEqual(notes);
    expect(diagnostics[0]?.fix).toBeUndefined();
    expect(diagnostics[0]?.suggestions).toBeUndefined();
  });
});
