import type { CacheEffect } from "../model/prompt-cache.js";
import { LEGACY_TTL_KEY, RETENTION_KEY, cacheEffect, isRetention, legacyTtlRetention, providerCacheEffect } from "../model/prompt-cache.js";
import { findCacheBags } from "../model/params-bags.js";
import type { ParamsBag } from "../model/params-bags.js";
import type { LintContext } from "./context.js";
import { defineRule } from "./rule.js";

/** Cache settings on a model (or provider) where OpenClaw never applies prompt caching. */
export const ineffectiveCacheRetention = defineRule<LintContext>({
  meta: {
    id: "ineffective-cache-retention",
    description: "Cache settings on a model where prompt caching has no effect.",
    defaultSeverity: "warning",
    fixable: "none",
    docs: {
      checks:
        "A valid `cacheRetention` or `cacheControlTtl` in params that belong to one model (`agents.defaults.models[ref].params`, an agent's " +
        "`models[ref].params`, a provider model definition's `params`) or to one provider (`models.providers.<id>.params`), when that " +
        "model or provider is not one where OpenClaw applies prompt caching: provider `anthropic` or `anthropic-vertex`, Claude models on " +
        '`amazon-bedrock`, or a provider whose `api` (or the model definition\'s) is `"anthropic-messages"`. Settings in ' +
        "`agents.defaults.params` and an agent's own `params` apply to many models and are not checked.",
      why: "OpenClaw ignores the setting for these models, so it promises a cache that no request gets.",
      invalid: '{\n  agents: {\n    defaults: {\n      models: {\n        "openai/gpt-5": { params: { cacheRetention: "long" } },\n      },\n    },\n  },\n}',
      valid: '{\n  agents: {\n    defaults: {\n      models: {\n        "openai/gpt-5": {},\n        "anthropic/claude-opus-4-6": { params: { cacheRetention: "long" } },\n      },\n    },\n  },\n}',
      fix: "Delete the setting, or move it to the Anthropic model you meant. There is no automatic fix.",
    },
  },
  check(context) {
    for (const bag of findCacheBags(context.config, context.sourceMap)) {
      const target = targetOf(bag);
      if (!target) continue;
      const effect = effectOn(bag, context.config);
      if (effect.effective) continue;
      for (const key of [RETENTION_KEY, LEGACY_TTL_KEY] as const) {
        if (!Object.hasOwn(bag.params, key)) continue;
        const value = bag.params[key];
        // Invalid values are invalid-cache-retention's and invalid-cache-ttl's findings.
        if (key === RETENTION_KEY ? !isRetention(value) : !legacyTtlRetention(value)) continue;
        context.report({
          path: [...bag.path, key],
          part: "key",
          message: `${key} has no effect on ${target}.`,
          notes: [`${capitalize(effect.reason)}.`, "Delete it, or move it to the Anthropic model you meant."],
        });
      }
    }
  },
});

/** What a bag's settings are about: `model openai/gpt-5` or `provider "openai"`; undefined for bags of many models. */
function targetOf(bag: ParamsBag): string | undefined {
  if (bag.scope === "provider.params") return bag.provider === undefined ? undefined : `provider ${JSON.stringify(bag.provider)}`;
  if (bag.scope === "defaults.params" || bag.scope === "agent.params" || bag.model === undefined) return undefined;
  // Without a provider part the reference is not `provider/model`; invalid-model-ref reports that.
  return bag.model.includes("/") ? bag.model : undefined;
}

function effectOn(bag: ParamsBag, config: unknown): CacheEffect {
  return bag.scope === "provider.params" ? providerCacheEffect(bag.provider as string, config) : cacheEffect(bag.model as string, config);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
