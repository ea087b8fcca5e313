import { z } from "zod";
import { documented } from "./describe.js";

export const AUTH_PROFILE_MODES = ["api_key", "oauth", "token", "aws-sdk"] as const;

export const authProfileSchema = documented(
  z.strictObject({
    provider: documented(z.string().min(1), { description: 'The provider this profile authenticates, e.g. "anthropic".' }),
    mode: documented(z.enum(AUTH_PROFILE_MODES), {
      description: 'api_key (an API key), token (a Claude setup-token) or oauth. Note the underscore in "api_key".',
      enumDescriptions: [
        "An API key (`sk-ant-api03-...`). Enables prompt caching.",
        "A setup-token from `claude setup-token` (subscription auth; cache settings are ignored).",
        "OAuth sign-in (subscription auth; cache settings are ignored).",
        "AWS SDK credentials (Amazon Bedrock).",
      ],
    }),
    email: z.string().optional(),
    displayName: z.string().optional(),
  }),
  { description: "Auth profile metadata; the secret itself lives in the agent's auth-profiles.json." },
);

export const authSchema = documented(
  z.strictObject({
    profiles: documented(z.record(z.string(), authProfileSchema), {
      description: 'Auth profiles keyed by id "provider:name", e.g. "anthropic:default".',
    }).optional(),
    order: documented(z.record(z.string(), z.array(z.string())), {
      description: "Per provider, profile ids in failover order. The first Anthropic profile decides the auth mode.",
    }).optional(),
    cooldowns: z.record(z.string(), z.unknown()).optional(),
  }),
  { title: "Auth", description: "Auth profiles and their failover order." },
);
