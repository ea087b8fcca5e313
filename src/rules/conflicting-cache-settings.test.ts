import { describe, expect, it } from "vitest";
import { computeModelParams } from "../model/effective-params.js";
import { conflictingCacheSettings } from "./conflicting-cache-settings.js";
import { applyFix, findings, runRule } from "./rule-test-kit.js";

const options = { modelsOf: computeModelParams };
const message = (ttl: string, retention: string) =>
  `warning cacheControlTtl "${ttl}" disagrees with cacheRetention "${retention}" in the same params; OpenClaw uses cacheRetention.`;

describe("conflicting-cache-settings", () => {
  const valid: [string, string][] = [
    ["agreeing pair (deprecated-cache-ttl's)", "{ agents: { defaults: { params: { cacheRetention: 'long', cacheControlTtl: '1h' } } } }"],
    ["invalid legacy value (invalid-cache-ttl's)", "{ agents: { defaults: { params: { cacheRetention: 'long', cacheControlTtl: '2h' } } } }"],
    ["invalid cacheRetention (invalid-cache-retention's)", "{ agents: { defaults: { params: { cacheRetention: 'standard', cacheControlTtl: '1h' } } } }"],
    ["the two keys in different layers", "{ agents: { defaults: { params: { cacheRetention: 'short' } }, list: [{ id: 'a', params: { cacheControlTtl: '1h' } }] } }"],
  ];
  it.each(valid)("valid: %s", (_name, source) => {
    expect(findings(conflictingCacheSettings, source, options)).toEqual([]);
  });

  // [name, source, finding, notes, after the fix (undefined: none), after the suggestion]
  const invalid: [string, string, string, string[], string | undefined, string][] = [
    [
      "short against 1h in a model's params",
      "{ agents: { defaults: { models: { 'anthropic/claude-opus-4-6': { params: { cacheRetention: 'short', cacheControlTtl: '1h' } } } } } }",
      `1:101-1:116 ${message("1h", "short")}`,
      [
        'The model gets the 5-minute cache, not the 1-hour cache that cacheControlTtl "1h" asks for.',
        'Delete cacheControlTtl (lint --fix does this), or set cacheRetention to "long" if that is what you meant.',
      ],
      "{ agents: { defaults: { models: { 'anthropic/claude-opus-4-6': { params: { cacheRetention: 'short' } } } } } }",
      "{ agents: { defaults: { models: { 'anthropic/claude-opus-4-6': { params: { cacheRetention: 'long' } } } } } }",
    ],
    [
      "JSON, legacy key last: its separating comma goes too",
      '{\n  "agents": {\n    "defaults": {\n      "params": {\n        "cacheRetention": "none",\n        "cacheControlTtl": "5m"\n      }\n    }\n  }\n}\n',
      `6:9-6:26 ${message("5m", "none")}`,
      [
        'The model gets no prompt caching, not the 5-minute cache that cacheControlTtl "5m" asks for.',
        'Delete cacheControlTtl (lint --fix does this), or set cacheRetention to "short" if that is what you meant.',
      ],
      '{\n  "agents": {\n    "defaults": {\n      "params": {\n        "cacheRetention": "none"\n      }\n    }\n  }\n}\n',
      '{\n  "agents": {\n    "defaults": {\n      "params": {\n        "cacheRetention": "short"\n      }\n    }\n  }\n}\n',
    ],
    [
      "legacy key first, a comment before the next member stays with it",
      "{ agents: { defaults: { params: { cacheControlTtl: '1h', /* legacy */ cacheRetention: 'short' } } } }",
      `1:35-1:50 ${message("1h", "short")}`,
      [
        'The model gets the 5-minute cache, not the 1-hour cache that cacheControlTtl "1h" asks for.',
        'Delete cacheControlTtl (lint --fix does this), or set cacheRetention to "long" if that is what you meant.',
      ],
      "{ agents: { defaults: { params: { /* legacy */ cacheRetention: 'short' } } } }",
      "{ agents: { defaults: { params: { /* legacy */ cacheRetention: 'long' } } } }",
    ],
    [
      "no fix while an invalid cacheRetention higher up lets the legacy key through",
      "{ agents: { defaults: { model: 'anthropic/a', models: { 'anthropic/a': { params: { cacheRetention: 'short', cacheControlTtl: '1h' } } } }, list: [{ id: 'm', params: { cacheRetention: 'standard' } }] } }",
      `1:109-1:124 ${message("1h", "short")}`,
      [
        'The model gets the 5-minute cache, not the 1-hour cache that cacheControlTtl "1h" asks for.',
        "The invalid cacheRetention at agents.list[0].params.cacheRetention outranks this one for anthropic/a, so there OpenClaw falls back to this cacheControlTtl; it is not deleted automatically.",
        'Delete cacheControlTtl, or set cacheRetention to "long" if that is what you meant.',
      ],
      undefined,
      "{ agents: { defaults: { model: 'anthropic/a', models: { 'anthropic/a': { params: { cacheRetention: 'long' } } } }, list: [{ id: 'm', params: { cacheRetention: 'standard' } }] } }",
    ],
  ];
  it.each(invalid)("invalid: %s", (_name, source, expected, notes, fixed, suggested) => {
    const { diagnostics } = runRule(conflictingCacheSettings, source, options);
    expect(findings(conflictingCacheSettings, source, options)).toEqual([expected]);
    const [finding] = diagnostics;
    expect(finding?.notes).toEqual(notes);
    if (fixed === undefined) expect(finding?.fix).toBeUndefined();
    else expect(applyFix(source, finding?.fix)).toBe(fixed);
    expect(finding?.suggestions?.length).toBe(1);
    expect(applyFix(source, finding?.suggestions?.[0])).toBe(suggested);
  });
});
