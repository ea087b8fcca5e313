import { describe, expect, it } from "vitest";
import type { LintInputs } from "./lint-context.js";
import { configuredAgentIds, prepareLintContext } from "./lint-context.js";
import { parseConfig } from "./parse.js";

function prepare(source: string, inputs: LintInputs = {}) {
  const doc = parseConfig(source, "openclaw.json5").document;
  if (!doc) throw new Error("test source does not parse");
  return prepareLintContext(doc.value, doc.sourceMap, inputs);
}

const TOKEN_STORE = '{ "version": 1, "profiles": { "anthropic:sub": { "type": "token", "provider": "anthropic", "token": "t" } } }';
const KEY_STORE = '{ "version": 1, "profiles": { "anthropic:default": { "type": "api_key", "provider": "anthropic", "key": "k" } } }';

describe("prepareLintContext", () => {
  // [name, config, inputs, mode, what decided]
  const auth: [string, string, LintInputs, string, string][] = [
    ["nothing", "{}", {}, "unknown", "none"],
    ["the config's env block", '{ env: { ANTHROPIC_API_KEY: "${KEY}" } }', {}, "api-key", "env"],
    ["an env file", "{}", { envFiles: [{ file: ".env", text: "ANTHROPIC_OAUTH_TOKEN=x\n" }] }, "subscription", "env"],
    ["the process environment only when given", "{}", { processEnv: { ANTHROPIC_API_KEY: "k" } }, "api-key", "env"],
    ["--auth-profiles", "{}", { authProfiles: { file: "auth-profiles.json", text: TOKEN_STORE } }, "subscription", "store"],
    ["--auth wins", "{}", { auth: "api-key", authProfiles: { file: "auth-profiles.json", text: TOKEN_STORE } }, "api-key", "flag"],
    ["--auth auto detects", "{}", { auth: "auto", envFiles: [{ file: ".env", text: "ANTHROPIC_API_KEY=k\n" }] }, "api-key", "env"],
    [
      "the agents' stores of --state-dir",
      "{ agents: { list: [{ id: 'main' }] } }",
      { stateDir: "/state", readFile: (path) => (path === "/state/agents/main/agent/auth-profiles.json" ? KEY_STORE : undefined) },
      "api-key",
      "store",
    ],
  ];
  it.each(auth)("auth from %s", (_name, source, inputs, mode, via) => {
    const { base } = prepare(source, inputs);
    expect([base.auth.mode, base.auth.via]).toEqual([mode, via]);
  });

  it("hands the rules the environment, the models, the stores and the time", () => {
    const { base, diagnostics } = prepare("{ agents: { defaults: { model: 'anthropic/claude-opus-4-6' }, entries: { work: {} } } }", {
      envFiles: [{ file: ".env", text: "A=1\nnot a line\n" }],
      authProfiles: { file: "auth-profiles.json", text: "[]" },
      stateDir: "/state",
      readFile: () => undefined,
      now: 42,
    });
    expect(base.env.get("A")?.value).toBe("1");
    expect(base.models.map((m) => `${m.agent.id} ${m.model}`)).toEqual(["defaults anthropic/claude-opus-4-6", "work anthropic/claude-opus-4-6"]);
    expect([...(base.stores.agents?.keys() ?? [])]).toEqual(["work"]);
    expect(base.stores.agents?.get("work")?.missing).toBe(true);
    expect(base.stores.authProfiles?.file).toBe("auth-profiles.json");
    expect(base.now).toBe(42);
    // Problems of the side inputs come back with their own file names.
    expect(diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual([".env env-file/invalid-line", "auth-profiles.json auth-store/root-not-object"]);
  });
});

describe("configuredAgentIds", () => {
  const cases: [string, unknown, string[]][] = [
    ["no agents: the implicit main agent", {}, ["main"]],
    ["list ids, then entries keys", { agents: { list: [{ id: "a" }, { id: "b" }], entries: { c: {} } } }, ["a", "b", "c"]],
    ["list entries without a usable id are skipped", { agents: { list: [{}, { id: "" }, { id: 5 }, { id: "x" }] } }, ["x"]],
    ["malformed agents", { agents: "x" }, ["main"]],
  ];
  it.each(cases)("%s", (_name, config, ids) => {
    expect(configuredAgentIds(config)).toEqual(ids);
  });
});
