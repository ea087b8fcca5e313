import * as z from "zod";
import { documented, lazily, uncheckedField } from "./describe.js";
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

/** The `models` section's schema, built on first use (see lazily). */
export const modelsSchema = lazily(() => {
  const params = paramsSchema();

  const headersSchema = documented(z.record(z.string(), z.unknown()), {
    title: "HTTP headers",
    description:
      "Extra HTTP headers. An anthropic-beta header here replaces OpenClaw's beta list: keep extended-cache-ttl-2025-04-11 in it, or long cache retention stops working.",
    markdown:
      "Extra HTTP headers sent with every request.\n\nAn `anthropic-beta` header here **replaces** OpenClaw's beta list (header names are case-insensitive; the value is a comma-separated list): keep `extended-cache-ttl-2025-04-11` in it, or `cacheRetention: \"long\"` stops working. Under subscription auth, overriding `anthropic-beta` also drops the OAuth betas and every request fails with 401.",
  });

  const apiSchema = documented(z.enum(MODEL_APIS), {
    title: "API protocol",
    description: 'The wire protocol, e.g. "anthropic-messages", "openai-completions", "openai-responses".',
    markdown:
      'The wire protocol, e.g. `"anthropic-messages"`, `"openai-completions"`, `"openai-responses"`.\n\nWith `"anthropic-messages"`, an explicit `cacheRetention` in `params` enables Anthropic prompt caching for a custom provider.',
    enumDescriptions: [
      "Anthropic Messages API (an explicit cacheRetention takes effect).",
      "Azure OpenAI Responses API (newer OpenClaw versions).",
      "Amazon Bedrock Converse streaming API.",
      "GitHub Copilot.",
      "Google Generative AI (Gemini) API.",
      "Google Vertex AI (newest OpenClaw versions).",
      "Ollama's native API.",
      "OpenAI ChatGPT Responses (newest OpenClaw versions; replaces openai-codex-responses).",
      "OpenAI Codex Responses (older OpenClaw versions).",
      "OpenAI-compatible Chat Completions API.",
      "OpenAI Responses API.",
    ],
  });

  const uncheckedKeys = <const K extends readonly string[]>(keys: K) =>
    Object.fromEntries(keys.map((k) => [k, uncheckedField()])) as { [P in K[number]]: z.ZodOptional<z.ZodUnknown> };

  const modelDefinitionSchema = documented(
    z.strictObject({
      ...uncheckedKeys([
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
      id: documented(z.string().min(1), {
        title: "Model id",
        description: 'The model id the provider\'s API expects; the model is referenced as "<provider id>/<model id>".',
        markdown: "The model id the provider's API expects; agents reference the model as `\"<provider id>/<model id>\"`.",
      }),
      name: documented(z.string(), { title: "Display name", description: "The model's name in OpenClaw's model lists." }).optional(),
      api: apiSchema.optional(),
      headers: headersSchema.optional(),
      params: params.optional(),
    }),
    { title: "Model definition", description: "A model the provider offers." },
  );

  const providerSchema = documented(
    z.strictObject({
      ...uncheckedKeys([
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
      baseUrl: documented(z.string(), { title: "Base URL", description: "Base URL of the provider's API." }).optional(),
      apiKey: documented(z.union([z.string(), z.record(z.string(), z.unknown())]), {
        title: "API key",
        description:
          "API key, or a secret reference { source, provider, id }. Prefer a ${VAR} reference and keep the secret in ~/.openclaw/.env. A Claude setup-token (sk-ant-oat01-...) is not an API key.",
        markdown:
          "API key, or a secret reference `{ source, provider, id }`.\n\nPrefer a `${VAR}` reference and keep the secret in `~/.openclaw/.env`. A Claude setup-token (`sk-ant-oat01-...`) is **not** an API key: Anthropic rejects it here; configure it as an auth profile with `mode: \"token\"`.",
      }).optional(),
      auth: documented(z.enum(PROVIDER_AUTH_VALUES), {
        title: "Provider auth",
        description: 'How OpenClaw authenticates to this provider. Note the hyphen in "api-key" here; auth.profiles.<id>.mode spells it "api_key".',
        markdown: 'How OpenClaw authenticates to this provider.\n\nNote the **hyphen** in `"api-key"` here; `auth.profiles.<id>.mode` spells it `"api_key"`.',
        enumDescriptions: ["API-key auth (`apiKey`).", "AWS SDK credentials (Amazon Bedrock).", "OAuth (subscription) auth.", "Token (subscription) auth."],
      }).optional(),
      api: apiSchema.optional(),
      headers: headersSchema.optional(),
      params: documented(params, {
        title: "Provider parameters",
        description: "Request parameters for every model of this provider (newer OpenClaw versions read some of them).",
      }).optional(),
      models: documented(z.array(modelDefinitionSchema), {
        title: "Models",
        description: "The models this provider offers. A custom provider must list them; built-in providers may omit this.",
      }).optional(),
    }),
    {
      title: "Provider",
      description: "A model provider: endpoint, credentials, protocol and models.",
    },
  );

  return documented(
    z.strictObject({
      mode: documented(z.enum(["merge", "replace"]), {
        title: "Catalogue mode",
        description: "merge: add these providers to OpenClaw's built-in catalogue; replace: use only these.",
        markdown: "`merge`: add these providers to OpenClaw's built-in catalogue; `replace`: use only these.",
        enumDescriptions: ["Add these providers to the built-in catalogue.", "Use only the providers listed here."],
      }).optional(),
      providers: documented(z.record(z.string(), providerSchema), {
        title: "Providers",
        description: 'Model providers keyed by id, e.g. "anthropic" or a custom id. Models are referenced as "<provider id>/<model id>".',
        markdown: 'Model providers keyed by id, e.g. `"anthropic"` or a custom id. Models are referenced as `"<provider id>/<model id>"`.',
      }).optional(),
      pricing: uncheckedField(),
      bedrockDiscovery: uncheckedField(),
      proxy: uncheckedField(),
    }),
    { title: "Models", description: "Custom model providers and their models." },
  );
});
