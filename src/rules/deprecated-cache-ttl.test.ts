import { describe, expect, it } from "vitest";
import { computeModelParams } from "../model/effective-params.js";
import { deprecatedCacheTtl } from "./deprecated-cache-ttl.js";
import { applyFix, findings, runRule } from "./rule-test-kit.js";

const options = { modelsOf: computeModelParams };
const WHY =
  "OpenClaw reads cacheControlTtl only when no cacheRetention applies, and under API-key auth its own defaults set one, so a legacy TTL can be silently ignored.";

describe("deprecated-cache-ttl", () => {
  const valid: [string, string][] = [
    ["cacheRetention only", "{ agents: { defaults: { params: { cacheRetention: 'long' } } } }"],
    ["a disagreeing pair is conflicting-cache-settings'", "{ agents: { defaults: { params: { cacheRetention: 'short', cacheControlTtl: '1h' } } } }"],
    ["an invalid value is invalid-cache-ttl's", "{ agents: { defaults: { params: { cacheControlTtl: '2h' } } } }"],
  ];
  it.each(valid)("valid: %s", (_name, source) => {
    expect(findings(deprecatedCacheTtl, source, options)).toEqual([]);
  });

  // [name, source, finding, second note, text after the fix (undefined: no fix)]
  const invalid: [string, string, string, string, string | undefined][] = [
    [
      "legacy 1h: renamed in place, comments kept",
      '{\n  agents: {\n    defaults: {\n      models: {\n        // the big one\n        "anthropic/claude-opus-4-6": { params: { cacheControlTtl: "1h" } }, // keep\n      },\n    },\n  },\n}\n',
      '6:50-6:65 warning cacheControlTtl is deprecated; use cacheRetention: "long".',
      'Rename it to cacheRetention with the value "long" (lint --fix or openclaw-config migrate --write does this).',
      '{\n  agents: {\n    defaults: {\n      models: {\n        // the big one\n        "anthropic/claude-opus-4-6": { params: { cacheRetention: "long" } }, // keep\n      },\n    },\n  },\n}\n',
    ],
    [
      "JSON: the quoted key stays quoted",
      '{"agents": {"list": [{"id": "main", "params": {"temperature": 1, "cacheControlTtl": "5m"}}]}}',
      '1:66-1:83 warning cacheControlTtl is deprecated; use cacheRetention: "short".',
      'Rename it to cacheRetention with the value "short" (lint --fix or openclaw-config migrate --write does this).',
      '{"agents": {"list": [{"id": "main", "params": {"temperature": 1, "cacheRetention": "short"}}]}}',
    ],
    [
      "redundant beside an agreeing cacheRetention: deleted",
      "{ agents: { defaults: { params: { cacheRetention: 'long', cacheControlTtl: '1h' } } } }",
      '1:59-1:74 warning cacheControlTtl is deprecated and redundant: cacheRetention is already "long" here.',
      "Delete cacheControlTtl (lint --fix does this).",
      "{ agents: { defaults: { params: { cacheRetention: 'long' } } } }",
    ],
    [
      "beside an invalid cacheRetention: no fix",
      "{ agents: { defaults: { params: { cacheRetention: 'standard', cacheControlTtl: '5m' } } } }",
      '1:63-1:78 warning cacheControlTtl is deprecated; use cacheRetention: "short".',
      'Correct the invalid cacheRetention beside it to "short" and delete cacheControlTtl.',
      undefined,
    ],
    [
      "a duplicated key: no fix (JSON5 keeps the last copy)",
      "{ agents: { defaults: { params: { cacheControlTtl: '5m', cacheControlTtl: '1h' } } } }",
      '1:58-1:73 warning cacheControlTtl is deprecated; use cacheRetention: "long".',
      'Rename it to cacheRetention with the value "long".',
      undefined,
    ],
    [
      "an agents.entries model, single quotes kept",
      "{ agents: { entries: { w: { models: { 'anthropic/x': { params: { cacheControlTtl: '5m' } } } } } } }",
      '1:66-1:81 warning cacheControlTtl is deprecated; use cacheRetention: "short".',
      'Rename it to cacheRetention with the value "short" (lint --fix or openclaw-config migrate --write does this).',
      "{ agents: { entries: { w: { models: { 'anthropic/x': { params: { cacheRetention: 'short' } } } } } } }",
    ],
  ];
  it.each(invalid)("invalid: %s", (_name, source, expected, todo, fixed) => {
    const { diagnostics } = runRule(deprecatedCacheTtl, source, options);
    expect(findings(deprecatedCacheTtl, source, options)).toEqual([expected]);
    const [finding] = diagnostics;
    expect(finding?.notes?.[1]).toBe(todo);
    if (fixed === undefined) expect(finding?.fix).toBeUndefined();
    else expect(applyFix(source, finding?.fix)).toBe(fixed);
  });

  it("says why", () => {
    const [finding] = runRule(deprecatedCacheTtl, "{ agents: { defaults: { params: { cacheControlTtl: '1h' } } } }", options).diagnostics;
    expect(finding?.notes?.[0]).toBe(WHY);
    expect(finding?.path).toEqual(["agents", "defaults", "params", "cacheControlTtl"]);
    expect(finding?.fix?.description).toBe('Replace cacheControlTtl "1h" with cacheRetention "long"');
  });
});
