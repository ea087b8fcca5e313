import { z } from "zod";
import { documented } from "./describe.js";
import { paramsSchema } from "./params.js";

/** `api` values OpenClaw has accepted in any version (docs/decisions/0001-schema-key-union.md). */
export const MODEL_APIS = [
  "anthropic-messages",
  "azure-openai-responses",
  "bedrock-converse-stream",
  "github-copilot",
  "google-generative-ai",
  "google-vertex",
  "ollama",
  "openai-chatgpt-responses",
  "openai-codex-responses",
  "openai-completions",
  "openai-responses",
] as const;

/** Provider-level `auth` values (note the hyphen in "api-key"). */
export const PROVIDER_AUTH_VALUES = ["api-key", "aws-sdk", "oauth", "token"] as const;

const headersSchema = documented(z.record(z.string(), z.unknown()), {
  description:
    "Extra HTTP headers. An `anthropic-beta` header here replaces OpenClaw's beta list: keep `extended-cache-ttl-2025-04-11` in it, or long cache retention stops working.",
  markdown:
    "Extra HTTP headers sent with every request.\n\nAn `anthropic-beta` header here **replaces** OpenClaw's beta list: keep `extended-cache-ttl-2025-04-11` in it, or `cacheRetention: \"long\"` stops working. Under subscription auth, overriding `anthropic-beta` also drops the OAuth betas and every request fails with 401.",
});

const apiSchema = documented(z.enum(MODEL_APIS), {
  description: 'The wire protocol, e.g. "anthropic-messages", "openai-completions", "openai-responses".',
});

const unknownKeys = <const K extends readonly string[]>(keys: K) =>
  Object.fromEntries(keys.map((k) => [k, z.unknown().optional()])) as { [P in K[number]]: z.ZodOptional<z.ZodUnknown> };

export const modelDefinitionSchema = documented(
  z.strictObject({
    ...unknownKeys([
      "reasoning",
      "input",
      "cost",
      "contextWindow",
      "contextTokens",
      "maxTokens",
      "compat",
      "baseUrl",
      "thinkingLevelMap",
      "agentRuntime",
      "mediaInput",
      "metadataSource",
    ] as const),
    id: documented(z.string().min(1), { description: "The model id the provider's API expects." }),
    name: documented(z.string(), { description: "Display name." }).optional(),
    api: apiSchema.optional(),
    headers: headersSchema.optional(),
    params: paramsSchema.optional(),
  }),
  { description: "A model the provider offers." },
);

export const providerSchema = documented(
  z.strictObject({
    ...unknownKeys([
      "injectNumCtxForOpenAICompat",
      "authHeader",
      "contextWindow",
      "contextTokens",
      "maxTokens",
      "timeoutSeconds",
      "region",
      "agentRuntime",
      "localService",
      "request",
    ] as const),
    baseUrl: documented(z.string(), { description: "Base URL of the provider's API." }).optional(),
    apiKey: documented(z.union([z.string(), z.record(z.string(), z.unknown())]), {
      description: "API key, or a secret reference { source, provider, id }. Prefer a ${VAR} reference and keep the secret in ~/.openclaw/.env.",
    }).optional(),
    auth: documented(z.enum(PROVIDER_AUTH_VALUES), {
      description: 'How OpenClaw authenticates to this provider ("api-key", with a hyphen here).',
    }).optional(),
    api: apiSchema.optional(),
    headers: headersSchema.optional(),
    params: paramsSchema.optional(),
    models: z.array(modelDefinitionSchema).optional(),
  }),
  { title: "Provider", description: "A model provider: endpoint, credentials, protocol and models." },
);

export const modelsSchema = documented(
  z.strictObject({
    mode: documented(z.enum(["merge", "replace"]), {
      description: "merge: add these providers to OpenClaw's built-in catalogue; replace: use only these.",
      enumDescriptions: ["Add these providers to the built-in catalogue.", "Use only the providers listed here."],
    }).optional(),
    providers: z.record(z.string(), providerSchema).optional(),
    pricing: z.unknown().optional(),
    bedrockDiscovery: z.unknown().optional(),
    proxy: z.unknown().optional(),
  }),
  { title: "Models", description: "Custom model providers and their models." },
);
