import { deleteLegacyTtl, migrateLegacyTtl } from "../model/cache-fixes.js";
import { findCacheBags } from "../model/params-bags.js";
import { LEGACY_TTL_KEY, RETENTION_KEY, isRetention, legacyTtlRetention } from "../model/prompt-cache.js";
import type { LintContext } from "./context.js";
import { defineRule } from "./rule.js";

/** The legacy `params.cacheControlTtl`; the fix rewrites it to `cacheRetention`. */
export const deprecatedCacheTtl = defineRule<LintContext>({
  meta: {
    id: "deprecated-cache-ttl",
    description: "cacheControlTtl is deprecated; use cacheRetention.",
    defaultSeverity: "warning",
    fixable: "fix",
    docs: {
      checks:
        'Every `cacheControlTtl` in a `params` bag whose value OpenClaw understands (`"5m"` or `"1h"`). Other values are reported by ' +
        "`invalid-cache-ttl`, and a legacy key that disagrees with a `cacheRetention` beside it by `conflicting-cache-settings`.",
      why:
        "OpenClaw reads `cacheControlTtl` only as a fallback when no `cacheRetention` applies, and its API-key defaults add one " +
        '(`"short"`) to Anthropic models, so a legacy `"1h"` can silently run as 5 minutes. `cacheRetention` is the supported key.',
      invalid: '{\n  agents: {\n    defaults: {\n      models: {\n        "anthropic/claude-opus-4-6": { params: { cacheControlTtl: "1h" } },\n      },\n    },\n  },\n}',
      valid: '{\n  agents: {\n    defaults: {\n      models: {\n        "anthropic/claude-opus-4-6": { params: { cacheRetention: "long" } },\n      },\n    },\n  },\n}',
      fix:
        '`lint --fix` (or `openclaw-config migrate --write`) renames the key to `cacheRetention` and maps the value: `"5m"` becomes `"short"`, ' +
        '`"1h"` becomes `"long"`. When a `cacheRetention` with the same meaning is already there, the redundant legacy key is deleted. ' +
        "Comments, quotes and key order are kept.",
    },
  },
  check(context) {
    for (const bag of findCacheBags(context.config, context.sourceMap)) {
      if (!Object.hasOwn(bag.params, LEGACY_TTL_KEY)) continue;
      const ttl = bag.params[LEGACY_TTL_KEY];
      const meant = legacyTtlRetention(ttl);
      if (!meant) continue;
      const path = [...bag.path, LEGACY_TTL_KEY];
      const hasRetention = Object.hasOwn(bag.params, RETENTION_KEY);
      const retention = bag.params[RETENTION_KEY];
      // A disagreeing pair is conflicting-cache-settings' finding.
      if (isRetention(retention) && retention !== meant) continue;
      if (isRetention(retention)) {
        const fix = deleteLegacyTtl(context.origin, path, "Delete the redundant cacheControlTtl");
        context.report({
          path,
          part: "key",
          message: `cacheControlTtl is deprecated and redundant: cacheRetention is already "${meant}" here.`,
          notes: ["OpenClaw uses cacheRetention when both are set, so the legacy key changes nothing.", "Delete cacheControlTtl (lint --fix does this)."],
          ...(fix ? { fix } : {}),
        });
        continue;
      }
      const fix = hasRetention ? undefined : migrateLegacyTtl(context.origin, path);
      context.report({
        path,
        part: "key",
        message: `cacheControlTtl is deprecated; use cacheRetention: "${meant}".`,
        notes: [
          "OpenClaw reads cacheControlTtl only when no cacheRetention applies, and under API-key auth its own defaults set one, so a legacy TTL can be silently ignored.",
          hasRetention
            ? `Correct the invalid cacheRetention beside it to "${meant}" and delete cacheControlTtl.`
            : `Rename it to cacheRetention with the value "${meant}"${fix ? " (lint --fix or openclaw-config migrate --write does this)" : ""}.`,
        ],
        ...(fix ? { fix } : {}),
      });
    }
  },
});
