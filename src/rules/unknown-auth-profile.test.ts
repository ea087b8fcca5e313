import { describe, expect, it } from "vitest";
import { parseAuthStore } from "../auth/store.js";
import type { AgentStore } from "../auth/store.js";
import type { LintStores } from "./context.js";
import { findings, MALFORMED_SECTIONS, runRule, spanOf } from "./rule-test-kit.js";
import type { RuleRunOptions } from "./rule-test-kit.js";
import { unknownAuthProfile } from "./unknown-auth-profile.js";

/** A store holding `ids` as profiles of their id's provider (api_key, with a placeholder key). */
function agentStore(agent: string, ids: string[]): [string, AgentStore] {
  const file = `/state/agents/${agent}/agent/auth-profiles.json`;
  const profiles = ids.map((id) => `"${id}": { type: "api_key", provider: "${id.split(":")[0]}", key: "k" }`).join(", ");
  const { store } = parseAuthStore(`{ version: 1, profiles: { ${profiles} } }`, file);
  return [agent, { file, diagnostics: [], missing: false, ...(store ? { store } : {}) }];
}

const PROFILES = `profiles: {
      "anthropic:default": { provider: "anthropic", mode: "api_key" },
      "anthropic:work": { provider: "anthropic", mode: "token" },
      "openai:default": { provider: "openai", mode: "api_key" },
    }`;
const config = (order: string) => `{\n  auth: {\n    ${PROFILES},\n    order: ${order},\n  },\n}`;

