import { describe, expect, it } from "vitest";
import { computeModelParams } from "../model/effective-params.js";
import { invalidCacheRetention } from "./invalid-cache-retention.js";
import { applyFix, findings, runRule } from "./rule-test-kit.js";

const message = (shown: string) => `error Invalid cacheRetention ${shown}: expected "none", "short" or "long".`;
const OPUS = '"anthropic/claude-opus-4-6"';

describe("invalid-cache-retention", () => {
  const valid: [string, string][] = [
    ["each valid value", `{ agents: { defaults: { params: { cacheRetention: "none" }, models: { ${OPUS}: { params: { cacheRetention: "short" } } } }, list: [{ id: "a", params: { cacheRetention: "long" } }] } }`],
    ["no cache key", "{ agents: { defaults: { params: { temperature: 0.2 } } } }"],
    ["a cacheRetention outside any params bag is the schema's business", '{ agents: { defaults: { cacheRetention: "standard" } } }'],
    ["params that is not an object", '{ agents: { defaults: { params: "cacheRetention" } } }'],
  ];
  it.each(valid)("valid: %s", (_name, source) => {
    expect(findings(invalidCacheRetention, source, { modelsOf: computeModelParams })).toEqual([]);
  });

  // [name, source, expected finding, the suggestion's result or undefined]
  const invalid: [string, string, string, string | undefined][] = [
    [
      '"standard" in agents.defaults.models',
      `{ agents: { defaults: { models: { ${OPUS}: { params: { cacheRetention: "standard" } } } } } }`,
      `1:92-1:102 ${message('"standard"')}`,
      `{ agents: { defaults: { models: { ${OPUS}: { params: { cacheRetention: "short" } } } } } }`,
    ],
    ['legacy "1h" in agents.defaults.params, quotes kept', "{ agents: { defaults: { params: { cacheRetention: '1h' } } } }", `1:51-1:55 ${message('"1h"')}`, "{ agents: { defaults: { params: { cacheRetention: 'long' } } } }"],
    [
      'legacy "5m" in an agents.list entry',
      "{ agents: { list: [{ id: 'main', params: { cacheRetention: \"5m\" } }] } }",
      `1:60-1:64 ${message('"5m"')}`,
      "{ agents: { list: [{ id: 'main', params: { cacheRetention: \"short\" } }] } }",
    ],
    [
      "true in an agents.entries model",
      "{ agents: { entries: { main: { models: { 'anthropic/x': { params: { cacheRetention: true } } } } } } }",
      `1:85-1:89 ${message("true")}`,
      "{ agents: { entries: { main: { models: { 'anthropic/x': { params: { cacheRetention: \"short\" } } } } } } }",
    ],
    [
      "wrong case in provider params",
      "{ models: { providers: { anthropic: { params: { cacheRetention: 'Long' } } } } }",
      `1:65-1:71 ${message('"Long"')}`,
      "{ models: { providers: { anthropic: { params: { cacheRetention: 'long' } } } } }",
    ],
    [
      "a typo in a provider model definition",
      "{ models: { providers: { p: { models: [{ id: 'm', params: { cacheRetention: 'shrot' } }] } } } }",
      `1:77-1:84 ${message('"shrot"')}`,
      "{ models: { providers: { p: { models: [{ id: 'm', params: { cacheRetention: 'short' } }] } } } }",
    ],
    ["0 means none", "{ agents: { defaults: { params: { cacheRetention: 0 } } } }", `1:51-1:52 ${message("0")}`, '{ agents: { defaults: { params: { cacheRetention: "none" } } } }'],
    ["an unknown word: no suggestion", "{ agents: { defaults: { params: { cacheRetention: 'forever' } } } }", `1:51-1:60 ${message('"forever"')}`, undefined],
    ["an object", "{ agents: { defaults: { params: { cacheRetention: { ttl: 1 } } } } }", `1:51-1:61 ${message("(an object)")}`, undefined],
    ["null", "{ agents: { defaults: { params: { cacheRetention: null } } } }", `1:51-1:55 ${message("null")}`, undefined],
  ];
  it.each(invalid)("invalid: %s", (_name, source, expected, suggested) => {
    const { diagnostics } = runRule(invalidCacheRetention, source, { modelsOf: computeModelParams });
    expect(findings(invalidCacheRetention, source, { modelsOf: computeModelParams })).toEqual([expected]);
    const [finding] = diagnostics;
    expect(finding?.fix).toBeUndefined();
    if (suggested === undefined) expect(finding?.suggestions).toBeUndefined();
    else expect(applyFix(source, finding?.suggestions?.[0])).toBe(suggested);
  });

  const notes: [string, string, string[]][] = [
    [
      "standard",
      '{ agents: { defaults: { params: { cacheRetention: "standard" } } } }',
      [
        "OpenClaw ignores this value and falls back to cacheControlTtl or its own default, so the cache time written here never applies.",
        '"standard" is not an alias of "short": write "short" for the 5-minute cache.',
      ],
    ],
    ["1h", '{ agents: { defaults: { params: { cacheRetention: "1h" } } } }', [expect.any(String) as unknown as string, '"1h" is a cacheControlTtl value; the cacheRetention for it is "long".']],
    [
      "a typo",
      '{ agents: { defaults: { params: { cacheRetention: "lnog" } } } }',
      [expect.any(String) as unknown as string, 'Did you mean "long"? The valid values are "none" (no caching), "short" (5 minutes) and "long" (1 hour).'],
    ],
    [
      "no guess",
      '{ agents: { defaults: { params: { cacheRetention: "forever" } } } }',
      [expect.any(String) as unknown as string, 'The valid values are "none" (no caching), "short" (5 minutes) and "long" (1 hour).'],
    ],
  ];
  it.each(notes)("says why and what to do: %s", (_name, source, expected) => {
    const [finding] = runRule(invalidCacheRetention, source).diagnostics;
    expect(finding?.notes).toEqual(expected);
    expect(finding?.code).toBe("lint/invalid-cache-retention");
    expect(finding?.path).toEqual(["agents", "defaults", "params", "cacheRetention"]);
  });
});
