import { describe, expect, it } from "vitest";
import type { EnvVar } from "./dotenv.js";
import { collectEnvironment } from "./environment.js";
import { FAKE } from "./fake-credential.test-support.js";
import { detectAuthMode, isAnthropicProvider, profileModeKind } from "./mode.js";
import type { AuthDecision, AuthModeInput } from "./mode.js";
import type { AuthStore } from "./store.js";
import { parseAuthStore } from "./store.js";

const MAIN = "/state/agents/main/agent/auth-profiles.json";
const WORK = "/state/agents/work/agent/auth-profiles.json";

function store(file: string, profiles: Record<string, { type: string; provider: string }>): AuthStore {
  const withSecrets = Object.fromEntries(
    Object.entries(profiles).map(([id, p]) => [id, { ...p, key: "k", token: "t", access: "a", refresh: "r", expires: 1 }]),
  );
  const parsed = parseAuthStore(JSON.stringify({ version: 1, profiles: withSecrets }), file);
  if (!parsed.store) throw new Error("test store did not parse");
  return parsed.store;
}

function env(vars: Record<string, string>, envFile?: string): Map<string, EnvVar> {
  return collectEnvironment(envFile === undefined ? { env: vars } : {}, envFile === undefined ? {} : { envFiles: [{ file: "/home/u/.openclaw/.env", text: envFile }] }).vars;
}

const apiKeyProfile = { provider: "anthropic", mode: "api_key" };
const tokenProfile = { provider: "anthropic", mode: "token" };
const oauthProfile = { provider: "anthropic", mode: "oauth" };

