import { isAnthropicProvider } from "../auth/mode.js";
import { replaceString } from "../document/edits.js";
import { BETA_HEADER, CACHE_BETA_FLAG, betaFlags, describeHeaderOwner, findBetaHeaderOverrides } from "../model/anthropic-beta-headers.js";
import type { BetaHeaderOverride } from "../model/anthropic-beta-headers.js";
import type { LintContext } from "./context.js";
import { defineRule } from "./rule.js";

/** An `anthropic-beta` header override that drops the extended cache TTL beta. */
export const missingCacheBetaFlag = defineRule<LintContext>({
  meta: {
    id: "missing-cache-beta-flag",
    description: `An anthropic-beta header override lacks ${CACHE_BETA_FLAG}.`,
    defaultSeverity: "error",
    fixable: "fix",
    docs: {
      checks:
        `Every \`anthropic-beta\` header (the name in any case) in \`models.providers.<id>.headers\` or in a model definition's \`headers\`, ` +
        `for providers where Anthropic prompt caching applies: the provider \`anthropic\`, and any provider or model whose \`api\` is ` +
        `\`"anthropic-messages"\`. The value is a comma-separated list of beta flags; the rule reports it when \`${CACHE_BETA_FLAG}\` is not one of them. ` +
        "Values that contain a `${VAR}` reference are not checked. Under subscription auth the `anthropic` provider's override is " +
        "reported by `oauth-beta-override` instead.",
      why:
        `OpenClaw sends \`${CACHE_BETA_FLAG}\` with Anthropic API requests. A header override replaces OpenClaw's beta list instead of adding ` +
        'to it, so without the flag Anthropic no longer accepts the 1-hour cache and `cacheRetention: "long"` silently stops working.',
      invalid: `{\n  models: {\n    providers: {\n      anthropic: {\n        headers: { "anthropic-beta": "context-1m-2025-08-07" },\n      },\n    },\n  },\n}`,
      valid: `{\n  models: {\n    providers: {\n      anthropic: {\n        headers: { "anthropic-beta": "context-1m-2025-08-07,${CACHE_BETA_FLAG}" },\n      },\n    },\n  },\n}`,
      fix: `Append \`${CACHE_BETA_FLAG}\` to the comma-separated list; \`lint --fix\` does this and keeps the value's quotes and separator style. Or delete the header if you added it only for the cache.`,
    },
  },
  check(context) {
    for (const header of findBetaHeaderOverrides(context.config)) {
      if (!cachingApplies(header, context)) continue;
      if (typeof header.value !== "string" || header.value.includes("${")) continue;
      if (betaFlags(header.value).includes(CACHE_BETA_FLAG)) continue;
      const origin = context.origin(header.path);
      context.report({
        path: header.path,
        message: `The ${BETA_HEADER} header of ${describeHeaderOwner(header)} does not include ${CACHE_BETA_FLAG}.`,
        notes: [
          `This header replaces the beta list OpenClaw sends to Anthropic, so ${CACHE_BETA_FLAG} is dropped and 1-hour prompt caching (cacheRetention "long") stops working.`,
          `Append ${CACHE_BETA_FLAG} to the comma-separated list (lint --fix does this).`,
        ],
        ...(origin
          ? { fix: { description: `Append ${CACHE_BETA_FLAG} to the ${BETA_HEADER} header`, edits: [replaceString(origin.doc, origin.node, withCacheFlag(header.value))] } }
          : {}),
      });
    }
  },
});

/** Anthropic caching applies to provider `anthropic` and to the `anthropic-messages` protocol. */
function cachingApplies(header: BetaHeaderOverride, context: LintContext): boolean {
  if (isAnthropicProvider(header.providerId)) {
    // Under subscription auth caching is off and the override breaks OAuth: oauth-beta-override reports it.
    return context.auth.mode !== "subscription";
  }
  return header.api === "anthropic-messages";
}

/** The value with the flag appended, following the user's separator (`a,b` or `a, b`). */
function withCacheFlag(value: string): string {
  const trimmed = value.replace(/[\s,]+$/, "");
  if (trimmed.trim() === "") return CACHE_BETA_FLAG;
  const separator = /,\s/.test(trimmed) ? ", " : ",";
  return `${trimmed}${separator}${CACHE_BETA_FLAG}`;
}
