import type { KeyPath } from "../diagnostics/diagnostic.js";
import { normalizeModelRef } from "../model/effective-params.js";
import { LEGACY_TTL_KEY, RETENTION_KEY, cacheEffect, isRetention, legacyTtlRetention, listModels, showValue } from "../model/prompt-cache.js";
import type { LintContext } from "./context.js";
import { defineRule } from "./rule.js";

/** Under subscription-only auth, cache settings that apply to Anthropic models are dead configuration. */
export const subscriptionCacheSettings = defineRule<LintContext>({
  meta: {
    id: "subscription-cache-settings",
    description: "Cache settings on Anthropic models have no effect under subscription auth (setup-token or OAuth).",
    defaultSeverity: "error",
    fixable: "none",
    docs: {
      checks:
        "Only when the Anthropic auth mode is subscription (a Claude setup-token or OAuth). Every `cacheRetention` or " +
        '`cacheControlTtl` that asks for a cache (`"short"`, `"long"`, `"5m"`, `"1h"`; `"none"` asks for what a subscription does anyway) ' +
        "in a params bag that an `anthropic/*` model of some agent reads (`agents.defaults.params`, " +
        "`agents.defaults.models[ref].params`, an agent's `models[ref].params` and `params`). A key that also takes effect for a model " +
        "outside Anthropic's own auth (Claude on `amazon-bedrock`, a custom `anthropic-messages` provider) is not reported.",
      why:
        "Prompt caching is an API-key feature: OpenClaw does not honour cache settings for requests made with a subscription, so the " +
        "setting is dead configuration that suggests a cache you do not get.",
      invalid:
        '{\n  auth: {\n    profiles: { "anthropic:default": { provider: "anthropic", mode: "token" } },\n  },\n  agents: {\n    defaults: {\n' +
        '      models: { "anthropic/claude-opus-4-6": { params: { cacheRetention: "long" } } },\n    },\n  },\n}',
      valid:
        '{\n  auth: {\n    profiles: { "anthropic:default": { provider: "anthropic", mode: "token" } },\n  },\n  agents: {\n    defaults: {\n' +
        '      models: { "anthropic/claude-opus-4-6": {} },\n    },\n  },\n}',
      fix: "Delete the setting, or switch Anthropic auth to an API key (`ANTHROPIC_API_KEY` or an `api_key` auth profile) if you want prompt caching. There is no automatic fix: which one you want is your call.",
    },
  },
  check(context) {
    if (context.auth.mode !== "subscription") return;
    const dead = new Map<string, { path: KeyPath; value: unknown; models: string[] }>();
    const alive = new Set<string>();
    for (const use of context.models) {
      const subscription = use.provider === "anthropic";
      if (!subscription && !cacheEffect(use.model, context.config).effective) continue;
      for (const layer of use.layers) {
        for (const key of [RETENTION_KEY, LEGACY_TTL_KEY] as const) {
          if (!Object.hasOwn(layer.params, key)) continue;
          const value = layer.params[key];
          // "none" asks for what a subscription does anyway; invalid values are the invalid-* rules' findings.
          const retention = key === RETENTION_KEY ? (isRetention(value) ? value : undefined) : legacyTtlRetention(value);
          if (retention === undefined || retention === "none") continue;
          const path = [...layer.path, key];
          const id = JSON.stringify(path);
          if (!subscription) {
            alive.add(id);
            continue;
          }
          const entry = dead.get(id) ?? { path, value, models: [] };
          if (!entry.models.some((m) => normalizeModelRef(m) === normalizeModelRef(use.model))) entry.models.push(use.model);
          dead.set(id, entry);
        }
      }
    }
    for (const [id, { path, value, models }] of dead) {
      if (alive.has(id)) continue;
      const key = path.at(-1) as string;
      context.report({
        path,
        part: "key",
        message: `${key} ${showValue(value)} on ${listModels(models)} has no effect: Anthropic auth is a subscription (setup-token or OAuth), which does not use prompt caching.`,
        notes: [
          `The auth mode was decided because ${context.auth.source}.`,
          "Prompt caching is an API-key feature, so this setting is dead configuration.",
          "Delete it, or authenticate with an Anthropic API key (ANTHROPIC_API_KEY or an api_key auth profile) if you want prompt caching.",
        ],
      });
    }
  },
});
