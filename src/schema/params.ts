import { z } from "zod";
import { documented } from "./describe.js";

/** Valid values of `params.cacheRetention`. */
export const CACHE_RETENTION_VALUES = ["none", "short", "long"] as const;
/** Valid values of the legacy `params.cacheControlTtl`, with the retention each maps to. */
export const LEGACY_TTL_TO_RETENTION = { "5m": "short", "1h": "long" } as const;

export const cacheRetentionSchema = documented(z.enum(CACHE_RETENTION_VALUES), {
  title: "Prompt cache retention",
  description:
    "How long Anthropic keeps the prompt cache for this model: none (no caching), short (5 minutes) or long (1 hour, extended cache TTL). Honoured only with Anthropic API-key auth.",
  markdown:
    "How long Anthropic keeps the prompt cache for this model.\n\n- `\"none\"`: no prompt caching\n- `\"short\"`: 5-minute cache (OpenClaw's default under API-key auth)\n- `\"long\"`: 1-hour extended cache (sends the `extended-cache-ttl-2025-04-11` beta)\n\nHonoured only with Anthropic **API-key** auth; subscription (setup-token/OAuth) auth ignores it.",
  enumDescriptions: ["No prompt caching.", "5-minute cache (the API-key default).", "1-hour extended cache."],
});

export const cacheControlTtlSchema = documented(z.enum(["5m", "1h"]), {
  title: "Prompt cache TTL (deprecated)",
  description: 'Deprecated: use cacheRetention. "5m" maps to cacheRetention "short", "1h" to "long".',
  markdown:
    '**Deprecated**: use `cacheRetention`.\n\n`"5m"` maps to `cacheRetention: "short"`, `"1h"` to `cacheRetention: "long"`. Any other value is ignored by OpenClaw. Run `openclaw-config migrate --write` to convert.',
  deprecated: true,
  deprecationMessage: 'cacheControlTtl is deprecated: use cacheRetention ("5m" -> "short", "1h" -> "long"). `openclaw-config migrate --write` converts it.',
  enumDescriptions: ['Same as cacheRetention "short" (5 minutes).', 'Same as cacheRetention "long" (1 hour).'],
});

/** A model `params` bag: cache settings are typed, any other provider parameter passes through. */
export const paramsSchema = documented(
  z
    .object({
      cacheRetention: cacheRetentionSchema.optional(),
      cacheControlTtl: cacheControlTtlSchema.optional(),
    })
    .catchall(z.unknown()),
  {
    title: "Model parameters",
    description:
      "Per-model request parameters. Merged key by key, lowest to highest precedence: agents.defaults.params, agents.defaults.models[ref].params, an agent's models[ref].params, an agent's own params.",
  },
);
