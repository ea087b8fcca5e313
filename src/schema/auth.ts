import * as z from "zod";
import { documented, lazily } from "./describe.js";

export const AUTH_PROFILE_MODES = ["api_key", "oauth", "token", "aws-sdk"] as const;

/** The `auth` section's schema, built on first use (see lazily). */
export const authSchema = lazily(() => {
  const authProfileSchema = documented(
    z.strictObject({
      provider: documented(z.string().min(1), {
        title: "Provider",
        description: 'The provider this profile authenticates, e.g. "anthropic".',
      }),
      mode: documented(z.enum(AUTH_PROFILE_MODES), {
        title: "Auth mode",
        description:
          'How this profile authenticates: "api_key" (an API key), "token" (a Claude setup-token), "oauth" or "aws-sdk". Note the underscore in "api_key" here; models.providers.<id>.auth spells it "api-key".',
        markdown: [
          "How this profile authenticates.",
          "",
          'Note the **underscore** in `"api_key"` here; `models.providers.<id>.auth` spells it `"api-key"`.',
          "",
          "For Anthropic, `api_key` is API-key auth (prompt caching works); `token` and `oauth` are subscription auth (cache settings are ignored).",
        ].join("\n"),
        enumDescriptions: [
          "An API key (`sk-ant-api03-...`). Prompt caching works.",
          "OAuth sign-in: subscription auth; cache settings are ignored.",
          "A setup-token from `claude setup-token` (`sk-ant-oat01-...`): subscription auth; cache settings are ignored.",
          "AWS SDK credentials (Amazon Bedrock; newer OpenClaw versions).",
        ],
      }),
      email: documented(z.string(), { title: "Account email", description: "The account's email address, shown in status output." }).optional(),
      displayName: documented(z.string(), { title: "Display name", description: "A human-readable name for this profile." }).optional(),
    }),
    {
      title: "Auth profile",
      description: "Auth profile metadata. The secret itself lives in the agent's auth-profiles.json (~/.openclaw/agents/<agentId>/agent/auth-profiles.json), never in this file.",
      markdown:
        "Auth profile metadata. The secret itself lives in the agent's `auth-profiles.json` (`~/.openclaw/agents/<agentId>/agent/auth-profiles.json`), never in this file.",
      snippets: [
        {
          label: "Anthropic API key",
          description: "API-key auth: ANTHROPIC_API_KEY comes from ~/.openclaw/.env or the environment. Prompt caching works.",
          body: { provider: "anthropic", mode: "api_key" },
        },
        {
          label: "Anthropic setup-token (Claude subscription)",
          description: "Subscription auth with a token from `claude setup-token`. Prompt-cache settings are ignored.",
          body: { provider: "anthropic", mode: "token" },
        },
      ],
    },
  );

  return documented(
    z.strictObject({
      profiles: documented(z.record(z.string(), authProfileSchema), {
        title: "Auth profiles",
        description: 'Auth profiles keyed by id "provider:name", e.g. "anthropic:default" or "anthropic:work".',
        markdown: 'Auth profiles keyed by id `"provider:name"`, e.g. `"anthropic:default"` or `"anthropic:work"`.',
      }).optional(),
      order: documented(
        z.record(
          z.string(),
          documented(z.array(z.string()), {
            title: "Profile failover order",
            description: "Profile ids for this provider, tried in this order.",
          }),
        ),
        {
          title: "Auth order",
          description:
            "Per provider, profile ids in failover order. For Anthropic, the first id in auth.order.anthropic that names an Anthropic profile decides between API-key and subscription auth.",
          markdown:
            "Per provider, profile ids in failover order.\n\nFor Anthropic, the first id in `auth.order.anthropic` that names an Anthropic profile decides between API-key auth (`api_key`) and subscription auth (`token`/`oauth`).",
        },
      ).optional(),
      cooldowns: documented(z.record(z.string(), z.unknown()), {
        title: "Auth cooldowns",
        description: "Back-off after billing and auth failures (older OpenClaw versions only). Passed through unchecked.",
      }).optional(),
    }),
    {
      title: "Auth",
      description: "Auth profiles and their failover order. Decides whether Anthropic models use API-key auth (prompt caching) or subscription auth.",
    },
  );
});
