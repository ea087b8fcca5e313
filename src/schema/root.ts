import { z } from "zod";
import { agentsSchema } from "./agents.js";
import { authSchema } from "./auth.js";
import { documented } from "./describe.js";
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
  "crestodian",
  "desktop",
  "security",
  "telemetry",
  "transcripts",
  "tts",
  "worktreeAcceleration",
  "worktreeRoot",
] as const;

const passthroughShape: Record<string, z.ZodOptional<z.ZodUnknown>> = {};
for (const key of PASSTHROUGH_SECTIONS) passthroughShape[key] = z.unknown().optional();

/** The whole config: modelled sections are validated strictly, the other known sections pass through. */
export const openClawConfigSchema = documented(
  z.strictObject({
    $schema: documented(z.string(), { description: "URL or path of the JSON Schema editors use for this file." }).optional(),
    ...(passthroughShape as { [K in (typeof PASSTHROUGH_SECTIONS)[number]]: z.ZodOptional<z.ZodUnknown> }),
    env: envSchema.optional(),
    auth: authSchema.optional(),
    models: modelsSchema.optional(),
    agents: agentsSchema.optional(),
  }),
  {
    title: "OpenClaw gateway config",
    description: "OpenClaw gateway configuration (~/.openclaw/openclaw.json, JSON5).",
  },
);

/** The validated config type. */
export type OpenClawConfig = z.infer<typeof openClawConfigSchema>;

/** Every top-level key OpenClaw knows, for "did you mean" suggestions. */
export const TOP_LEVEL_KEYS: readonly string[] = ["$schema", "env", "auth", "models", "agents", ...PASSTHROUGH_SECTIONS].sort();
