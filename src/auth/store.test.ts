import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPath } from "../diagnostics/diagnostic.js";
import type { AuthStore, AuthStoreProfile } from "./store.js";
import { agentStorePath, EXPIRING_WINDOW_MS, gradeExpiry, parseAuthStore, readAgentStores, storeHasAnthropicCredential } from "./store.js";
import type { ReadTextFile } from "./store.js";

const FILE = "/state/agents/main/agent/auth-profiles.json";

function problems(text: string): string[] {
  return parseAuthStore(text, FILE).diagnostics.map(
    (d) =>
      `${d.code} ${d.severity} ${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column} [${formatPath(d.path)}] ${d.message}`,
  );
}

/** Profiles without their ranges. */
function profiles(text: string): Omit<AuthStoreProfile, "range" | "expiresRange">[] | undefined {
  const store = parseAuthStore(text, FILE).store;
  return store && [...store.profiles.values()].map(({ range: _r, expiresRange: _e, ...rest }) => rest);
}

describe("parseAuthStore", () => {
  it("reads a real-shaped store", () => {
    const text = `{
  "version": 1,
  "profiles": {
    "anthropic:default": { "type": "token", "provider": "anthropic", "token": "T", "expires": 1800000000000 },
    "anthropic:work": { "type": "oauth", "provider": "anthropic", "access": "A", "refresh": "R", "expires": 1800000000000, "email": "me@example.com" },
    "openai:default": { "type": "api_key", "provider": "openai", "key": "K" }
  },
  "order": { "anthropic": ["anthropic:work", 7, "anthropic:default"], "openai": "not a list" }
}`;
    const result = parseAuthStore(text, FILE);
    expect(result.diagnostics).toEqual([]);
    expect(result.store?.file).toBe(FILE);
    expect(result.store?.version).toBe(1);
    expect(profiles(text)).toEqual([
      { id: "anthropic:default", type: "token", provider: "anthropic", token: "T", expires: 1800000000000, secretRef: false },
      { id: "anthropic:work", type: "oauth", provider: "anthropic", access: "A", refresh: "R", expires: 1800000000000, email: "me@example.com", secretRef: false },
      { id: "openai:default", type: "api_key", provider: "openai", key: "K", secretRef: false },
    ]);
    expect([...(result.store?.order ?? [])]).toEqual([["anthropic", ["anthropic:work", "anthropic:default"]]]);
    const profile = result.store?.profiles.get("anthropic:default");
    expect(profile?.range).toEqual({ start: { line: 4, column: 5, offset: 38 }, end: { line: 4, column: 24, offset: 57 } });
    expect(profile?.expiresRange).toEqual({ start: { line: 4, column: 95, offset: 128 }, end: { line: 4, column: 108, offset: 141 } });
  });

  it("accepts OpenClaw's legacy spellings and secret references", () => {
    const text = `{ profiles: {
  "anthropic:a": { mode: "apiKey", provider: " Anthropic ", apiKey: "k" },
  "anthropic:b": { type: "api_key", provider: "anthropic", keyRef: { source: "env", id: "X" } },
  "anthropic:c": { type: "token", provider: "anthropic", token: { source: "env", id: "Y" } },
  "anthropic:d": { type: "token", mode: "api_key", provider: "anthropic", token: "t" },
} }`;
    expect(problems(text)).toEqual([]);
    expect(profiles(text)).toEqual([
      { id: "anthropic:a", type: "api_key", provider: "anthropic", key: "k", secretRef: false },
      { id: "anthropic:b", type: "api_key", provider: "anthropic", secretRef: true },
      { id: "anthropic:c", type: "token", provider: "anthropic", secretRef: true },
      { id: "anthropic:d", type: "token", provider: "anthropic", token: "t", secretRef: false },
    ]);
  });

  const cases: [string, string, string[], number | undefined][] = [
    ["empty file", "", ["parse/empty-file error 1:1-1:1 [] File is empty."], undefined],
    ["syntax error", "{ profiles: }", ['parse/unexpected-token error 1:13-1:14 [] Unexpected "}" (not valid JSON5).'], undefined],
    [
      "root is an array",
      "[]",
      ["auth-store/root-not-object error 1:1-1:3 [] An auth store must be an object of the form `{ version: 1, profiles: { ... } }`."],
      undefined,
    ],
    ["no profiles", "{ version: 1 }", ["auth-store/missing-profiles error 1:1-1:2 [] The store has no `profiles` object."], 0],
    ["profiles is an array", "{ profiles: [] }", ["auth-store/invalid-profiles error 1:13-1:15 [profiles] `profiles` must be an object keyed by profile id."], 0],
    ["newer version", "{ version: 2, profiles: {} }", ["auth-store/unsupported-version warning 1:12-1:13 [version] Unsupported store version 2; this tool understands version 1."], 0],
    ["version as a string of 1 is read as 1", '{ version: "1", profiles: {} }', [], 0],
    ["invalid version", "{ version: -1, profiles: {} }", ["auth-store/invalid-version warning 1:12-1:14 [version] Invalid store version -1; OpenClaw reads it as version 1."], 0],
    ["version is an object", "{ version: {}, profiles: {} }", ["auth-store/invalid-version warning 1:12-1:14 [version] Invalid store version (an object); OpenClaw reads it as version 1."], 0],
    [
      "entries OpenClaw drops",
      `{
  profiles: {
    "a:x": 1,
    "anthropic:t": { type: "bearer", provider: "anthropic" },
    "anthropic:n": { provider: "anthropic" },
    "anthropic:p": { type: "api_key", key: "k" },
    "anthropic:q": { type: "api_key", provider: " ", key: "k" },
  }
}`,
      [
        'auth-store/invalid-profile error 3:12-3:13 [profiles["a:x"]] Profile "a:x" must be an object.',
        'auth-store/invalid-type error 4:28-4:36 [profiles["anthropic:t"].type] Profile "anthropic:t" has type "bearer"; expected "api_key", "token" or "oauth".',
        'auth-store/invalid-type error 5:5-5:18 [profiles["anthropic:n"]] Profile "anthropic:n" has no type; expected "api_key", "token" or "oauth".',
        'auth-store/missing-provider error 6:5-6:18 [profiles["anthropic:p"]] Profile "anthropic:p" has no provider.',
        'auth-store/missing-provider error 7:49-7:52 [profiles["anthropic:q"].provider] Profile "anthropic:q" has no provider.',
      ],
      0,
    ],
    [
      "a secret used as a type is not echoed",
      `{ profiles: { "anthropic:s": { type: "sk-ant-api03-${"Qw3rTy9Uz".repeat(3)}", provider: "anthropic" } } }`,
      ['auth-store/invalid-type error 1:38-1:80 [profiles["anthropic:s"].type] Profile "anthropic:s" has type (a string); expected "api_key", "token" or "oauth".'],
      0,
    ],
    [
      "provider differs from the id",
      '{ profiles: { "openai:b": { type: "api_key", provider: "anthropic", key: "k" } } }',
      ['auth-store/provider-mismatch warning 1:56-1:67 [profiles["openai:b"].provider] Profile "openai:b" is named for openai but its provider is "anthropic".'],
      1,
    ],
    [
      "profiles without a credential are kept and reported",
      '{ profiles: { "anthropic:a": { type: "api_key", provider: "anthropic" }, "anthropic:b": { type: "token", provider: "anthropic", token: " " }, "anthropic:c": { type: "oauth", provider: "anthropic" } } }',
      [
        'auth-store/missing-credential error 1:15-1:28 [profiles["anthropic:a"]] Profile "anthropic:a" (type api_key) has no key.',
        'auth-store/missing-credential error 1:74-1:87 [profiles["anthropic:b"]] Profile "anthropic:b" (type token) has no token.',
        'auth-store/missing-credential error 1:143-1:156 [profiles["anthropic:c"]] Profile "anthropic:c" (type oauth) has neither an access nor a refresh token.',
      ],
      3,
    ],
    [
      "bad expiries",
      '{ profiles: { "anthropic:a": { type: "token", provider: "anthropic", token: "t", expires: "2026-01-01" }, "anthropic:b": { type: "oauth", provider: "anthropic", access: "a", refresh: "r", expires: 1767225600 }, "anthropic:c": { type: "token", provider: "anthropic", token: "t", expires: -5 } } }',
      [
        'auth-store/invalid-expires error 1:91-1:103 [profiles["anthropic:a"].expires] Profile "anthropic:a" has an invalid expiry "2026-01-01".',
        'auth-store/expires-in-seconds warning 1:198-1:208 [profiles["anthropic:b"].expires] Profile "anthropic:b" has expiry 1767225600, which looks like seconds, not milliseconds.',
        'auth-store/invalid-expires error 1:288-1:290 [profiles["anthropic:c"].expires] Profile "anthropic:c" has an invalid expiry -5.',
      ],
      3,
    ],
    ["expires on an api_key profile is ignored", '{ profiles: { "a:k": { type: "api_key", provider: "a", key: "k", expires: "x" } } }', [], 1],
    [
      "duplicate profiles key",
      "{ profiles: {}, profiles: {} }",
      ['parse/duplicate-key warning 1:17-1:25 [] Duplicate key "profiles": it is already set on line 1; JSON5 keeps this later value and silently drops the earlier one.'],
      0,
    ],
    ["__proto__ profile id is an ordinary id", '{ profiles: { "__proto__": { type: "token", provider: "anthropic", token: "t" } } }', [], 1],
  ];
  it.each(cases)("%s", (_name, text, expected, profileCount) => {
    expect(problems(text)).toEqual(expected);
    const store = parseAuthStore(text, FILE).store;
    expect(store?.profiles.size).toBe(profileCount);
  });

  it("gives stored invalid expiries the value 0, as OpenClaw does", () => {
    const text = '{ profiles: { "anthropic:a": { type: "token", provider: "anthropic", token: "t", expires: "soon" } } }';
    expect(parseAuthStore(text, FILE).store?.profiles.get("anthropic:a")?.expires).toBe(0);
  });

  it("never throws", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.json().map((j) => `{ profiles: ${j} }`)), (text) => {
        expect(Array.isArray(parseAuthStore(text, FILE).diagnostics)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("gradeExpiry", () => {
  const now = 1_800_000_000_000;
  const cases: [string, Pick<AuthStoreProfile, "type" | "expires">, string][] = [
    ["api_key without expiry", { type: "api_key" }, "ok"],
    ["api_key with a past expiry", { type: "api_key", expires: 1 }, "ok"],
    ["token without expiry", { type: "token" }, "no-expiry"],
    ["oauth without expiry", { type: "oauth" }, "no-expiry"],
    ["token expired long ago", { type: "token", expires: 1 }, "expired"],
    ["invalid expiry stored as 0", { type: "oauth", expires: 0 }, "expired"],
    ["expires exactly now", { type: "token", expires: now }, "expired"],
    ["expires in one millisecond", { type: "token", expires: now + 1 }, "expiring"],
    ["expires in exactly 24 h", { type: "oauth", expires: now + EXPIRING_WINDOW_MS }, "expiring"],
    ["expires in 24 h and 1 ms", { type: "oauth", expires: now + EXPIRING_WINDOW_MS + 1 }, "ok"],
  ];
  it.each(cases)("%s", (_name, profile, grade) => {
    expect(gradeExpiry(profile, now)).toBe(grade);
  });
});

describe("storeHasAnthropicCredential", () => {
  const cases: [string, string, boolean][] = [
    ["empty", "{ profiles: {} }", false],
    ["API key", '{ profiles: { "anthropic:a": { type: "api_key", provider: "anthropic", key: "k" } } }', true],
    ["token", '{ profiles: { "anthropic:a": { type: "token", provider: "anthropic", token: "t" } } }', true],
    ["expired token still counts", '{ profiles: { "anthropic:a": { type: "token", provider: "anthropic", token: "t", expires: 1 } } }', true],
    ["oauth with only a refresh token", '{ profiles: { "anthropic:a": { type: "oauth", provider: "anthropic", refresh: "r" } } }', true],
    ["secret reference", '{ profiles: { "anthropic:a": { type: "api_key", provider: "anthropic", keyRef: { source: "env", id: "K" } } } }', true],
    ["other provider", '{ profiles: { "openai:a": { type: "api_key", provider: "openai", key: "k" } } }', false],
    ["Anthropic profile without a credential", '{ profiles: { "anthropic:a": { type: "api_key", provider: "anthropic", key: "" } } }', false],
    ["oauth without tokens", '{ profiles: { "anthropic:a": { type: "oauth", provider: "anthropic" } } }', false],
    ["dropped entry", '{ profiles: { "anthropic:a": { type: "bearer", provider: "anthropic", token: "t" } } }', false],
  ];
  it.each(cases)("%s", (_name, text, has) => {
    const store = parseAuthStore(text, FILE).store as AuthStore;
    expect(storeHasAnthropicCredential(store)).toBe(has);
  });
});

describe("readAgentStores", () => {
  const files: Record<string, string> = {
    [agentStorePath("/state", "main")]: '{ version: 1, profiles: { "anthropic:default": { type: "api_key", provider: "anthropic", key: "k" } } }',
    [agentStorePath("/state", "broken")]: "{ profiles: ",
  };
  const readFile: ReadTextFile = (path) => {
    if (path === agentStorePath("/state", "locked")) throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
    if (path === agentStorePath("/state", "gone")) throw Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT" });
    return files[path];
  };

  it("reads each agent's store", () => {
    const result = readAgentStores("/state", ["main", "new", "gone", "broken", "locked", "../escape", "main"], readFile);
    const summary = [...result].map(([id, s]) => [id, s.file, s.missing, s.store?.profiles.size, s.diagnostics.map((d) => `${d.code} ${d.message}`)]);
    expect(summary).toEqual([
      ["main", "/state/agents/main/agent/auth-profiles.json", false, 1, []],
      ["new", "/state/agents/new/agent/auth-profiles.json", true, undefined, []],
      ["gone", "/state/agents/gone/agent/auth-profiles.json", true, undefined, []],
      ["broken", "/state/agents/broken/agent/auth-profiles.json", false, undefined, ["parse/unexpected-eof Unexpected end of file (not valid JSON5)."]],
      ["locked", "/state/agents/locked/agent/auth-profiles.json", false, undefined, ["auth-store/unreadable Could not read the auth store: EACCES: permission denied"]],
      [
        "../escape",
        "/state/agents",
        true,
        undefined,
        ['auth-store/invalid-agent-id Agent id "../escape" is not a plain directory name, so its auth store was not read.'],
      ],
    ]);
  });

  const refused: string[] = ["", ".", "..", "a/b", "a\\b", "a b"];
  it.each(refused)("refuses agent id %j", (id) => {
    const result = readAgentStores("/state", [id], () => {
      throw new Error("must not be read");
    });
    expect(result.get(id)?.diagnostics.map((d) => d.code)).toEqual(["auth-store/invalid-agent-id"]);
  });

  it("reads from disk by default", () => {
    const result = readAgentStores("/nonexistent-openclaw-state-dir", ["main"]);
    expect(result.get("main")).toEqual({ file: "/nonexistent-openclaw-state-dir/agents/main/agent/auth-profiles.json", missing: true, diagnostics: [] });
  });
});
