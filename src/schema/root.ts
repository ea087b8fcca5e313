import * as z from "zod";
import { agentsSchema } from "./agents.js";
import { authSchema } from "./auth.js";
import { documented, lazily, uncheckedField } from "./describe.js";
import { envSchema } from "./env.js";
import { modelsSchema } from "./models.js";

/** Top-level sections OpenClaw knows that this tool passes through unchecked (SPEC 1). */
export const PASSTHROUGH_SECTIONS = [
  "meta",
  "wizard",
  "diagnostics",
  "logging",
  "update",
  "browser",
  "ui",
  "secrets",
  "acp",
  "nodeHost",
  "tools",
  "bindings",
  "broadcast",
  "audio",
  "media",
  "messages",
  "commands",
  "approvals",
  "session",
  "cron",
  "hooks",
  "web",
  "channels",
  "discovery",
  "canvasHost",
  "talk",
  "gateway",
  "memory",
  "mcp",
  "skills",
  "plugins",
  "surfaces",
  "proxy",
  // Known to some OpenClaw versions but not listed in SPEC 1 (docs/decisions/0001-schema-key-union.md).
  "accessGroups",
  "attachments",
  "cli",
  "cloudWorkers",
  "commitments",
  "crestodian",
  "desktop",
  "security",
  "telemetry",
  "transcripts",
  "tts",
  "worktreeAcceleration",
  "worktreeRoot",
] as const;

/**
 * The whole config: modelled sections are validated strictly, the other known sections pass
 * through. Built on first call: a lint run asks the generated predicate first
 * (config-check.generated.ts) and needs Zod only to word the problems of an invalid config.
 */
export const openClawConfigSchema = lazily(() => {
  const passthroughShape: Record<string, z.ZodOptional<z.ZodUnknown>> = {};
  for (const key of PASSTHROUGH_SECTIONS) passthroughShape[key] = uncheckedField();

  return documented(
    z.strictObject({
      $schema: documented(z.string(), {
        title: "JSON Schema",
        description: "URL or path of the JSON Schema editors use for this file (allowed at the top level only). Write the schema with: openclaw-config schema --out <file>.",
        markdown:
          "URL or path of the JSON Schema editors use for this file (allowed at the top level only). Write the schema with `openclaw-config schema --out <file>`.",
      }).optional(),
      ...(passthroughShape as { [K in (typeof PASSTHROUGH_SECTIONS)[number]]: z.ZodOptional<z.ZodUnknown> }),
      env: envSchema().optional(),
      auth: authSchema().optional(),
      models: modelsSchema().optional(),
      agents: agentsSchema().optional(),
    }),
    {
      title: "OpenClaw gateway config",
      description: "OpenClaw gateway configuration (~/.openclaw/openclaw.json, JSON5). An unknown top-level key makes OpenClaw refuse to start.",
      markdown:
        "OpenClaw gateway configuration (`~/.openclaw/openclaw.json`, JSON5). An unknown top-level key makes OpenClaw refuse to start.\n\n`openclaw-config` checks `env`, `auth`, `models` and `agents`; the other sections pass through unless you run `openclaw-config lint --openclaw-schema <file>`.",
      snippets: [
        {
          label: "Anthropic API key with prompt caching",
          description:
            "API-key auth for Anthropic with a 1-hour prompt cache on the primary model. ANTHROPIC_API_KEY comes from ~/.openclaw/.env or the environment; keep it out of this file.",
          body: {
            auth: {
              profiles: { "anthropic:default": { provider: "anthropic", mode: "api_key" } },
              order: { anthropic: ["anthropic:default"] },
            },
            agents: {
              defaults: {
                model: { primary: "${1:anthropic/claude-opus-4-6}" },
                models: { "${1:anthropic/claude-opus-4-6}": { params: { cacheRetention: "${2|long,short,none|}" } } },
              },
            },
          },
        },
        {
          label: "Anthropic setup-token (Claude subscription)",
          description:
            "Subscription auth with a token from `claude setup-token` (sk-ant-oat01-...). The token lives in the agent's auth-profiles.json, not here. Prompt-cache settings are ignored under subscription auth, so none are set.",
          body: {
            auth: {
              profiles: { "anthropic:default": { provider: "anthropic", mode: "token" } },
              order: { anthropic: ["anthropic:default"] },
            },
            agents: {
              defaults: {
                model: { primary: "${1:anthropic/claude-sonnet-4-5}" },
              },
            },
          },
        },
      ],
    },
  );
});

/** The validated config type. */
export type OpenClawConfig = z.infer<ReturnType<typeof openClawConfigSchema>>;

/** Every top-level key OpenClaw knows, for "did you mean" suggestions. */
export const TOP_LEVEL_KEYS: readonly string[] = ["$schema", "env", "auth", "models", "agents", ...PASSTHROUGH_SECTIONS].sort();
