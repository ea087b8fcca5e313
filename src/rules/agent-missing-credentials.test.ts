import { describe, expect, it } from "vitest";
import { parseAuthStore } from "../auth/store.js";
import type { AgentStore } from "../auth/store.js";
import { computeModelParams } from "../model/effective-params.js";
import { agentMissingCredentials } from "./agent-missing-credentials.js";
import type { LintStores } from "./context.js";
import { AGENT, findings, MALFORMED_SECTIONS, modelUse, runRule, spanOf } from "./rule-test-kit.js";
import type { RuleRunOptions } from "./rule-test-kit.js";

const missing = (agent: string): [string, AgentStore] => [agent, { file: `/s/agents/${agent}/agent/auth-profiles.json`, diagnostics: [], missing: true }];
const unreadable = (agent: string): [string, AgentStore] => [agent, { file: `/s/agents/${agent}/agent/auth-profiles.json`, diagnostics: [], missing: false }];
function holding(agent: string, profiles: string): [string, AgentStore] {
  const file = `/s/agents/${agent}/agent/auth-profiles.json`;
  const { store } = parseAuthStore(`{ version: 1, profiles: { ${profiles} } }`, file);
  return [agent, { file, diagnostics: [], missing: false, ...(store ? { store } : {}) }];
}
const stores = (...agents: [string, AgentStore][]): LintStores => ({ agents: new Map(agents) });

const LIST = `{
  agents: {
    defaults: { model: "openai/gpt-5.2" },
    list: [
      { id: "main", default: true },
      { id: "work", model: { primary: "anthropic/claude-sonnet-4-6", fallbacks: ["anthropic/claude-haiku-4-5"] } },
    ],
  },
}`;
const LIST_MODELS = [
  modelUse(AGENT.defaults, "openai/gpt-5.2"),
  modelUse(AGENT.list(0, "main"), "openai/gpt-5.2"),
  modelUse(AGENT.list(1, "work"), "anthropic/claude-sonnet-4-6"),
  modelUse(AGENT.list(1, "work"), "anthropic/claude-haiku-4-5", "fallback"),
];
const ENTRIES = `{ agents: { entries: { ops: { model: "anthropic/claude-opus-4-6" } } } }`;
const DEFAULTS_ONLY = `{ agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6" }, models: { "openai/gpt-5.2": {} } } } }`;

