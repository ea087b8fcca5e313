import { findCacheBags } from "../model/params-bags.js";
import { LEGACY_TTL_KEY, RETENTION_KEY, isRetention, legacyTtlRetention, showValue } from "../model/prompt-cache.js";
import type { LintContext } from "./context.js";
import { defineRule } from "./rule.js";

/** The legacy `params.cacheControlTtl` with a value other than "5m" or "1h". */
export const invalidCacheTtl = defineRule<LintContext>({
  meta: {
    id: "invalid-cache-ttl",
    description: 'cacheControlTtl is not "5m" or "1h", so OpenClaw ignores it.',
    defaultSeverity: "error",
    fixable: "none",
    docs: {
      checks:
        'Every legacy `cacheControlTtl` in a `params` bag. OpenClaw understands only `"5m"` (same as `cacheRetention: "short"`) and ' +
        '`"1h"` (same as `"long"`); any other value (`"30m"`, `"5 minutes"`, `3600`) is reported.',
      why: "OpenClaw silently ignores any other value, so the model does not get the cache time you meant, and nothing tells you.",
      invalid: '{\n  agents: {\n    defaults: {\n      models: {\n        "anthropic/claude-sonnet-4-5": { params: { cacheControlTtl: "30m" } },\n      },\n    },\n  },\n}',
      valid: '{\n  agents: {\n    defaults: {\n      models: {\n        "anthropic/claude-sonnet-4-5": { params: { cacheRetention: "long" } },\n      },\n    },\n  },\n}',
      fix:
        'Replace the key with `cacheRetention` and pick `"none"`, `"short"` (5 minutes) or `"long"` (1 hour). There is no automatic fix: ' +
        "a value such as `\"30m\"` lies between the two and only you know which one you want.",
    },
  },
  check(context) {
    for (const bag of findCacheBags(context.config, context.sourceMap)) {
      if (!Object.hasOwn(bag.params, LEGACY_TTL_KEY)) continue;
      const value = bag.params[LEGACY_TTL_KEY];
      if (legacyTtlRetention(value)) continue;
      const retention = bag.params[RETENTION_KEY];
      const todo = isRetention(retention)
        ? `cacheRetention ${JSON.stringify(retention)} beside it already decides: delete cacheControlTtl.`
        : 'cacheControlTtl is deprecated: replace it with cacheRetention "short" (5 minutes) or "long" (1 hour).';
      context.report({
        path: [...bag.path, LEGACY_TTL_KEY],
        message: `Invalid cacheControlTtl ${showValue(value)}: OpenClaw understands only "5m" and "1h".`,
        notes: ["OpenClaw ignores any other value, so this setting has no effect and the model does not get the cache time you meant.", todo],
      });
    }
  },
});