describe("unknown-auth-profile", () => {
  const valid: [string, string, RuleRunOptions][] = [
    ["no auth section", "{}", {}],
    ["profiles without an order", `{ auth: { ${PROFILES} } }`, {}],
    ["every id defined with its provider", config(`{ anthropic: ["anthropic:work", "anthropic:default"], openai: ["openai:default"] }`), {}],
    ["provider names compared case-insensitively", `{ auth: { profiles: { "a:x": { provider: "Anthropic", mode: "token" } }, order: { anthropic: ["a:x"] } } }`, {}],
    ["an id defined only in the auth store", `{ auth: { order: { anthropic: ["anthropic:cli"] } } }`, { stores: { agents: new Map([agentStore("main", ["anthropic:cli"])]) } }],
    ["every store holds the id", config(`{ anthropic: ["anthropic:default"] }`), { stores: { agents: new Map([agentStore("main", ["anthropic:default"]), agentStore("work", ["anthropic:default"])]) } }],
    ["one agent's store holds the id (agents may use other accounts)", config(`{ anthropic: ["anthropic:default"] }`), { stores: { agents: new Map([agentStore("main", ["anthropic:default"]), agentStore("work", [])]) } }],
    ["non-string entries are left to the schema", `{ auth: { order: { anthropic: [1, null] } } }`, {}],
  ];
  it.each(valid)("valid: %s", (_name, source, options) => {
    expect(findings(unknownAuthProfile, source, options)).toEqual([]);
  });

  const typo = config(`{ anthropic: ["anthropic:wrok"] }`);
  const unknown = config(`{ anthropic: ["team:shared"] }`);
  const foreign = config(`{ openai: ["openai:default", "anthropic:default"] }`);
  const inStores = config(`{ anthropic: ["anthropic:default", "anthropic:work"] }`);
  const invalid: [string, string, RuleRunOptions, string[]][] = [
    ["a typo", typo, {}, [`${spanOf(typo, '"anthropic:wrok"')} error auth.order.anthropic names "anthropic:wrok", which is not defined in auth.profiles.`]],
    ["an id nobody defines", unknown, {}, [`${spanOf(unknown, '"team:shared"')} error auth.order.anthropic names "team:shared", which is not defined in auth.profiles.`]],
    ["a profile of another provider", foreign, {}, [`${spanOf(foreign, '"anthropic:default"', 2)} error auth.order.openai names "anthropic:default", a profile of provider "anthropic".`]],
    [
      "with stores: in none of them",
      inStores,
      { stores: { agents: new Map([agentStore("main", ["anthropic:default"]), agentStore("work", [])]) } },
      [`${spanOf(inStores, '"anthropic:work"', 2)} error auth.order.anthropic names "anthropic:work", which is in none of the auth stores of agents "main" and "work".`],
    ],
    [
      "with one agent store",
      inStores,
      { stores: { agents: new Map([agentStore("main", ["anthropic:work"])]) } },
      [`${spanOf(inStores, '"anthropic:default"', 2)} error auth.order.anthropic names "anthropic:default", which is not in the auth store of agent "main".`],
    ],
    [
      "with --auth-profiles and --state-dir",
      inStores,
      {
        stores: {
          authProfiles: { file: "/tmp/auth-profiles.json", store: agentStore("x", ["anthropic:default"])[1].store },
          agents: new Map([agentStore("main", ["anthropic:default"])]),
        },
      },
      [`${spanOf(inStores, '"anthropic:work"', 2)} error auth.order.anthropic names "anthropic:work", which is in none of the 2 auth stores given.`],
    ],
    [
      "with --auth-profiles: not defined anywhere",
      `{ auth: { order: { anthropic: ["anthropic:gone"] } } }`,
      { stores: { authProfiles: { file: "auth-profiles.json", store: agentStore("x", ["anthropic:here"])[1].store } } },
      ['1:32-1:48 error auth.order.anthropic names "anthropic:gone", which is not defined in auth.profiles or the auth stores.'],
    ],
  ];
  it.each(invalid)("invalid: %s", (_name, source, options, expected) => {
    expect(findings(unknownAuthProfile, source, options)).toEqual(expected);
  });

  const notes: [string, string, RuleRunOptions, string[]][] = [
    [
      "a typo gets a did-you-mean",
      typo,
      {},
      ["OpenClaw skips ids it cannot find, so this entry never takes part in picking a credential or failing over.", 'Did you mean "anthropic:work"?'],
    ],
    [
      "an unknown id without stores points at --state-dir",
      unknown,
      {},
      [
        "OpenClaw skips ids it cannot find, so this entry never takes part in picking a credential or failing over.",
        "Correct the id, define the profile in auth.profiles, or remove it; if it exists only in an agent's auth-profiles.json, pass --state-dir to check there.",
      ],
    ],
    [
      "a profile of another provider",
      foreign,
      {},
      ["OpenClaw skips profiles of another provider in auth.order.openai, so this entry is never used.", 'Move it to auth.order.anthropic, or list a profile of provider "openai" here.'],
    ],
    [
      "missing from the stores",
      inStores,
      { stores: { agents: new Map([agentStore("main", ["anthropic:default"])]) } },
      [
        "OpenClaw reads credentials from each agent's auth-profiles.json and skips an id that no store holds, so this entry never takes part in picking a credential or failing over.",
        "Create the profile in the agent's store (`openclaw agents add <id>` configures an agent's auth), copy it from another agent's auth-profiles.json, or remove the id from the list.",
      ],
    ],
  ];
  it.each(notes)("notes: %s", (_name, source, options, expected) => {
    const [finding] = runRule(unknownAuthProfile, source, options).diagnostics;
    expect(finding?.notes).toEqual(expected);
  });

  it("skips stores that were not found (agent-missing-credentials reports those agents)", () => {
    const stores: LintStores = { agents: new Map([["work", { file: "/state/agents/work/agent/auth-profiles.json", diagnostics: [], missing: true }]]) };
    expect(findings(unknownAuthProfile, config(`{ anthropic: ["anthropic:default"] }`), { stores })).toEqual([]);
  });

  it.each(MALFORMED_SECTIONS)("ignores malformed sections: %s", (_name, source) => {
    expect(findings(unknownAuthProfile, source, { stores: { agents: new Map([agentStore("main", ["anthropic:default"])]) } })).toEqual([]);
  });
});