describe("detectAuthMode", () => {
  const cases: [string, Omit<AuthModeInput, "env"> & { env?: Map<string, EnvVar> }, AuthDecision][] = [
    [
      "explicit api-key beats everything",
      { config: { auth: { profiles: { "anthropic:a": tokenProfile } } }, explicit: "api-key" },
      { mode: "api-key", source: "--auth api-key was given on the command line", via: "flag" },
    ],
    [
      "explicit subscription",
      { config: {}, explicit: "subscription" },
      { mode: "subscription", source: "--auth subscription was given on the command line", via: "flag" },
    ],
    [
      "auto is not a decision",
      { config: { auth: { profiles: { "anthropic:a": tokenProfile } } }, explicit: "auto" },
      { mode: "subscription", source: 'the only Anthropic profile is "anthropic:a" (mode token)', via: "profiles", path: ["auth", "profiles", "anthropic:a"] },
    ],
    [
      "first id of auth.order.anthropic",
      {
        config: {
          auth: {
            profiles: { "anthropic:default": apiKeyProfile, "anthropic:sub": tokenProfile },
            order: { anthropic: ["anthropic:default", "anthropic:sub"] },
          },
        },
      },
      {
        mode: "api-key",
        source: 'auth.order.anthropic starts with "anthropic:default" (mode api_key)',
        via: "auth-order",
        path: ["auth", "order", "anthropic", 0],
      },
    ],
    [
      "order skips unknown, non-Anthropic, mode-less and non-string entries",
      {
        config: {
          auth: {
            profiles: {
              "openai:x": { provider: "openai", mode: "api_key" },
              "anthropic:nomode": { provider: "anthropic" },
              "anthropic:sub": oauthProfile,
              "anthropic:key": apiKeyProfile,
            },
            order: { anthropic: [7, "anthropic:missing", "openai:x", "anthropic:nomode", "anthropic:sub", "anthropic:key"] },
          },
        },
      },
      {
        mode: "subscription",
        source: '"anthropic:sub" is the first Anthropic profile in auth.order.anthropic (mode oauth)',
        via: "auth-order",
        path: ["auth", "order", "anthropic", 4],
      },
    ],
    [
      "misspelled api-key mode still means API key",
      { config: { auth: { profiles: { "anthropic:a": { provider: "anthropic", mode: "api-key" }, "anthropic:b": tokenProfile }, order: { anthropic: ["anthropic:a"] } } } },
      { mode: "api-key", source: 'auth.order.anthropic starts with "anthropic:a" (mode api-key, read as api_key)', via: "auth-order", path: ["auth", "order", "anthropic", 0] },
    ],
    [
      "order names a profile known only from a store",
      { config: { auth: { order: { anthropic: ["anthropic:stored"] } } }, stores: [store(MAIN, { "anthropic:stored": { type: "token", provider: "anthropic" } })] },
      {
        mode: "subscription",
        source: `auth.order.anthropic starts with "anthropic:stored" (type token in ${MAIN})`,
        via: "auth-order",
        path: ["auth", "order", "anthropic", 0],
        file: MAIN,
      },
    ],
    [
      "config mode wins over the store's type",
      {
        config: { auth: { profiles: { "anthropic:a": apiKeyProfile }, order: { anthropic: ["anthropic:a"] } } },
        stores: [store(MAIN, { "anthropic:a": { type: "oauth", provider: "anthropic" } })],
      },
      { mode: "api-key", source: 'auth.order.anthropic starts with "anthropic:a" (mode api_key)', via: "auth-order", path: ["auth", "order", "anthropic", 0] },
    ],
    [
      "store type fills a config profile without a valid mode",
      {
        config: { auth: { profiles: { "anthropic:a": { provider: "anthropic", mode: "bearer" } }, order: { anthropic: ["anthropic:a"] } } },
        stores: [store(MAIN, { "anthropic:a": { type: "oauth", provider: "anthropic" } })],
      },
      {
        mode: "subscription",
        source: `auth.order.anthropic starts with "anthropic:a" (type oauth in ${MAIN})`,
        via: "auth-order",
        path: ["auth", "order", "anthropic", 0],
        file: MAIN,
      },
    ],
    [
      "profile provider comes from the id when missing",
      { config: { auth: { profiles: { "anthropic:a": { mode: "token" } } } } },
      { mode: "subscription", source: 'the only Anthropic profile is "anthropic:a" (mode token)', via: "profiles", path: ["auth", "profiles", "anthropic:a"] },
    ],
    [
      "all Anthropic profiles share a kind",
      { config: { auth: { profiles: { "anthropic:a": tokenProfile, "openai:b": { provider: "openai", mode: "api_key" }, "anthropic:c": oauthProfile } } } },
      {
        mode: "subscription",
        source: 'all 2 Anthropic profiles use subscription auth: "anthropic:a" (mode token), "anthropic:c" (mode oauth)',
        via: "profiles",
        path: ["auth", "profiles", "anthropic:a"],
      },
    ],
    [
      "config and store profiles share a kind",
      {
        config: { auth: { profiles: { "anthropic:a": apiKeyProfile } } },
        stores: [store(MAIN, { "anthropic:b": { type: "api_key", provider: "anthropic" } }), store(WORK, { "openai:c": { type: "oauth", provider: "openai" } })],
      },
      {
        mode: "api-key",
        source: `all 2 Anthropic profiles use API-key auth: "anthropic:a" (mode api_key), "anthropic:b" (type api_key in ${MAIN})`,
        via: "profiles",
        path: ["auth", "profiles", "anthropic:a"],
      },
    ],
    [
      "only store profiles",
      { config: {}, stores: [store(WORK, { "anthropic:w": { type: "oauth", provider: "Anthropic" } })] },
      { mode: "subscription", source: `the only Anthropic profile is "anthropic:w" (type oauth in ${WORK})`, via: "store", file: WORK },
    ],
    [
      "mixed kinds fall through to ANTHROPIC_OAUTH_TOKEN",
      { config: { auth: { profiles: { "anthropic:a": apiKeyProfile, "anthropic:b": tokenProfile } } }, env: env({}, "ANTHROPIC_OAUTH_TOKEN=x\nANTHROPIC_API_KEY=y") },
      {
        mode: "subscription",
        source: "Anthropic profiles mix API-key and subscription auth and auth.order.anthropic picks none of them, and ANTHROPIC_OAUTH_TOKEN is set in /home/u/.openclaw/.env line 1",
        via: "env",
        variable: "ANTHROPIC_OAUTH_TOKEN",
        file: "/home/u/.openclaw/.env",
      },
    ],
    [
      "ANTHROPIC_API_KEY from the config env block",
      { config: {}, env: env({ ANTHROPIC_API_KEY: FAKE.anthropicApiKey }) },
      {
        mode: "api-key",
        source: "no Anthropic auth profile decides, and ANTHROPIC_API_KEY is set in the config's env.ANTHROPIC_API_KEY",
        via: "env",
        variable: "ANTHROPIC_API_KEY",
        path: ["env", "ANTHROPIC_API_KEY"],
      },
    ],
    [
      "a setup-token in ANTHROPIC_API_KEY still means API-key mode",
      { config: {}, env: env({}, `ANTHROPIC_API_KEY=${FAKE.setupToken}`) },
      {
        mode: "api-key",
        source:
          "no Anthropic auth profile decides, and ANTHROPIC_API_KEY is set in /home/u/.openclaw/.env line 1; its value is a setup-token, which OpenClaw still sends as an API key",
        via: "env",
        variable: "ANTHROPIC_API_KEY",
        file: "/home/u/.openclaw/.env",
      },
    ],
    [
      "an unresolved reference in ANTHROPIC_API_KEY",
      { config: {}, env: collectEnvironment({ env: { vars: { ANTHROPIC_API_KEY: "${ANTHROPIC_API_KEY}" } } }, {}).vars },
      {
        mode: "api-key",
        source:
          "no Anthropic auth profile decides, and ANTHROPIC_API_KEY is set in the config's env.vars.ANTHROPIC_API_KEY; its value is a reference to ${ANTHROPIC_API_KEY}, not resolved here",
        via: "env",
        variable: "ANTHROPIC_API_KEY",
        path: ["env", "vars", "ANTHROPIC_API_KEY"],
      },
    ],
    [
      "process environment",
      { config: {}, env: collectEnvironment({}, { processEnv: { ANTHROPIC_OAUTH_TOKEN: "t" } }).vars },
      {
        mode: "subscription",
        source: "no Anthropic auth profile decides, and ANTHROPIC_OAUTH_TOKEN is set in the process environment",
        via: "env",
        variable: "ANTHROPIC_OAUTH_TOKEN",
      },
    ],
    [
      "blank variables do not count",
      { config: {}, env: collectEnvironment({}, { processEnv: { ANTHROPIC_OAUTH_TOKEN: " ", ANTHROPIC_API_KEY: "" } }).vars },
      { mode: "unknown", source: "no Anthropic auth profile decides, and neither ANTHROPIC_OAUTH_TOKEN nor ANTHROPIC_API_KEY is set", via: "none" },
    ],
    [
      "mixed kinds and no variables",
      { config: { auth: { profiles: { "anthropic:a": apiKeyProfile, "anthropic:b": oauthProfile } } } },
      {
        mode: "unknown",
        source:
          "Anthropic profiles mix API-key and subscription auth and auth.order.anthropic picks none of them, and neither ANTHROPIC_OAUTH_TOKEN nor ANTHROPIC_API_KEY is set",
        via: "none",
      },
    ],
    [
      "nothing at all",
      { config: {} },
      { mode: "unknown", source: "no Anthropic auth profile decides, and neither ANTHROPIC_OAUTH_TOKEN nor ANTHROPIC_API_KEY is set", via: "none" },
    ],
  ];
  it.each(cases)("%s", (_name, input, decision) => {
    expect(detectAuthMode({ env: new Map(), ...input })).toEqual(decision);
  });

  const malformed: [string, unknown][] = [
    ["undefined", undefined],
    ["null", null],
    ["an array", [1, 2]],
    ["auth is a string", { auth: "anthropic" }],
    ["profiles is an array", { auth: { profiles: [apiKeyProfile] } }],
    ["a profile is null", { auth: { profiles: { "anthropic:a": null } } }],
    ["order is a string", { auth: { order: "anthropic:a" } }],
    ["order.anthropic is an object", { auth: { order: { anthropic: { 0: "anthropic:a" } } } }],
    ["order names __proto__", { auth: { profiles: {}, order: { anthropic: ["__proto__", "constructor", "toString"] } } }],
  ];
  it.each(malformed)("falls back to unknown without throwing when the config is %s", (_name, config) => {
    expect(detectAuthMode({ config, env: new Map() })).toEqual({
      mode: "unknown",
      source: "no Anthropic auth profile decides, and neither ANTHROPIC_OAUTH_TOKEN nor ANTHROPIC_API_KEY is set",
      via: "none",
    });
  });

  it("tolerates malformed stores and env", () => {
    const input = { config: {}, env: "nope", stores: [{ file: "x" }] } as unknown as AuthModeInput;
    expect(detectAuthMode(input).mode).toBe("unknown");
  });

  it("never puts a credential value in the source sentence", () => {
    const decision = detectAuthMode({ config: {}, env: env({ ANTHROPIC_API_KEY: FAKE.setupToken }) });
    expect(decision.source).not.toContain(FAKE.setupToken.slice(13, 30));
  });
});

describe("profileModeKind", () => {
  const cases: [unknown, string | undefined][] = [
    ["api_key", "api-key"],
    ["api-key", "api-key"],
    ["apiKey", "api-key"],
    ["token", "subscription"],
    ["oauth", "subscription"],
    ["API_KEY", undefined],
    [undefined, undefined],
    [1, undefined],
  ];
  it.each(cases)("%j -> %s", (mode, kind) => {
    expect(profileModeKind(mode)).toBe(kind);
  });
});

describe("isAnthropicProvider", () => {
  const cases: [unknown, boolean][] = [
    ["anthropic", true],
    [" Anthropic ", true],
    ["anthropic-vertex", false],
    ["amazon-bedrock", false],
    [undefined, false],
  ];
  it.each(cases)("%j -> %s", (provider, anthropic) => {
    expect(isAnthropicProvider(provider)).toBe(anthropic);
  });
});
