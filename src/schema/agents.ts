import * as z from "zod";
import { documented, lazily, uncheckedField } from "./describe.js";
import { paramsSchema } from "./params.js";

/** The `agents` section's schema, built on first use (see lazily). */
export const agentsSchema = lazily(() => {
  const params = paramsSchema();

  /** `provider/model` reference, as used for keys of `models` maps and in `model`. */
  const modelRefSchema = documented(z.string().min(1), {
    title: "Model reference",
    description: 'A model reference "provider/model", e.g. "anthropic/claude-opus-4-6", or an alias defined in agents.defaults.models.',
    markdown: 'A model reference `"provider/model"`, e.g. `"anthropic/claude-opus-4-6"`, or an alias defined in `agents.defaults.models`.',
  });

  const modelSelectionSchema = documented(
    z.union([
      modelRefSchema,
      z.strictObject({
        primary: documented(modelRefSchema, {
          title: "Primary model",
          description: 'The model tried first, as "provider/model". Under Anthropic API-key auth OpenClaw gives it cacheRetention "short" when it has none.',
          markdown: 'The model tried first, as `"provider/model"`. Under Anthropic API-key auth OpenClaw gives it `cacheRetention: "short"` when it has none.',
        }).optional(),
        fallbacks: documented(z.array(modelRefSchema), {
          title: "Fallback models",
          description: "Models tried in order when the primary model fails.",
        }).optional(),
      }),
    ]),
    {
      title: "Model",
      description: 'The model to use: a "provider/model" string, or { primary, fallbacks } to fail over in order.',
      markdown: 'The model to use: a `"provider/model"` string, or `{ primary, fallbacks }` to fail over in order.',
    },
  );

  const modelEntrySchema = documented(
    z.strictObject({
      alias: documented(z.string(), {
        title: "Alias",
        description: "Short name for this model, usable wherever a model reference is expected.",
      }).optional(),
      params: params.optional(),
      streaming: documented(z.boolean(), { title: "Streaming", description: "Stream responses from this model." }).optional(),
      agentRuntime: uncheckedField(),
    }),
    {
      title: "Model settings",
      description: "Per-model settings: an alias and request params (cacheRetention lives in params).",
      markdown: "Per-model settings: an alias and request `params` (`cacheRetention` lives in `params`).",
    },
  );

  const modelMapSchema = documented(z.record(z.string(), modelEntrySchema), {
    title: "Models",
    description:
      'Per-model settings keyed by "provider/model" reference. Under Anthropic API-key auth OpenClaw adds cacheRetention "short" to each anthropic/* entry that has none.',
    markdown:
      'Per-model settings keyed by `"provider/model"` reference, e.g. `"anthropic/claude-opus-4-6"`.\n\nUnder Anthropic API-key auth OpenClaw adds `cacheRetention: "short"` to the `params` of each `anthropic/*` entry (and Claude on `amazon-bedrock`) that has no `cacheRetention`.',
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
    for (const key of keys) shape[key] = uncheckedField();
    return shape as { [P in K[number]]: z.ZodOptional<z.ZodUnknown> };
  }

  const agentDefaultsSchema = documented(
    z.strictObject({
      ...passthrough(AGENT_DEFAULTS_PASSTHROUGH),
      model: modelSelectionSchema.optional(),
      models: modelMapSchema.optional(),
      params: documented(params, {
        title: "Default parameters",
        description:
          "Params for every model of every agent (lowest precedence). Under API-key auth OpenClaw's per-model cacheRetention default outranks a cache setting here.",
        markdown:
          "Params for every model of every agent (lowest precedence).\n\nUnder Anthropic API-key auth OpenClaw writes `cacheRetention: \"short\"` into each Anthropic model's own `params`, which outranks a `cacheRetention` set here: repeat the value in `agents.defaults.models[...].params`.",
      }).optional(),
    }),
    { title: "Agent defaults", description: "Settings every agent inherits unless it overrides them." },
  );

  const agentFields = {
    ...passthrough(AGENT_ENTRY_PASSTHROUGH),
    default: documented(z.boolean(), {
      title: "Default agent",
      description: "The agent that handles messages no binding routes elsewhere; when no agent is marked, the first one is the default.",
    }).optional(),
    model: modelSelectionSchema.optional(),
    models: documented(modelMapSchema, {
      title: "Agent models",
      description: "This agent's per-model settings; their params outrank agents.defaults but not the agent's own params.",
      markdown: "This agent's per-model settings; their `params` outrank `agents.defaults` but not the agent's own `params`.",
    }).optional(),
    params: documented(params, {
      title: "Agent parameters",
      description: "Params for every model of this agent (highest precedence).",
    }).optional(),
  };

  const agentListEntrySchema = documented(
    z.strictObject({
      id: documented(z.string().min(1), {
        title: "Agent id",
        description: "The agent's id; its auth store lives in ~/.openclaw/agents/<id>/agent/auth-profiles.json. New agents do not inherit the main agent's keys.",
        markdown:
          "The agent's id; its auth store lives in `~/.openclaw/agents/<id>/agent/auth-profiles.json`. New agents do not inherit the main agent's keys.",
      }),
      ...agentFields,
    }),
    { title: "Agent", description: "An agent (older list form; newer configs use agents.entries.<id>)." },
  );

  const agentEntrySchema = documented(z.strictObject(agentFields), {
    title: "Agent",
    description: "An agent, keyed by its id. Its auth store lives in ~/.openclaw/agents/<id>/agent/auth-profiles.json.",
    markdown: "An agent, keyed by its id. Its auth store lives in `~/.openclaw/agents/<id>/agent/auth-profiles.json`.",
  });

  return documented(
    z.strictObject({
      defaults: agentDefaultsSchema.optional(),
      list: documented(z.array(agentListEntrySchema), {
        title: "Agent list",
        description: "Agents as a list of entries with an id (older OpenClaw versions; newer ones use agents.entries).",
        markdown: "Agents as a list of entries with an `id` (older OpenClaw versions; newer ones use `agents.entries`).",
      }).optional(),
      entries: documented(z.record(z.string(), agentEntrySchema), {
        title: "Agent entries",
        description: "Agents keyed by id (newer OpenClaw versions; older ones use agents.list).",
        markdown: "Agents keyed by id (newer OpenClaw versions; older ones use `agents.list`).",
      }).optional(),
    }),
    {
      title: "Agents",
      description: "Agent defaults and the agents themselves (agents.list[] or agents.entries.<id>).",
      markdown: "Agent defaults and the agents themselves (`agents.list[]` or `agents.entries.<id>`).",
    },
  );
});
