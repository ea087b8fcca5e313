import type { KeyPath } from "../diagnostics/diagnostic.js";

/** The beta flag Anthropic needs for the 1-hour cache (`cacheRetention: "long"`). */
export const CACHE_BETA_FLAG = "extended-cache-ttl-2025-04-11";

/** The header name that carries Anthropic beta flags (compared case-insensitively). */
export const BETA_HEADER = "anthropic-beta";

/** One `anthropic-beta` header written in a provider's or a model definition's `headers`. */
export interface BetaHeaderOverride {
  /** Path of the header's value, e.g. `["models","providers","anthropic","headers","anthropic-beta"]`. */
  path: KeyPath;
  /** The header name as written (any case). */
  name: string;
  value: unknown;
  /** The provider's id as written (`models.providers.<id>`). */
  providerId: string;
  /** `model` when the header is in `models.providers.<id>.models[i].headers`. */
  level: "provider" | "model";
  /** The model definition's `id`, for model-level headers. */
  modelId?: string;
  /** The wire protocol in force: the model's `api`, else the provider's. */
  api?: string;
}

/** Every `anthropic-beta` header in `models.providers`, provider level before its models, in file order. */
export function findBetaHeaderOverrides(config: unknown): BetaHeaderOverride[] {
  const found: BetaHeaderOverride[] = [];
  const providers = record(record(record(config)?.["models"])?.["providers"]);
  if (!providers) return found;
  for (const providerId of Object.keys(providers)) {
    const provider = record(providers[providerId]);
    if (!provider) continue;
    const providerApi = typeof provider["api"] === "string" ? provider["api"] : undefined;
    const base: KeyPath = ["models", "providers", providerId];
    collect(found, provider["headers"], [...base, "headers"], { providerId, level: "provider", ...(providerApi ? { api: providerApi } : {}) });
    const models = provider["models"];
    if (!Array.isArray(models)) continue;
    models.forEach((entry: unknown, index) => {
      const model = record(entry);
      if (!model) return;
      const api = typeof model["api"] === "string" ? model["api"] : providerApi;
      const modelId = typeof model["id"] === "string" ? model["id"] : undefined;
      collect(found, model["headers"], [...base, "models", index, "headers"], {
        providerId,
        level: "model",
        ...(modelId !== undefined ? { modelId } : {}),
        ...(api ? { api } : {}),
      });
    });
  }
  return found;
}

/** The flags of a comma-separated `anthropic-beta` value, trimmed, empty entries dropped. */
export function betaFlags(value: string): string[] {
  return value
    .split(",")
    .map((flag) => flag.trim())
    .filter((flag) => flag !== "");
}

/** Where a header is, for messages: `provider "anthropic"` or `model "claude-x" of provider "anthropic"`. */
export function describeHeaderOwner(header: BetaHeaderOverride): string {
  const provider = `provider ${JSON.stringify(header.providerId)}`;
  if (header.level === "provider") return provider;
  return header.modelId !== undefined ? `model ${JSON.stringify(header.modelId)} of ${provider}` : `a model of ${provider}`;
}

function collect(found: BetaHeaderOverride[], headers: unknown, path: KeyPath, owner: Omit<BetaHeaderOverride, "path" | "name" | "value">): void {
  const map = record(headers);
  if (!map) return;
  for (const name of Object.keys(map)) {
    if (name.trim().toLowerCase() !== BETA_HEADER) continue;
    found.push({ ...owner, path: [...path, name], name, value: map[name] });
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
