import { describe, expect, it } from "vitest";
import { authModeSpelling } from "./auth-mode-spelling.js";
import { applyFix, findings, MALFORMED_SECTIONS, runRule, spanOf } from "./rule-test-kit.js";

const BOTH = `{
  // profiles take the underscore
  auth: { profiles: { "anthropic:default": { provider: "anthropic", mode: 'api-key' } } },
  models: { providers: { litellm: { auth: "api_key", api: "openai-completions" } } },
}`;

describe("auth-mode-spelling", () => {
  const valid: [string, string][] = [
    ["each section's own spelling", `{ auth: { profiles: { "a:b": { provider: "a", mode: "api_key" } } }, models: { providers: { x: { auth: "api-key" } } } }`],
    ["other modes", `{ auth: { profiles: { "a:b": { provider: "a", mode: "token" } } }, models: { providers: { x: { auth: "oauth" } } } }`],
    ["the hyphen elsewhere", `{ channels: { x: { mode: "api-key" } }, gateway: { auth: { mode: "api_key" } } }`],
    ["malformed sections", `{ auth: { profiles: ["api-key"] }, models: { providers: null } }`],
  ];
  it.each(valid)("valid: %s", (_name, source) => {
    expect(findings(authModeSpelling, source)).toEqual([]);
  });

  it("reports both spellings at the value", () => {
    expect(findings(authModeSpelling, BOTH)).toEqual([
      `${spanOf(BOTH, "'api-key'")} error auth.profiles["anthropic:default"].mode is "api-key"; auth profiles spell it "api_key".`,
      `${spanOf(BOTH, '"api_key"')} error models.providers.litellm.auth is "api_key"; providers spell it "api-key".`,
    ]);
  });

  it("explains and fixes, keeping quotes and comments", () => {
    const [profile, provider] = runRule(authModeSpelling, BOTH).diagnostics;
    expect(profile?.notes).toEqual([
      'OpenClaw accepts only "api_key" here ("api-key" is the spelling of models.providers.*.auth), so it rejects the config and the gateway does not start.',
      'Write "api_key" (lint --fix does this).',
    ]);
    expect(provider?.notes?.[0]).toBe('OpenClaw accepts only "api-key" here ("api_key" is the spelling of auth.profiles.*.mode), so it rejects the config and the gateway does not start.');
    expect(profile?.fix?.description).toBe('Replace "api-key" with "api_key"');
    expect(applyFix(BOTH, profile?.fix)).toBe(BOTH.replace("'api-key'", "'api_key'"));
    expect(applyFix(BOTH, provider?.fix)).toBe(BOTH.replace('"api_key"', '"api-key"'));
    const both = applyFix(BOTH, { description: "both", edits: [...(profile?.fix?.edits ?? []), ...(provider?.fix?.edits ?? [])] });
    expect(findings(authModeSpelling, both)).toEqual([]);
  });

  it.each(MALFORMED_SECTIONS)("ignores malformed sections: %s", (_name, source) => {
    expect(findings(authModeSpelling, source, {})).toEqual([]);
  });
});
