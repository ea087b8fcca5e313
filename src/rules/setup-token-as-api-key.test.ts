import { describe, expect, it } from "vitest";
import { FAKE } from "../auth/fake-credential.test-support.js";
import type { EnvVar } from "../auth/dotenv.js";
import { parseAuthStore } from "../auth/store.js";
import type { LintStores } from "./context.js";
import { describeFinding, findings, MALFORMED_SECTIONS, runRule } from "./rule-test-kit.js";
import type { RuleRunOptions } from "./rule-test-kit.js";
import { setupTokenAsApiKey } from "./setup-token-as-api-key.js";

const TOKEN = FAKE.setupToken;
const KEY = FAKE.anthropicApiKey;
const WHY =
  'Anthropic refuses a setup-token sent as an API key ("This credential is only authorized for use with Claude Code and cannot be used for other API requests"), so every request with it fails.';
const WHAT =
  "Use an API key (sk-ant-api03-…) from the Anthropic Console here; to use your Claude subscription instead, remove it and register the setup-token with `openclaw models auth paste-token --provider anthropic`.";

/** A variable defined on `line` of the env file `file`. */
function fromEnvFile(name: string, value: string, file: string, line: number, column = 1): Map<string, EnvVar> {
  const offset = 0;
  const range = { start: { line, column, offset }, end: { line, column: column + name.length, offset: offset + name.length } };
  return new Map([[name, { name, value, source: { kind: "env-file", file, line, range } }]]);
}

function storeWith(profiles: string, file = "/state/agents/main/agent/auth-profiles.json"): LintStores {
  const { store } = parseAuthStore(`{\n  "version": 1,\n  "profiles": {\n${profiles}\n  }\n}\n`, file);
  return { agents: new Map([["main", { file, diagnostics: [], missing: false, ...(store ? { store } : {}) }]]) };
}

