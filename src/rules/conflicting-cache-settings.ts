import type { Fix } from "../diagnostics/diagnostic.js";
import { formatPath } from "../diagnostics/diagnostic.js";
import { replaceString } from "../document/edits.js";
import { cacheMember, deleteLegacyTtl } from "../model/cache-fixes.js";
import { findCacheBags } from "../model/params-bags.js";
import { LEGACY_TTL_KEY, RETENTION_KEY, describeRetention, isRetention, legacyTtlRetention } from "../model/prompt-cache.js";
import type { LintContext, ModelParams } from "./context.js";
import { defineRule } from "./rule.js";

/** `cacheRetention` and the legacy `cacheControlTtl` in one params bag, meaning different things. */
export const conflictingCacheSettings = defineRule<LintContext>({
  meta: {
    id: "conflicting-cache-settings",
    description: "cacheRetention and cacheControlTtl in the same params disagree.",
    defaultSeverity: "warning",
    fixable: "fix",
    docs: {
      checks:
        'A `params` bag that sets both `cacheRetention` and the legacy `cacheControlTtl` to valid values that mean different things, e.g. ' +
        '`cacheRetention: "short"` with `cacheControlTtl: "1h"` (which means `"long"`).',
      why:
        "OpenClaw uses `cacheRetention` when both are set, so the legacy value is dead, and whoever reads the file cannot tell which " +
        "cache time the model really gets.",
      invalid: '{\n  agents: {\n    defaults: {\n      models: {\n        "anthropic/claude-opus-4-6": {\n          params: { cacheRetention: "short", cacheControlTtl: "1h" },\n        },\n      },\n    },\n  },\n}',
      valid: '{\n  agents: {\n    defaults: {\n      models: {\n        "anthropic/claude-opus-4-6": {\n          params: { cacheRetention: "short" },\n        },\n      },\n    },\n  },\n}',
      fix:
        "`lint --fix` deletes `cacheControlTtl`, which keeps what OpenClaw does today. It does so only when a valid `cacheRetention` " +
        "wins for every model that reads this params bag (an invalid `cacheRetention` higher up would let the legacy key through). " +
        "If you meant the legacy value, the suggestion sets `cacheRetention` to it and deletes the legacy key.",
    },
  },
  check(context) {
    let byLayer: Map<string, ModelParams[]> | undefined;
    for (const bag of findCacheBags(context.config, context.sourceMap)) {
      const retention = bag.params[RETENTION_KEY];
      const ttl = bag.params[LEGACY_TTL_KEY];
      const meant = legacyTtlRetention(ttl);
      if (!Object.hasOwn(bag.params, RETENTION_KEY) || !isRetention(retention) || !meant || meant === retention) continue;
      const ttlPath = [...bag.path, LEGACY_TTL_KEY];
      const bagPath = JSON.stringify(bag.path);
      // The legacy key is dead only while a valid cacheRetention wins wherever this bag is merged.
      byLayer ??= usesByLayer(context.models);
      const fallback = byLayer.get(bagPath)?.find((use) => !isRetention(use.merged[RETENTION_KEY]));
      const fallbackPath = fallback?.sourceOf.get(RETENTION_KEY);
      const deletion = deleteLegacyTtl(context.origin, ttlPath, "Delete cacheControlTtl (cacheRetention already wins)");
      const fix = fallback ? undefined : deletion;
      const retentionOrigin = cacheMember(context.origin, [...bag.path, RETENTION_KEY]);
      const suggestion: Fix | undefined =
        retentionOrigin && deletion
          ? {
              description: `Use ${describeRetention(meant)}: set cacheRetention to "${meant}" and delete cacheControlTtl`,
              edits: [replaceString(retentionOrigin.doc, retentionOrigin.node, meant), ...deletion.edits],
            }
          : undefined;
      context.report({
        path: ttlPath,
        part: "key",
        message: `cacheControlTtl ${JSON.stringify(ttl)} disagrees with cacheRetention "${retention}" in the same params; OpenClaw uses cacheRetention.`,
        notes: [
          `The model gets ${describeRetention(retention)}, not ${describeRetention(meant)} that cacheControlTtl ${JSON.stringify(ttl)} asks for.`,
          ...(fallbackPath
            ? [`The invalid cacheRetention at ${formatPath(fallbackPath)} outranks this one for ${fallback?.model}, so there OpenClaw falls back to this cacheControlTtl; it is not deleted automatically.`]
            : []),
          `Delete cacheControlTtl${fix ? " (lint --fix does this)" : ""}, or set cacheRetention to "${meant}" if that is what you meant.`,
        ],
        ...(fix ? { fix } : {}),
        ...(suggestion ? { suggestions: [suggestion] } : {}),
      });
    }
  },
});

/**
 * The (agent, model) pairs whose merge each params bag takes part in, by the bag's JSON path, in
 * the models' order. Made once per run: looking through every model for each disagreeing bag
 * would be quadratic in a config with many models.
 */
function usesByLayer(models: readonly ModelParams[]): Map<string, ModelParams[]> {
  const index = new Map<string, ModelParams[]>();
  for (const use of models) {
    for (const layer of use.layers) {
      const key = JSON.stringify(layer.path);
      const uses = index.get(key);
      if (uses === undefined) index.set(key, [use]);
      // A model lists a bag once, but stay exact if a hand-built one repeats it.
      else if (uses.at(-1) !== use) uses.push(use);
    }
  }
  return index;
}
