import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import { formatPath } from "../diagnostics/diagnostic.js";
import type { ModelParams } from "../rules/context.js";
import { parseConfig } from "../stages/parse.js";
import { computeModelParams, hasProvider, listAgents, listModelUses, normalizeModelRef, parseModelRef } from "./effective-params.js";

/** One (agent, model) as a line: `agent model role [scopes] {merged} sources`. */
function describeUse(use: ModelParams): string {
  const merged = JSON.stringify(Object.fromEntries(Object.entries(use.merged)));
  const sources = [...use.sourceOf].map(([key, path]) => `${key}<-${formatPath(path)}`).join(" ");
  return `${use.agent.id} ${use.model} ${use.role} [${use.layers.map((l) => l.scope).join(",")}] ${merged}${sources ? ` ${sources}` : ""}`;
}

const run = (source: string) => computeModelParams(JSON5.parse(source)).map(describeUse);

describe("computeModelParams", () => {
  const cases: [string, string, string[]][] = [
    ["no agents", "{}", []],
    [
      "defaults: primary, fallbacks, then the catalog keys, each once",
      `{ agents: { defaults: {
          model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-5", "anthropic/claude-opus-4-6"] },
          models: { "openai/gpt-5": {}, "anthropic/claude-haiku-4-5": {} } } } }`,
      [
        "defaults anthropic/claude-opus-4-6 primary [] {}",
        "defaults openai/gpt-5 fallback [] {}",
        "defaults anthropic/claude-haiku-4-5 listed [] {}",
      ],
    ],
    [
      "all four layers, later wins key by key",
      `{ agents: {
          defaults: {
            params: { cacheRetention: "long", temperature: 0.1, maxTokens: 10 },
            models: { "anthropic/claude-opus-4-6": { params: { cacheRetention: "short", temperature: 0.2 } } },
          },
          list: [{ id: "main", model: "anthropic/claude-opus-4-6",
                   models: { "anthropic/claude-opus-4-6": { params: { temperature: 0.3 } } },
                   params: { cacheRetention: "none" } }],
        } }`,
      [
        'defaults anthropic/claude-opus-4-6 listed [defaults.params,defaults.models] {"cacheRetention":"short","temperature":0.2,"maxTokens":10} cacheRetention<-agents.defaults.models["anthropic/claude-opus-4-6"].params.cacheRetention temperature<-agents.defaults.models["anthropic/claude-opus-4-6"].params.temperature maxTokens<-agents.defaults.params.maxTokens',
        'main anthropic/claude-opus-4-6 primary [defaults.params,defaults.models,agent.models,agent.params] {"cacheRetention":"none","temperature":0.3,"maxTokens":10} cacheRetention<-agents.list[0].params.cacheRetention temperature<-agents.list[0].models["anthropic/claude-opus-4-6"].params.temperature maxTokens<-agents.defaults.params.maxTokens',
      ],
    ],
    [
      "aliases of agents.defaults.models resolve (case-insensitively) in model, primary and fallbacks",
      `{ agents: {
          defaults: { model: "Opus", models: { "anthropic/claude-opus-4-6": { alias: "opus" }, "anthropic/claude-sonnet-4-5": { alias: "sonnet" } } },
          entries: { work: { model: { primary: "sonnet", fallbacks: ["opus", "unknown-alias"] } } },
        } }`,
      [
        "defaults anthropic/claude-opus-4-6 primary [] {}",
        "defaults anthropic/claude-sonnet-4-5 listed [] {}",
        "work anthropic/claude-sonnet-4-5 primary [] {}",
        "work anthropic/claude-opus-4-6 fallback [] {}",
        "work unknown-alias fallback [] {}",
      ],
    ],
    [
      "an agent inherits the parts of the defaults' model it does not set",
      `{ agents: {
          defaults: { model: { primary: "anthropic/a", fallbacks: ["openai/b"] } },
          list: [{ id: "x", model: "anthropic/c" }, { id: "y", model: { fallbacks: [] } }, { id: "z" }],
        } }`,
      [
        "defaults anthropic/a primary [] {}",
        "defaults openai/b fallback [] {}",
        "x anthropic/c primary [] {}",
        "x openai/b fallback [] {}",
        "y anthropic/a primary [] {}",
        "z anthropic/a primary [] {}",
        "z openai/b fallback [] {}",
      ],
    ],
    [
      "the agent's own models map adds models and layer 3; spellings of one model are one entry",
      `{ agents: {
          defaults: { model: "Anthropic/claude-x", models: { "anthropic/claude-x": { params: { a: 1 } } } },
          entries: { main: { models: { " anthropic/claude-x ": { params: { b: 2 } }, "google/gemini": { params: { c: 3 } } } } },
        } }`,
      [
        'defaults Anthropic/claude-x primary [defaults.models] {"a":1} a<-agents.defaults.models["anthropic/claude-x"].params.a',
        'main Anthropic/claude-x primary [defaults.models,agent.models] {"a":1,"b":2} a<-agents.defaults.models["anthropic/claude-x"].params.a b<-agents.entries.main.models[" anthropic/claude-x "].params.b',
        'main google/gemini listed [agent.models] {"c":3} c<-agents.entries.main.models["google/gemini"].params.c',
      ],
    ],
    [
      "list entries without an id are named by index; non-object entries are skipped",
      `{ agents: { list: [null, 5, { model: "anthropic/a" }, { id: "", model: "anthropic/b" }] } }`,
      ["list[2] anthropic/a primary [] {}", "list[3] anthropic/b primary [] {}"],
    ],
    [
      "params that are not objects are no layer",
      `{ agents: { defaults: { params: "x", model: "anthropic/a", models: { "anthropic/a": { params: [1] } } }, list: [{ id: "m", params: null }] } }`,
      ["defaults anthropic/a primary [] {}", "m anthropic/a primary [] {}"],
    ],
  ];
  it.each(cases)("%s", (_name, source, expected) => {
    expect(run(source)).toEqual(expected);
    // The lint context's lazy list describes the same uses.
    expect(listModelUses(JSON5.parse(source)).map(describeUse)).toEqual(expected);
  });

  const malformed: [string, unknown][] = [
    ["undefined", undefined],
    ["a string", "agents"],
    ["null", null],
    ["an array", [{ agents: {} }]],
    ["agents is an array", { agents: [] }],
    ["every part has the wrong type", { agents: { defaults: 5, list: "x", entries: [] } }],
    ["selections of the wrong type", { agents: { defaults: { model: { primary: 5, fallbacks: "x" }, models: [] }, list: [{ id: 3, model: [1], models: 7 }] } }],
    ["aliases of the wrong type", { agents: { defaults: { model: "a", models: { "x/y": { alias: 5 }, "x/z": null } } } }],
  ];
  it.each(malformed)("never throws on a malformed config: %s", (_name, config) => {
    expect(() => computeModelParams(config)).not.toThrow();
  });

  it("keeps __proto__ an ordinary key of the merge", () => {
    const parsed = parseConfig('{ agents: { defaults: { model: "anthropic/a", params: { "__proto__": { polluted: true }, x: 1 } } } }', "t.json5");
    const [use] = computeModelParams(parsed.document?.value, parsed.document?.sourceMap);
    expect(Object.keys(use?.merged ?? {})).toEqual(["__proto__", "x"]);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf(use?.merged)).toBeNull();
  });

  it("with a source map, integer-like agent ids keep their source order", () => {
    const parsed = parseConfig('{ agents: { entries: { b: {}, "2": {}, a: {}, "1": {} } } }', "t.json5");
    expect(listAgents(parsed.document?.value, parsed.document?.sourceMap).map((a) => a.ref.id)).toEqual(["defaults", "b", "2", "a", "1"]);
    expect(listAgents(parsed.document?.value).map((a) => a.ref.id)).toEqual(["defaults", "1", "2", "b", "a"]);
  });
});

