import { z } from "zod";
import { documented } from "./describe.js";
import { paramsSchema } from "./params.js";

/** `provider/model` reference, as used for keys of `models` maps and in `model`. */
const modelRefSchema = documented(z.string().min(1), {
  description: 'A model reference "provider/model", e.g. "anthropic/claude-opus-4-6", or an alias defined in agents.defaults.models.',
});

export const modelSelectionSchema = documented(
  z.union([
    modelRefSchema,
    z.strictObject({
      primary: modelRefSchema.optional(),
      fallbacks: z.array(modelRefSchema).optional(),
    }),
  ]),
  {
    title: "Model",
    description: 'The model to use: a "provider/model" string, or { primary, fallbacks } to fail over in order.',
  },
);

export const modelEntrySchema = documented(
  z.strictObject({
    alias: documented(z.string(), { description: "Short name for this model, usable wherever a model reference is expected." }).optional(),
    params: paramsSchema.optional(),
    streaming: documented(z.boolean(), { description: "Stream responses from this model." }).optional(),
    agentRuntime: z.unknown().optional(),
  }),
  { description: "Per-model settings: an alias and request params (cacheRetention lives in params)." },
);

export const modelMapSchema = documented(z.record(z.string(), modelEntrySchema), {
  title: "Models",
  description: 'Per-model settings keyed by "provider/model" reference.',
});

/**
 * Keys OpenClaw accepts on agents.defaults that this tool does not model; their values pass through.
 * The union over OpenClaw's schema generations (docs/decisions/0001-schema-key-union.md), so a file
 * valid for any released version is not reported.
 */
const AGENT_DEFAULTS_PASSTHROUGH = [
  "additionalSystemPrompt",
  "agentRuntime",
  "blockStreamingBreak",
  "blockStreamingChunk",
  "blockStreamingCoalesce",
  "blockStreamingDefault",
  "bootstrapMaxChars",
  "bootstrapPromptTruncationWarning",
  "bootstrapTotalMaxChars",
  "cliBackends",
  "compaction",
  "contextInjection",
  "contextLimits",
  "contextPruning",
  "contextTokens",
  "elevatedDefault",
  "embeddedAgent",
  "embeddedPi",
  "envelopeElapsed",
  "envelopeTimestamp",
  "envelopeTimezone",
  "experimental",
  "fastModeDefault",
  "heartbeat",
  "humanDelay",
  "imageGenerationModel",
  "imageMaxDimensionPx",
  "imageModel",
  "imageQuality",
  "maxConcurrent",
  "mediaGenerationAutoProviderFallback",
  "mediaMaxMb",
  "memorySearch",
  "modelPolicy",
  "musicGenerationModel",
  "pdfMaxBytesMb",
  "pdfMaxPages",
  "pdfModel",
  "promptOverlays",
  "reasoningDefault",
  "repoRoot",
  "runRetries",
  "sandbox",
  "silentReply",
  "skills",
  "skipBootstrap",
  "skipOptionalBootstrapFiles",
  "startupContext",
  "subagents",
  "thinkingDefault",
  "timeFormat",
  "timeoutSeconds",
  "toolProgressDetail",
  "tools",
  "typingIntervalSeconds",
  "typingMode",
  "userTimezone",
  "utilityModel",
  "verboseDefault",
  "videoGenerationModel",
  "voiceModel",
  "workspace",
] as const;

/** Keys OpenClaw accepts on an agent entry that this tool does not model. */
const AGENT_ENTRY_PASSTHROUGH = [
  "agentDir",
  "bootstrapMaxChars",
  "bootstrapTotalMaxChars",
  "contextInjection",
  "contextLimits",
  "contextTokens",
  "description",
  "embeddedAgent",
  "experimental",
  "fastModeDefault",
  "groupChat",
  "heartbeat",
  "humanDelay",
  "identity",
  "imageModel",
  "memory",
  "memorySearch",
  "modelPolicy",
  "name",
  "plugins",
  "reasoningDefault",
  "runtime",
  "sandbox",
  "skills",
  "skillsLimits",
  "subagents",
  "thinkingDefault",
  "toolProgressDetail",
  "tools",
  "tts",
  "typingIntervalSeconds",
  "typingMode",
  "utilityModel",
  "verboseDefault",
  "workspace",
] as const;

function passthrough<const K extends readonly string[]>(keys: K): { [P in K[number]]: z.ZodOptional<z.ZodUnknown> } {
  const shape: Record<string, z.ZodOptional<z.ZodUnknown>> = {};
  for (const key of keys) shape[key] = z.unknown().optional();
  return shape as { [P in K[number]]: z.ZodOptional<z.ZodUnknown> };
}

export const agentDefaultsSchema = documented(
  z.strictObject({
    ...passthrough(AGENT_DEFAULTS_PASSTHROUGH),
    model: modelSelectionSchema.optional(),
    models: modelMapSchema.optional(),
    params: documented(paramsSchema, {
      description: "Params for every model of every agent (lowest precedence). Under API-key auth OpenClaw's per-model cacheRetention default outranks a cache setting here.",
    }).optional(),
  }),
  { title: "Agent defaults", description: "Settings every agent inherits unless it overrides them." },
);

const agentFields = {
  ...passthrough(AGENT_ENTRY_PASSTHROUGH),
  default: documented(z.boolean(), { description: "The agent that handles messages no binding routes elsewhere." }).optional(),
  model: modelSelectionSchema.optional(),
  models: modelMapSchema.optional(),
  params: documented(paramsSchema, { description: "Params for every model of this agent (highest precedence)." }).optional(),
};

export const agentListEntrySchema = documented(
  z.strictObject({
    id: documented(z.string().min(1), { description: "The agent's id; its auth store lives in ~/.openclaw/agents/<id>/agent/." }),
    ...agentFields,
  }),
  { description: "An agent (older list form; newer configs use agents.entries.<id>)." },
);

export const agentEntrySchema = documented(z.strictObject(agentFields), {
  description: "An agent, keyed by its id.",
});

export const agentsSchema = documented(
  z.strictObject({
    defaults: agentDefaultsSchema.optional(),
    list: documented(z.array(agentListEntrySchema), { description: "Agents as a list of entries with an id (older form)." }).optional(),
    entries: documented(z.record(z.string(), agentEntrySchema), { description: "Agents keyed by id (newer form)." }).optional(),
  }),
  { title: "Agents", description: "Agent defaults and the agents themselves (agents.list[] or agents.entries.<id>)." },
);
