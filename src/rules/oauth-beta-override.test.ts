import { describe, expect, it } from "vitest";
import type { AuthDecision } from "../auth/mode.js";
import { oauthBetaOverride } from "./oauth-beta-override.js";
import { findings, MALFORMED_SECTIONS, runRule } from "./rule-test-kit.js";
import type { RuleRunOptions } from "./rule-test-kit.js";

const OVERRIDE = `{ models: { providers: { anthropic: { headers: { "anthropic-beta": "extended-cache-ttl-2025-04-11" } } } } }`;
const TOKEN_PROFILE: AuthDecision = {
  mode: "subscription",
  source: 'the only Anthropic profile is "anthropic:default" (mode token)',
  via: "profiles",
  path: ["auth", "profiles", "anthropic:default"],
};

describe("oauth-beta-override", () => {
  const valid: [string, string, RuleRunOptions][] = [
    ["API-key auth", OVERRIDE, { auth: "api-key" }],
    ["unknown auth", OVERRIDE, {}],
    ["subscription without an override", `{ models: { providers: { anthropic: { headers: { "User-Agent": "x" } } } } }`, { auth: "subscription" }],
    [
      "subscription, override on a custom provider with its own key",
      `{ models: { providers: { minimax: { api: "anthropic-messages", headers: { "anthropic-beta": "x" } } } } }`,
      { auth: "subscription" },
    ],
  ];
  it.each(valid)("valid: %s", (_name, source, options) => {
    expect(findings(oauthBetaOverride, source, options)).toEqual([]);
  });

  const message = (owner: string) => `error The anthropic-beta header of ${owner} replaces the beta flags that subscription auth needs.`;
  const invalid: [string, string, RuleRunOptions, string[]][] = [
    ["provider level", OVERRIDE, { auth: "subscription" }, [`1:50-1:66 ${message('provider "anthropic"')}`]],
    [
      "any case, model level too",
      `{
  models: {
    providers: {
      Anthropic: {
        headers: { 'Anthropic-Beta': "oauth-2025-04-20" },
        models: [{ id: "claude-opus-4-6", headers: { ANTHROPIC_BETA: "x", "anthropic-beta": "y" } }],
      },
    },
  },
}`,
      { auth: TOKEN_PROFILE },
      [`5:20-5:36 ${message('provider "Anthropic"')}`, `6:75-6:91 ${message('model "claude-opus-4-6" of provider "Anthropic"')}`],
    ],
  ];
  it.each(invalid)("invalid: %s", (_name, source, options, expected) => {
    expect(findings(oauthBetaOverride, source, options)).toEqual(expected);
  });

  it("names what decided the auth mode and what to do", () => {
    const [finding] = runRule(oauthBetaOverride, OVERRIDE, { auth: TOKEN_PROFILE }).diagnostics;
    expect(finding?.path).toEqual(["models", "providers", "anthropic", "headers", "anthropic-beta"]);
    expect(finding?.notes).toEqual([
      'Auth is subscription (the only Anthropic profile is "anthropic:default" (mode token)); OAuth and setup-token requests need the oauth-2025-04-20 and claude-code-20250219 betas that OpenClaw adds, and without them Anthropic answers every request with 401.',
      "Delete this header, or switch Anthropic to API-key auth if you need these betas.",
    ]);
    expect(finding?.fix).toBeUndefined();
  });

  it.each(MALFORMED_SECTIONS)("ignores malformed sections: %s", (_name, source) => {
    expect(findings(oauthBetaOverride, source, { auth: "subscription" })).toEqual([]);
  });
});
