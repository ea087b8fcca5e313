import { closestMatch } from "../diagnostics/suggest.js";
import { replaceString } from "../document/edits.js";
import { findCacheBags } from "../model/params-bags.js";
import type { Retention } from "../model/prompt-cache.js";
import { RETENTION_KEY, isRetention, showValue } from "../model/prompt-cache.js";
import { CACHE_RETENTION_VALUES } from "../schema/params.js";
import type { LintContext } from "./context.js";
import { defineRule } from "./rule.js";

// What people write for each retention: other tools' names, the legacy TTL values, switches.
const MEANT: Readonly<Record<string, Retention>> = {
  standard: "short",
  default: "short",
  ephemeral: "short",
  "5m": "short",
  "5min": "short",
  "5 min": "short",
  "5 minutes": "short",
  "short-term": "short",
  true: "short",
  on: "short",
  enabled: "short",
  "1h": "long",
  "60m": "long",
  "1hr": "long",
  "1 hour": "long",
  extended: "long",
  "long-term": "long",
  off: "none",
  disabled: "none",
  false: "none",
  no: "none",
  "0": "none",
};

/** `params.cacheRetention` with a value other than "none", "short" or "long". */
export const invalidCacheRetention = defineRule<LintContext>({
  meta: {
    id: "invalid-cache-retention",
    description: 'cacheRetention is not "none", "short" or "long".',
    defaultSeverity: "error",
    fixable: "suggestion",
    docs: {
      checks:
        "Every `cacheRetention` in a `params` bag (`agents.defaults.params`, `agents.defaults.models[ref].params`, an agent's `params` and " +
        '`models[ref].params`, `models.providers.<id>.params` and provider model definitions). The only valid values are `"none"`, `"short"` ' +
        'and `"long"`; anything else is reported, including `"standard"`, the legacy TTL values `"5m"`/`"1h"`, booleans and numbers.',
      why:
        "OpenClaw does not validate params: it ignores an unknown cacheRetention and falls back to `cacheControlTtl` or its own default, " +
        'so the cache time you wrote never applies. `"standard"` in particular is not an alias of `"short"`.',
      invalid: '{\n  agents: {\n    defaults: {\n      models: {\n        "anthropic/claude-opus-4-6": { params: { cacheRetention: "standard" } },\n      },\n    },\n  },\n}',
      valid: '{\n  agents: {\n    defaults: {\n      models: {\n        "anthropic/claude-opus-4-6": { params: { cacheRetention: "short" } },\n      },\n    },\n  },\n}',
      fix:
        'Use `"none"` (no caching), `"short"` (5 minutes) or `"long"` (1 hour). For common mistakes (`"standard"`, `"5m"`, `"1h"`, `true`, ' +
        "a wrong case) the rule suggests the intended value; suggestions are shown, never applied by `--fix`, because they change what the file means.",
    },
  },
  check(context) {
    for (const bag of findCacheBags(context.config, context.sourceMap)) {
      if (!Object.hasOwn(bag.params, RETENTION_KEY)) continue;
      const value = bag.params[RETENTION_KEY];
      if (isRetention(value)) continue;
      const path = [...bag.path, RETENTION_KEY];
      const meant = intendedRetention(value);
      const origin = context.origin(path);
      context.report({
        path,
        message: `Invalid cacheRetention ${showValue(value)}: expected "none", "short" or "long".`,
        notes: [
          "OpenClaw ignores this value and falls back to cacheControlTtl or its own default, so the cache time written here never applies.",
          adviceFor(value, meant),
        ],
        ...(meant && origin
          ? { suggestions: [{ description: `Replace with "${meant}"`, edits: [replaceString(origin.doc, origin.node, meant)] }] }
          : {}),
      });
    }
  },
});

/** The retention a wrong value most likely meant, when that is clear. */
function intendedRetention(value: unknown): Retention | undefined {
  if (typeof value === "boolean") return value ? "short" : "none";
  if (value === 0) return "none";
  if (typeof value !== "string") return undefined;
  const normalized = value.trim().toLowerCase();
  if (isRetention(normalized)) return normalized;
  if (Object.hasOwn(MEANT, normalized)) return MEANT[normalized];
  return closestMatch(normalized, CACHE_RETENTION_VALUES) as Retention | undefined;
}

function adviceFor(value: unknown, meant: Retention | undefined): string {
  if (typeof value === "string") {
    const normalized = value.trim().toLowerCase();
    if (normalized === "standard") return '"standard" is not an alias of "short": write "short" for the 5-minute cache.';
    if (normalized === "5m" || normalized === "1h") {
      return `${JSON.stringify(value)} is a cacheControlTtl value; the cacheRetention for it is "${meant}".`;
    }
  }
  const values = 'The valid values are "none" (no caching), "short" (5 minutes) and "long" (1 hour).';
  return meant ? `Did you mean "${meant}"? ${values}` : values;
}
