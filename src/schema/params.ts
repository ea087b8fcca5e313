import * as z from "zod";
import { documented, lazily } from "./describe.js";

/** Valid values of `params.cacheRetention`. */
export const CACHE_RETENTION_VALUES = ["none", "short", "long"] as const;
/** Valid values of the legacy `params.cacheControlTtl`, with the retention each maps to. */
export const LEGACY_TTL_TO_RETENTION = { "5m": "short", "1h": "long" } as const;

/** A model `params` bag's schema, built on first use (see lazily). */
export const paramsSchema = lazily(() => {
  const cacheRetentionSchema = documented(z.enum(CACHE_RETENTION_VALUES), {
    title: "Prompt cache retention",
    description:
      'How long Anthropic keeps the prompt cache for this model: "none" (no caching), "short" (5 minutes) or "long" (1 hour). Honoured only with Anthropic API-key auth; subscription auth (setup-token or OAuth) ignores it.',
    markdown: [
      "How long Anthropic keeps the prompt cache for this model.",
      "",
      '- `"none"`: no prompt caching',
      '- `"short"`: 5-minute cache; OpenClaw sets it on every Anthropic model that has no value under API-key auth',
      '- `"long"`: 1-hour extended cache (OpenClaw sends the `extended-cache-ttl-2025-04-11` beta flag)',
      "",
      'Nothing else is valid: `"standard"` is **not** an alias of `"short"`.',
      "",
      "Takes effect with Anthropic **API-key** auth on `anthropic/*` (and `anthropic-vertex/*`) models, and when set explicitly on Claude models of `amazon-bedrock` or of a custom provider whose `api` is `\"anthropic-messages\"`. Subscription auth (setup-token or OAuth) ignores it.",
    ].join("\n"),
    enumDescriptions: [
      "No prompt caching.",
      "5-minute cache. OpenClaw's default for Anthropic models under API-key auth.",
      "1-hour extended cache (`extended-cache-ttl-2025-04-11` beta).",
    ],
  });

  const cacheControlTtlSchema = documented(z.enum(["5m", "1h"]), {
    title: "Prompt cache TTL (deprecated)",
    description:
      'Deprecated: use cacheRetention. "5m" means cacheRetention "short", "1h" means "long"; any other value is ignored. When both are set, cacheRetention wins.',
    markdown: [
      "**Deprecated**: use `cacheRetention`.",
      "",
      '`"5m"` means `cacheRetention: "short"`, `"1h"` means `cacheRetention: "long"`; OpenClaw ignores any other value. When both keys are set, `cacheRetention` wins.',
      "",
      'Under API-key auth OpenClaw adds `cacheRetention: "short"` to Anthropic models that have only `cacheControlTtl`, so a legacy `"1h"` silently runs as 5 minutes. `openclaw-config migrate --write` rewrites it to `cacheRetention`.',
    ].join("\n"),
    deprecated: true,
    deprecationMessage:
      'cacheControlTtl is deprecated: use cacheRetention ("5m" -> "short", "1h" -> "long"). Run `openclaw-config migrate --write` to convert it.',
    enumDescriptions: ['Same as `cacheRetention: "short"` (5 minutes).', 'Same as `cacheRetention: "long"` (1 hour).'],
    doNotSuggest: true,
  });

  /** A model `params` bag: cache settings are typed, any other provider parameter passes through. */
  return documented(
    z
      .object({
        cacheRetention: cacheRetentionSchema.optional(),
        cacheControlTtl: cacheControlTtlSchema.optional(),
      })
      .catchall(z.unknown()),
    {
      title: "Model parameters",
      description:
        "Request parameters for a model. cacheRetention is checked; any other key (temperature, maxTokens, provider options) is passed to the provider as is. Merged key by key, lowest to highest precedence: agents.defaults.params, agents.defaults.models[ref].params, an agent's models[ref].params, an agent's own params.",
      markdown: [
        "Request parameters for a model. `cacheRetention` is checked; any other key (`temperature`, `maxTokens`, provider options) is passed to the provider as is.",
        "",
        "Merged key by key, later wins:",
        "1. `agents.defaults.params`",
        '2. `agents.defaults.models["provider/model"].params`',
        '3. an agent\'s own `models["provider/model"].params`',
        "4. an agent's own `params`",
      ].join("\n"),
    },
  );
});