describe("setup-token-as-api-key", () => {
  const valid: [string, string, RuleRunOptions][] = [
    ["an API key in the env block", `{ env: { ANTHROPIC_API_KEY: "${KEY}" } }`, {}],
    ["a reference to an API key", `{ env: { ANTHROPIC_API_KEY: "\${ANTHROPIC_KEY}" } }`, { env: { ANTHROPIC_KEY: KEY } }],
    ["a reference to a variable that is not set", `{ models: { providers: { anthropic: { apiKey: "\${NOPE}" } } } }`, {}],
    ["the setup-token in ANTHROPIC_OAUTH_TOKEN", `{ env: { vars: { ANTHROPIC_OAUTH_TOKEN: "${TOKEN}" } } }`, {}],
    ["another variable of the env block", `{ env: { CLAUDE_TOKEN: "${TOKEN}" } }`, {}],
    ["an API key in a provider", `{ models: { providers: { anthropic: { apiKey: "${KEY}" } } } }`, {}],
    ["a secret reference object in a provider", `{ models: { providers: { anthropic: { apiKey: { source: "env", id: "X" } } } } }`, {}],
    [
      "a self-reference resolved to the same entry",
      `{ env: { ANTHROPIC_API_KEY: "\${ANTHROPIC_API_KEY}" } }`,
      { env: new Map([["ANTHROPIC_API_KEY", { name: "ANTHROPIC_API_KEY", value: "${ANTHROPIC_API_KEY}", source: { kind: "config", path: ["env", "ANTHROPIC_API_KEY"] } }]]) },
    ],
    ["a token profile holding a setup-token", "{}", { stores: storeWith(`    "anthropic:default": { "type": "token", "provider": "anthropic", "token": "${TOKEN}" }`) }],
    ["a process API key", "{}", { env: { ANTHROPIC_API_KEY: KEY } }],
  ];
  it.each(valid)("valid: %s", (_name, source, options) => {
    expect(findings(setupTokenAsApiKey, source, options)).toEqual([]);
  });

  const literal = (name: string) => `error ${name} holds a Claude setup-token, not an API key.`;
  const invalid: [string, string, RuleRunOptions, string[]][] = [
    ["literal in the env block", `{ env: { ANTHROPIC_API_KEY: "${TOKEN}" } }`, {}, [`1:29-1:${29 + TOKEN.length + 2} ${literal("ANTHROPIC_API_KEY")}`]],
    ["literal in env.vars", `{ env: { vars: { ANTHROPIC_API_KEY: '${TOKEN}' } } }`, {}, [`1:37-1:${37 + TOKEN.length + 2} ${literal("ANTHROPIC_API_KEY")}`]],
    ["a cut-off token is still a setup-token", `{ env: { ANTHROPIC_API_KEY: "sk-ant-oat01-abc" } }`, {}, [`1:29-1:47 ${literal("ANTHROPIC_API_KEY")}`]],
    [
      "literal in a provider apiKey",
      `{\n  models: {\n    providers: {\n      anthropic: { apiKey: "${TOKEN}" },\n      "my proxy": { apiKey: "${TOKEN}" },\n    },\n  },\n}`,
      {},
      [`4:28-4:${28 + TOKEN.length + 2} ${literal("models.providers.anthropic.apiKey")}`, `5:29-5:${29 + TOKEN.length + 2} ${literal('models.providers["my proxy"].apiKey')}`],
    ],
    [
      "a reference resolved through an env file",
      `{ env: { ANTHROPIC_API_KEY: "\${CLAUDE_TOKEN}" } }`,
      { env: fromEnvFile("CLAUDE_TOKEN", TOKEN, "/home/u/.openclaw/.env", 2) },
      ["1:29-1:46 error ANTHROPIC_API_KEY is set to ${CLAUDE_TOKEN}, which holds a Claude setup-token (from /home/u/.openclaw/.env line 2), not an API key."],
    ],
    [
      "a provider reference resolved through the process environment is reported once",
      `{ models: { providers: { anthropic: { apiKey: "\${ANTHROPIC_API_KEY}" } } } }`,
      { env: { ANTHROPIC_API_KEY: TOKEN } },
      ["1:47-1:69 error models.providers.anthropic.apiKey is set to ${ANTHROPIC_API_KEY}, which holds a Claude setup-token (from the process environment), not an API key."],
    ],
    [
      "ANTHROPIC_API_KEY in an env file",
      "{}",
      { env: fromEnvFile("ANTHROPIC_API_KEY", TOKEN, ".env", 3) },
      ["3:1-3:18 error ANTHROPIC_API_KEY in .env line 3 holds a Claude setup-token, not an API key."],
    ],
    [
      "ANTHROPIC_API_KEY in the process environment",
      "{}",
      { env: { ANTHROPIC_API_KEY: TOKEN } },
      ["1:1-1:1 error ANTHROPIC_API_KEY in the process environment holds a Claude setup-token, not an API key."],
    ],
    [
      "an api_key profile holding a setup-token",
      "{}",
      { stores: storeWith(`    "anthropic:default": { "type": "api_key", "provider": "anthropic", "key": "${TOKEN}" }`) },
      ['4:5-4:24 error Profile "anthropic:default" is of type api_key but holds a Claude setup-token.'],
    ],
  ];
  it.each(invalid)("invalid: %s", (_name, source, options, expected) => {
    expect(findings(setupTokenAsApiKey, source, options)).toEqual(expected);
  });

  it("says why and what to do, and never prints the token", () => {
    const run = runRule(setupTokenAsApiKey, `{ env: { ANTHROPIC_API_KEY: "${TOKEN}" } }`);
    const [finding] = run.diagnostics;
    expect(finding?.notes).toEqual([WHY, WHAT]);
    expect(finding?.path).toEqual(["env", "ANTHROPIC_API_KEY"]);
    expect(JSON.stringify(run.diagnostics)).not.toContain(TOKEN.slice(13, 30));
  });

  it("reports findings in an env file or a store at that file", () => {
    const envRun = runRule(setupTokenAsApiKey, "{}", { env: fromEnvFile("ANTHROPIC_API_KEY", TOKEN, ".env", 3) });
    expect(envRun.diagnostics.map((d) => `${d.file} ${describeFinding(d)}`)).toEqual([
      ".env 3:1-3:18 error ANTHROPIC_API_KEY in .env line 3 holds a Claude setup-token, not an API key.",
    ]);
    const storeRun = runRule(setupTokenAsApiKey, "{}", {
      stores: storeWith(`    "anthropic:x": { "type": "api_key", "provider": "anthropic", "key": "${TOKEN}" }`, "/s/auth-profiles.json"),
    });
    expect(storeRun.diagnostics.map((d) => [d.file, d.path, d.notes?.[1]])).toEqual([
      ["/s/auth-profiles.json", ["profiles", "anthropic:x"], "Store the setup-token as a `token` profile instead: `openclaw models auth paste-token --provider anthropic` writes it that way."],
    ]);
    expect(JSON.stringify(storeRun.diagnostics)).not.toContain(TOKEN.slice(13, 30));
  });

  it.each(MALFORMED_SECTIONS)("ignores malformed sections: %s", (_name, source) => {
    expect(findings(setupTokenAsApiKey, source, { env: { ANTHROPIC_API_KEY: KEY } })).toEqual([]);
  });
});