describe("agent-missing-credentials", () => {
  const valid: [string, string, RuleRunOptions][] = [
    ["no --state-dir", LIST, { models: LIST_MODELS }],
    ["the agent's store holds an Anthropic profile", LIST, { models: LIST_MODELS, stores: stores(missing("main"), holding("work", `"anthropic:default": { type: "token", provider: "anthropic", token: "t" }`)) }],
    ["ANTHROPIC_API_KEY is set", LIST, { models: LIST_MODELS, stores: stores(missing("work")), env: { ANTHROPIC_API_KEY: "x" } }],
    ["ANTHROPIC_OAUTH_TOKEN is set", LIST, { models: LIST_MODELS, stores: stores(missing("work")), env: { ANTHROPIC_OAUTH_TOKEN: "x" } }],
    ["the anthropic provider has an apiKey", `{ models: { providers: { anthropic: { apiKey: "\${KEY}" } } } }`, { models: LIST_MODELS, stores: stores(missing("work")), env: { KEY: "k" } }],
    ["the anthropic provider has a secret reference", `{ models: { providers: { anthropic: { apiKey: { source: "env", id: "K" } } } } }`, { models: LIST_MODELS, stores: stores(missing("work")) }],
    ["an agent without Anthropic models", LIST, { models: LIST_MODELS, stores: stores(missing("main")) }],
    [
      "Anthropic only allowed in a models map, not run",
      DEFAULTS_ONLY,
      { models: [modelUse(AGENT.defaults, "openai/gpt-5.2"), modelUse(AGENT.defaults, "anthropic/claude-opus-4-6", "listed")], stores: stores(missing("main")) },
    ],
  ];
  it.each(valid)("valid: %s", (_name, source, options) => {
    expect(findings(agentMissingCredentials, source, options)).toEqual([]);
  });

  const invalid: [string, string, RuleRunOptions, string[]][] = [
    [
      "a list agent with a missing store",
      LIST,
      { models: LIST_MODELS, stores: stores(missing("main"), missing("work")), env: { ANTHROPIC_API_KEY: "  " } },
      [`${spanOf(LIST, '"work"')} error Agent "work" uses anthropic/claude-sonnet-4-6 and 1 more Anthropic model but has no Anthropic credential.`],
    ],
    [
      "an entries agent whose store holds only other providers",
      ENTRIES,
      {
        models: [modelUse(AGENT.entries("ops"), "anthropic/claude-opus-4-6")],
        stores: stores(holding("ops", `"openai:default": { type: "api_key", provider: "openai", key: "k" }, "anthropic:x": { type: "token", provider: "anthropic" }`)),
      },
      [`${spanOf(ENTRIES, "ops")} error Agent "ops" uses anthropic/claude-opus-4-6 but has no Anthropic credential.`],
    ],
    [
      "the implicit main agent of a config without agents",
      DEFAULTS_ONLY,
      { models: [modelUse(AGENT.defaults, "anthropic/claude-opus-4-6")], stores: stores(unreadable("main")) },
      [`${spanOf(DEFAULTS_ONLY, "defaults")} error Agent "main" uses anthropic/claude-opus-4-6 but has no Anthropic credential.`],
    ],
    [
      "the anthropic provider's apiKey refers to a variable that is not set",
      `{ models: { providers: { anthropic: { apiKey: "\${ANTHROPIC_KEY}" } } }, agents: { entries: { ops: {} } } }`,
      { models: [modelUse(AGENT.entries("ops"), "anthropic/claude-opus-4-6")], stores: stores(missing("ops")), env: { ANTHROPIC_KEY: "" } },
      ['1:94-1:97 error Agent "ops" uses anthropic/claude-opus-4-6 but has no Anthropic credential.'],
    ],
  ];
  it.each(invalid)("invalid: %s", (_name, source, options, expected) => {
    expect(findings(agentMissingCredentials, source, options)).toEqual(expected);
  });

  it("says which store and what OpenClaw answers", () => {
    const notes = (entry: [string, AgentStore]) => runRule(agentMissingCredentials, LIST, { models: LIST_MODELS, stores: stores(entry) }).diagnostics[0]?.notes;
    const advice =
      "Auth is per agent and new agents do not inherit the main agent's keys: configure auth for this agent (`openclaw agents add <id>`), copy auth-profiles.json from the main agent's directory, or set ANTHROPIC_API_KEY in ~/.openclaw/.env.";
    const tail = `, and neither ANTHROPIC_API_KEY nor ANTHROPIC_OAUTH_TOKEN is set, so OpenClaw answers 'No API key found for provider "anthropic"' for this agent.`;
    expect(notes(missing("work"))).toEqual([`Its auth store /s/agents/work/agent/auth-profiles.json does not exist${tail}`, advice]);
    expect(notes(unreadable("work"))).toEqual([`Its auth store /s/agents/work/agent/auth-profiles.json could not be read${tail}`, advice]);
    expect(notes(holding("work", ""))).toEqual([`Its auth store /s/agents/work/agent/auth-profiles.json holds no Anthropic profile with a credential${tail}`, advice]);
  });

  it("works on the models the effective-params stage computes", () => {
    const { diagnostics } = runRule(agentMissingCredentials, LIST, { modelsOf: (config) => computeModelParams(config), stores: stores(missing("main"), missing("work")) });
    expect(diagnostics.map((d) => [d.path, d.message])).toEqual([
      [["agents", "list", 1, "id"], 'Agent "work" uses anthropic/claude-sonnet-4-6 and 1 more Anthropic model but has no Anthropic credential.'],
    ]);
  });

  it.each(MALFORMED_SECTIONS)("ignores malformed sections: %s", (_name, source) => {
    expect(findings(agentMissingCredentials, source, { modelsOf: (config) => computeModelParams(config), stores: stores(missing("main")) })).toEqual([]);
  });
});
