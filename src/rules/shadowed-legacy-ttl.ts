import { formatPath } from "../diagnostics/diagnostic.js";
import { migrateLegacyTtl } from "../model/cache-fixes.js";
import { LEGACY_TTL_KEY, describeActualRuns, findShadowedRetentions, groupByIntendedKey, isGlobalParamsKey } from "../model/prompt-cache.js";
import type { LintContext } from "./context.js";
import { defineRule } from "./rule.js";

/** Under API-key auth, a legacy-only cacheControlTtl that OpenClaw overrides with its own cacheRetention. */
export const shadowedLegacyTtl = defineRule<LintContext>({
  meta: {
    id: "shadowed-legacy-ttl",
    description: "Under API-key auth OpenClaw overrides a legacy cacheControlTtl (a 1-hour TTL runs as 5 minutes).",
    defaultSeverity: "warning",
    fixable: "fix",
    docs: {
      checks:
        "Only when the Anthropic auth mode is API key. For each agent and Anthropic model, the `cacheControlTtl` that should decide " +
        "the model's cache (no valid `cacheRetention` at its level or above) but that OpenClaw overrides: its API-key defaults add " +
        '`cacheRetention: "short"` to each Anthropic model of `agents.defaults.models` (and the primary model) that has no ' +
        "`cacheRetention` string, and OpenClaw prefers any `cacheRetention` in the merged params, even one set at a lower level, over " +
        "`cacheControlTtl`. A legacy key in `agents.defaults.params` is `shadowed-global-retention`'s finding.",
      why:
        'OpenClaw seeds the API-key default by checking only whether `cacheRetention` is already a string, so a model with just `cacheControlTtl: "1h"` ' +
        'gets `cacheRetention: "short"` and silently loses its 1-hour cache. This tool migrates the legacy key first and keeps `"long"`; ' +
        "OpenClaw itself downgrades the file until it is migrated.",
      invalid: '{\n  env: { ANTHROPIC_API_KEY: "${ANTHROPIC_API_KEY}" },\n  agents: {\n    defaults: {\n      models: {\n        "anthropic/claude-opus-4-6": { params: { cacheControlTtl: "1h" } },\n      },\n    },\n  },\n}',
      valid: '{\n  env: { ANTHROPIC_API_KEY: "${ANTHROPIC_API_KEY}" },\n  agents: {\n    defaults: {\n      models: {\n        "anthropic/claude-opus-4-6": { params: { cacheRetention: "long" } },\n      },\n    },\n  },\n}',
      fix:
        '`lint --fix` applies the migration: `cacheControlTtl: "1h"` becomes `cacheRetention: "long"` (and `"5m"` becomes `"short"`) in place, ' +
        "so OpenClaw's default no longer applies and the key outranks lower levels as intended.",
    },
  },
  check(context) {
    if (context.auth.mode !== "api-key") return;
    const found = findShadowedRetentions(context.config, context.models).filter(
      (item) => item.intended.key === LEGACY_TTL_KEY && !isGlobalParamsKey(item.intended.path),
    );
    for (const group of groupByIntendedKey(found)) {
      const first = group[0];
      if (!first) continue;
      const path = first.intended.path;
      const ttl = first.use.layers.find((l) => formatPath([...l.path, LEGACY_TTL_KEY]) === formatPath(path))?.params[LEGACY_TTL_KEY];
      const seeded = group.some((item) => item.actual.source === "seeded");
      const lower = group.find((item) => item.actual.source === "config" && item.actual.path);
      const causes: string[] = [];
      if (seeded) {
        causes.push(
          'Under API-key auth OpenClaw adds cacheRetention "short" to each Anthropic model in agents.defaults.models (and the primary model) whose params have no cacheRetention, and cacheRetention outranks cacheControlTtl.',
        );
      }
      if (lower?.actual.path) {
        causes.push(
          `OpenClaw merges params key by key and then prefers cacheRetention over cacheControlTtl, so cacheRetention "${lower.actual.value}" at ${formatPath(lower.actual.path)} wins although it is set at a lower level.`,
        );
      }
      const fix = migrateLegacyTtl(context.origin, path);
      context.report({
        path,
        message: `cacheControlTtl ${JSON.stringify(ttl)} (cacheRetention "${first.intended.value}") is lost under API-key auth: OpenClaw runs ${describeActualRuns(group)}.`,
        notes: [
          ...causes,
          `Write cacheRetention: "${first.intended.value}" here instead (lint --fix or openclaw-config migrate --write does this); this tool's resolved config already reads it that way.`,
        ],
        ...(fix ? { fix } : {}),
      });
    }
  },
});
