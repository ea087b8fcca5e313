import { isAnthropicProvider } from "../auth/mode.js";
import { BETA_HEADER, describeHeaderOwner, findBetaHeaderOverrides } from "../model/anthropic-beta-headers.js";
import type { LintContext } from "./context.js";
import { defineRule } from "./rule.js";

/** An `anthropic-beta` override on the Anthropic provider while auth is subscription (setup-token/OAuth). */
export const oauthBetaOverride = defineRule<LintContext>({
  meta: {
    id: "oauth-beta-override",
    description: "An anthropic-beta header override on the Anthropic provider under subscription auth.",
    defaultSeverity: "error",
    fixable: "none",
    docs: {
      checks:
        "Only when the Anthropic auth mode is subscription (a Claude setup-token or OAuth, as decided from `auth.order`, `auth.profiles`, " +
        "the auth stores, the environment or `--auth subscription`): every `anthropic-beta` header (the name in any case) in " +
        "`models.providers.anthropic.headers` or in the `headers` of one of that provider's model definitions.",
      why:
        "Subscription requests only work with the beta flags OpenClaw adds for them (`oauth-2025-04-20`, `claude-code-20250219`). " +
        "An `anthropic-beta` header replaces OpenClaw's beta list, so those flags are dropped and Anthropic rejects every request with 401.",
      invalid:
        '{\n  auth: { profiles: { "anthropic:default": { provider: "anthropic", mode: "token" } } },\n' +
        '  models: { providers: { anthropic: { headers: { "anthropic-beta": "extended-cache-ttl-2025-04-11" } } } },\n}',
      valid: '{\n  auth: { profiles: { "anthropic:default": { provider: "anthropic", mode: "token" } } },\n  models: { providers: { anthropic: {} } },\n}',
      fix:
        "Delete the `anthropic-beta` header and let OpenClaw send its own beta list. Prompt caching does not apply to subscription auth " +
        "anyway; if you need the header's betas, switch to an Anthropic API key (`ANTHROPIC_API_KEY` or an `api_key` profile).",
    },
  },
  check(context) {
    if (context.auth.mode !== "subscription") return;
    for (const header of findBetaHeaderOverrides(context.config)) {
      if (!isAnthropicProvider(header.providerId)) continue;
      context.report({
        path: header.path,
        part: "key",
        message: `The ${BETA_HEADER} header of ${describeHeaderOwner(header)} replaces the beta flags that subscription auth needs.`,
        notes: [
          `Auth is subscription (${context.auth.source}); OAuth and setup-token requests need the oauth-2025-04-20 and claude-code-20250219 betas that OpenClaw adds, and without them Anthropic answers every request with 401.`,
          "Delete this header, or switch Anthropic to API-key auth if you need these betas.",
        ],
      });
    }
  },
});
