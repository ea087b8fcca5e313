import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import type { ParamLayer } from "../rules/context.js";
import { computeModelParams } from "./effective-params.js";
import { cacheEffect, effectiveRetention, openClawRetention, providerCacheEffect, readRetention, seededModels } from "./prompt-cache.js";

const layer = (scope: ParamLayer["scope"], params: Record<string, unknown>): ParamLayer => ({ scope, path: [scope], params });

describe("retention of one (agent, model)", () => {
  // [name, layers, seeded, this tool's value@key, OpenClaw's value/source@key]
  const cases: [string, ParamLayer[], boolean, string, string][] = [
    ["nothing set, not seeded", [], false, "-", "-/none"],
    ["nothing set, seeded", [], true, "-", "short/seeded"],
    ["legacy only in the model's params, seeded: OpenClaw downgrades", [layer("defaults.models", { cacheControlTtl: "1h" })], true, "long@defaults.models.cacheControlTtl", "short/seeded"],
    ["legacy only, not seeded: OpenClaw reads it", [layer("defaults.models", { cacheControlTtl: "1h" })], false, "long@defaults.models.cacheControlTtl", "long/config@defaults.models.cacheControlTtl"],
    ["a string cacheRetention stops the seeding", [layer("defaults.models", { cacheRetention: "long" })], true, "long@defaults.models.cacheRetention", "long/config@defaults.models.cacheRetention"],
    [
      "an invalid string also stops the seeding",
      [layer("defaults.models", { cacheRetention: "standard", cacheControlTtl: "1h" })],
      true,
      "long@defaults.models.cacheControlTtl",
      "long/config@defaults.models.cacheControlTtl",
    ],
    ["a global value loses to the seeded model entry", [layer("defaults.params", { cacheRetention: "long" })], true, "long@defaults.params.cacheRetention", "short/seeded"],
    [
      "the seeded entry sits below the agent's layers",
      [layer("defaults.params", { cacheRetention: "none" }), layer("agent.params", { cacheRetention: "long" })],
      true,
      "long@agent.params.cacheRetention",
      "long/config@agent.params.cacheRetention",
    ],
    [
      "migration first: a higher legacy key beats a lower cacheRetention here, not in OpenClaw",
      [layer("defaults.models", { cacheRetention: "short" }), layer("agent.params", { cacheControlTtl: "1h" })],
      false,
      "long@agent.params.cacheControlTtl",
      "short/config@defaults.models.cacheRetention",
    ],
  ];
  it.each(cases)("%s", (_name, layers, seeded, tool, openclaw) => {
    const intended = effectiveRetention(layers);
    expect(intended ? `${intended.value}@${(intended.path ?? []).join(".")}` : "-").toBe(tool);
    const actual = openClawRetention(layers, seeded);
    expect(`${actual.value ?? "-"}/${actual.source}${actual.path ? `@${actual.path.join(".")}` : ""}`).toBe(openclaw);
  });

  it("reads one params bag as OpenClaw does", () => {
    expect(readRetention({ cacheRetention: "long", cacheControlTtl: "5m" })).toEqual({ value: "long", key: "cacheRetention" });
    expect(readRetention({ cacheRetention: "x", cacheControlTtl: "5m" })).toEqual({ value: "short", key: "cacheControlTtl" });
    expect(readRetention({ cacheControlTtl: "30m" })).toBeUndefined();
    expect(readRetention({ ["__proto__"]: "long" })).toBeUndefined();
  });
});

describe("seededModels", () => {
  it("takes Anthropic catalog keys, Claude on Bedrock and the defaults' primary (alias resolved)", () => {
    const config = JSON5.parse(`{ agents: {
      defaults: { model: "opus", models: {
        "anthropic/claude-opus-4-6": { alias: "opus" }, "openai/gpt-5": {},
        "amazon-bedrock/us.anthropic.claude-sonnet-4-5-v1:0": {}, "amazon-bedrock/meta.llama3": {} } },
      list: [{ id: "a", model: "anthropic/claude-haiku-4-5" }] } }`);
    expect([...seededModels(config, computeModelParams(config))]).toEqual(["anthropic/claude-opus-4-6", "amazon-bedrock/us.anthropic.claude-sonnet-4-5-v1:0"]);
    const primaryOnly = JSON5.parse('{ agents: { defaults: { model: { primary: "Anthropic/claude-x" } } } }');
    expect([...seededModels(primaryOnly, computeModelParams(primaryOnly))]).toEqual(["anthropic/claude-x"]);
  });
});

describe("where cache settings take effect", () => {
  const config = JSON5.parse(`{ models: { providers: {
    proxy: { api: "anthropic-messages" },
    gw: { api: "openai-completions", models: [{ id: "claude", api: "anthropic-messages" }, { id: "gpt" }] },
    Mixed: { api: "anthropic-messages" } } } }`);
  const cases: [string, boolean][] = [
    ["anthropic/claude-opus-4-6", true],
    ["anthropic-vertex/claude-opus-4-6", true],
    ["amazon-bedrock/global.anthropic.claude-opus-4-6-v1:0", true],
    ["amazon-bedrock/amazon.nova-pro-v1:0", false],
    ["proxy/anything", true],
    ["gw/claude", true],
    ["gw/gpt", false],
    ["mixed/m", true],
    ["openai/gpt-5", false],
    ["openrouter/anthropic/claude-sonnet-4", false],
  ];
  it.each(cases)("%s: %s", (model, effective) => {
    expect(cacheEffect(model, config).effective).toBe(effective);
  });
  it("provider-wide settings", () => {
    expect(["anthropic", "amazon-bedrock", "gw", "proxy", "openai"].map((p) => providerCacheEffect(p, config).effective)).toEqual([true, true, true, true, false]);
  });
});
