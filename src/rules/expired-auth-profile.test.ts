import { describe, expect, it } from "vitest";
import { parseAuthStore } from "../auth/store.js";
import type { LintStores } from "./context.js";
import { expiredAuthProfile } from "./expired-auth-profile.js";
import { findings, MALFORMED_SECTIONS, runRule, spanOf, TEST_NOW } from "./rule-test-kit.js";

const HOUR = 60 * 60 * 1000;
const FILE = "/state/agents/main/agent/auth-profiles.json";

/** A store text with one profile line per entry. */
function storeText(lines: string[]): string {
  return `{\n  "version": 1,\n  "profiles": {\n${lines.map((l) => `    ${l}`).join(",\n")}\n  }\n}\n`;
}

function agentStores(text: string, file = FILE): LintStores {
  const { store } = parseAuthStore(text, file);
  return { agents: new Map([["main", { file, diagnostics: [], missing: false, ...(store ? { store } : {}) }]]) };
}

const FRESH = storeText([
  `"anthropic:key": { "type": "api_key", "provider": "anthropic", "key": "k" }`,
  `"anthropic:sub": { "type": "token", "provider": "anthropic", "token": "t", "expires": ${TEST_NOW + 30 * 24 * HOUR} }`,
  `"openai-codex:me": { "type": "oauth", "provider": "openai-codex", "access": "a", "refresh": "r", "expires": ${TEST_NOW + 25 * HOUR} }`,
]);
const EXPIRED = TEST_NOW - 2 * HOUR;
const SOON = TEST_NOW + 5 * HOUR + 30 * 60 * 1000;
const STALE = storeText([
  `"anthropic:old": { "type": "token", "provider": "anthropic", "token": "t", "expires": ${EXPIRED} }`,
  `"anthropic:soon": { "type": "oauth", "provider": "anthropic", "access": "a", "expires": ${SOON} }`,
  `"anthropic:forever": { "type": "token", "provider": "anthropic", "token": "t" }`,
  `"openai:bad": { "type": "oauth", "provider": "openai", "refresh": "r", "expires": "soon" }`,
  `"anthropic:now": { "type": "token", "provider": "anthropic", "token": "t", "expires": ${TEST_NOW + 10 * 60 * 1000} }`,
]);

describe("expired-auth-profile", () => {
  it("is silent without stores, and for fresh and api_key profiles", () => {
    expect(findings(expiredAuthProfile, "{}")).toEqual([]);
    expect(findings(expiredAuthProfile, "{}", { stores: agentStores(FRESH) })).toEqual([]);
    expect(findings(expiredAuthProfile, "{}", { stores: { authProfiles: { file: "missing.json" } } })).toEqual([]);
  });

  it("grades each profile at its expiry or its id, in the store file", () => {
    const { diagnostics } = runRule(expiredAuthProfile, "{}", { stores: agentStores(STALE) });
    expect(diagnostics.map((d) => d.file)).toEqual([FILE, FILE, FILE, FILE, FILE]);
    expect(diagnostics.map((d) => `${d.path.join(" ")}: ${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column} ${d.severity} ${d.message}`)).toEqual([
      `profiles anthropic:old expires: ${spanOf(STALE, String(EXPIRED))} error Profile "anthropic:old" (token) expired on 2026-09-01 10:00 UTC.`,
      `profiles anthropic:soon expires: ${spanOf(STALE, String(SOON))} warning Profile "anthropic:soon" (oauth) expires in 5 hours (2026-09-01 17:30 UTC).`,
      `profiles anthropic:forever: ${spanOf(STALE, '"anthropic:forever"')} error Profile "anthropic:forever" (token) has no usable expiry.`,
      `profiles openai:bad expires: ${spanOf(STALE, '"soon"')} error Profile "openai:bad" (oauth) has no usable expiry.`,
      `profiles anthropic:now expires: ${spanOf(STALE, String(TEST_NOW + 10 * 60 * 1000))} warning Profile "anthropic:now" (token) expires within the hour (2026-09-01 12:10 UTC).`,
    ]);
  });

  it("says what happens and how to renew, per type and provider", () => {
    const { diagnostics } = runRule(expiredAuthProfile, "{}", { stores: agentStores(STALE) });
    expect(diagnostics.map((d) => d.notes)).toEqual([
      [
        "A setup-token cannot be refreshed, so OpenClaw fails over to the next profile in auth.order, and the agent's requests fail when none is left.",
        "Create a new setup-token with `claude setup-token` and store it with `openclaw models auth paste-token --provider anthropic`.",
      ],
      [
        "Once it expires, OpenClaw has to refresh the OAuth credential before using it; if the refresh is refused, it fails over to the next profile in auth.order, and the agent's requests fail when none is left.",
        "Sign in to anthropic again to store a fresh OAuth credential, then check with `openclaw models status`.",
      ],
      [
        "`openclaw models status --check` counts a token or OAuth credential without a valid `expires` (milliseconds since 1970) as expired or missing, because nothing says it still works.",
        "Create a new setup-token with `claude setup-token` and store it with `openclaw models auth paste-token --provider anthropic`.",
      ],
      [
        "`openclaw models status --check` counts a token or OAuth credential without a valid `expires` (milliseconds since 1970) as expired or missing, because nothing says it still works.",
        "Sign in to openai again to store a fresh OAuth credential, then check with `openclaw models status`.",
      ],
      [
        "A setup-token cannot be refreshed: once it expires, OpenClaw fails over to the next profile in auth.order, and the agent's requests fail when none is left.",
        "Create a new setup-token with `claude setup-token` and store it with `openclaw models auth paste-token --provider anthropic`.",
      ],
    ]);
  });

  it("reads --auth-profiles too, and each file once", () => {
    const text = storeText([`"anthropic:old": { "type": "token", "provider": "anthropic", "token": "t", "expires": ${EXPIRED} }`]);
    const single = parseAuthStore(text, FILE).store;
    const stores: LintStores = { ...agentStores(text), authProfiles: { file: FILE, ...(single ? { store: single } : {}) } };
    expect(findings(expiredAuthProfile, "{}", { stores })).toEqual([
      `${spanOf(text, String(EXPIRED))} error Profile "anthropic:old" (token) expired on 2026-09-01 10:00 UTC.`,
    ]);
  });

  it("lets --rule override the warning tier", () => {
    const settings = new Map([["expired-auth-profile", "error" as const]]);
    const { diagnostics } = runRule(expiredAuthProfile, "{}", { stores: agentStores(STALE), settings });
    expect(diagnostics.map((d) => d.severity)).toEqual(["error", "error", "error", "error", "error"]);
  });

  it.each(MALFORMED_SECTIONS)("ignores malformed sections: %s", (_name, source) => {
    expect(findings(expiredAuthProfile, source, { stores: agentStores(FRESH) })).toEqual([]);
  });
});