describe("model references", () => {
  const cases: [string, string, string, string][] = [
    ["anthropic/claude-opus-4-6", "anthropic", "claude-opus-4-6", "anthropic/claude-opus-4-6"],
    [" Anthropic / claude-x ", "anthropic", "claude-x", "anthropic/claude-x"],
    ["openrouter/anthropic/claude-sonnet-4", "openrouter", "anthropic/claude-sonnet-4", "openrouter/anthropic/claude-sonnet-4"],
    ["claude-opus-4-6", "", "claude-opus-4-6", "claude-opus-4-6"],
    ["/x", "", "/x", "/x"],
  ];
  it.each(cases)("%s", (ref, provider, id, normalized) => {
    expect(parseModelRef(ref)).toEqual({ provider, id });
    expect(normalizeModelRef(ref)).toBe(normalized);
    expect(hasProvider(ref, "anthropic")).toBe(provider === "anthropic");
  });

  it.each(["anthropic/x", "Anthropic/x", " anthropic /x", "anthropicx/y", "anthropic", "x/anthropic/y", "/anthropic", "anthropic/", "ANTHROPİC/x"])(
    "hasProvider(%j, anthropic) agrees with parseModelRef",
    (ref) => {
      expect(hasProvider(ref, "anthropic")).toBe(parseModelRef(ref).provider === "anthropic");
    },
  );
});
