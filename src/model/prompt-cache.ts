import type { KeyPath } from "../diagnostics/diagnostic.js";
import type { ModelParams, ParamLayer } from "../rules/context.js";
import { CACHE_RETENTION_VALUES, LEGACY_TTL_TO_RETENTION } from "../schema/params.js";
import { hasProvider, normalizeModelRef, parseModelRef, record } from "./effective-params.js";

/*
 * How OpenClaw reads prompt-cache settings (SPEC section 1), as pure functions over params layers,
 * shared by the cache rules and the `cache` command.
 */

/** A valid `cacheRetention` value. */
export type Retention = (typeof CACHE_RETENTION_VALUES)[number];

/** The params key for prompt-cache retention. */
export const RETENTION_KEY = "cacheRetention";
/** The legacy key it replaces ("5m" / "1h"). */
export const LEGACY_TTL_KEY = "cacheControlTtl";

/** True for "none", "short" and "long". */
export function isRetention(value: unknown): value is Retention {
  return typeof value === "string" && (CACHE_RETENTION_VALUES as readonly string[]).includes(value);
}

/** The retention a legacy `cacheControlTtl` means ("5m" -> short, "1h" -> long); undefined for anything else. */
export function legacyTtlRetention(value: unknown): Retention | undefined {
  return typeof value === "string" && Object.hasOwn(LEGACY_TTL_TO_RETENTION, value)
    ? LEGACY_TTL_TO_RETENTION[value as keyof typeof LEGACY_TTL_TO_RETENTION]
    : undefined;
}

/** A retention and the key it was read from. */
export interface RetentionSetting {
  value: Retention;
  key: typeof RETENTION_KEY | typeof LEGACY_TTL_KEY;
  /** Path of that key (when read from a layer with a path). */
  path?: KeyPath;
}

/** What one params object asks for, as OpenClaw reads it: a valid cacheRetention wins, else a valid legacy TTL. */
export function readRetention(params: Readonly<Record<string, unknown>>, base?: KeyPath): RetentionSetting | undefined {
  const at = (key: RetentionSetting["key"]) => (base ? { path: [...base, key] } : {});
  if (Object.hasOwn(params, RETENTION_KEY) && isRetention(params[RETENTION_KEY])) {
    return { value: params[RETENTION_KEY], key: RETENTION_KEY, ...at(RETENTION_KEY) };
  }
  const legacy = Object.hasOwn(params, LEGACY_TTL_KEY) ? legacyTtlRetention(params[LEGACY_TTL_KEY]) : undefined;
  return legacy ? { value: legacy, key: LEGACY_TTL_KEY, ...at(LEGACY_TTL_KEY) } : undefined;
}

/**
 * The retention this tool resolves for one (agent, model): each layer is migrated first (a legacy
 * TTL becomes cacheRetention), then layers merge key by key, so the highest layer with a valid
 * setting wins. Invalid values count as unset (they are reported on their own).
 */
export function effectiveRetention(layers: readonly ParamLayer[]): RetentionSetting | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i] as ParamLayer;
    const setting = readRetention(layer.params, layer.path);
    if (setting) return setting;
  }
  return undefined;
}

/** Where OpenClaw's own retention came from: a key of the config, its API-key default written into the model's params, or nothing. */
export interface OpenClawRetention {
  value: Retention | undefined;
  /** `seeded`: OpenClaw's API-key default ("short") written into agents.defaults.models[ref].params. */
  source: "config" | "seeded" | "none";
  /** The deciding key, for `config`. */
  path?: KeyPath;
}

/**
 * The retention OpenClaw itself uses: its API-key seeding first (when `seeded`, a
 * `agents.defaults.models[ref].params` without a string cacheRetention gets "short"), then the
 * plain key-by-key merge without migration, then a valid cacheRetention wins over a valid legacy TTL.
 */
export function openClawRetention(layers: readonly ParamLayer[], seeded: boolean): OpenClawRetention {
  let retention: { value: unknown; source: "config" | "seeded"; path?: KeyPath } | undefined;
  let ttl: { value: unknown; path: KeyPath } | undefined;
  let modelLayerSeen = false;
  const seed = () => {
    retention = { value: "short", source: "seeded" };
  };
  for (const layer of layers) {
    // OpenClaw creates the model's entry when it has none, just above agents.defaults.params.
    if (seeded && !modelLayerSeen && layer.scope !== "defaults.params") {
      modelLayerSeen = true;
      if (layer.scope !== "defaults.models") seed();
    }
    if (Object.hasOwn(layer.params, RETENTION_KEY)) {
      retention = { value: layer.params[RETENTION_KEY], source: "config", path: [...layer.path, RETENTION_KEY] };
    }
    if (Object.hasOwn(layer.params, LEGACY_TTL_KEY)) ttl = { value: layer.params[LEGACY_TTL_KEY], path: [...layer.path, LEGACY_TTL_KEY] };
    if (seeded && layer.scope === "defaults.models" && typeof layer.params[RETENTION_KEY] !== "string") seed();
  }
  if (seeded && !modelLayerSeen) seed();
  if (retention && isRetention(retention.value)) {
    return { value: retention.value, source: retention.source, ...(retention.path ? { path: retention.path } : {}) };
  }
  const legacy = ttl ? legacyTtlRetention(ttl.value) : undefined;
  if (ttl && legacy) return { value: legacy, source: "config", path: ttl.path };
  return { value: undefined, source: "none" };
}

/** True for models OpenClaw's API-key defaults seed: `anthropic/*` and Claude on `amazon-bedrock`. */
export function isSeedableModel(model: string): boolean {
  const { provider, id } = parseModelRef(model);
  if (provider === "anthropic") return id !== "";
  return provider === "amazon-bedrock" && isBedrockClaude(id);
}

/**
 * The models OpenClaw's API-key defaults write `cacheRetention: "short"` into (normalised refs):
 * the seedable keys of agents.defaults.models and the defaults' primary model (`models` supplies
 * it with aliases resolved).
 */
export function seededModels(config: unknown, models: readonly ModelParams[]): Set<string> {
  const seeded = new Set<string>();
  const catalog = record(record(record(record(config)?.["agents"])?.["defaults"])?.["models"]);
  for (const key of catalog ? Object.keys(catalog) : []) if (isSeedableModel(key)) seeded.add(normalizeModelRef(key));
  for (const use of models) {
    if (use.agent.kind === "defaults" && use.role === "primary" && isSeedableModel(use.model)) seeded.add(normalizeModelRef(use.model));
  }
  return seeded;
}

/** Whether a cache setting on a model changes anything, and if not, why. */
export type CacheEffect = { effective: true } | { effective: false; reason: string };

/**
 * Where an explicit cacheRetention/cacheControlTtl takes effect (SPEC 1): provider `anthropic` and
 * `anthropic-vertex`; Claude models on `amazon-bedrock`; a custom provider whose `api` (or the
 * model definition's) is `anthropic-messages`. Elsewhere it has no effect. Auth is not considered.
 */
export function cacheEffect(model: string, config: unknown): CacheEffect {
  // Rules ask this for every model of a large config: the common answers make no strings.
  if (hasProvider(model, "anthropic") || hasProvider(model, "anthropic-vertex")) return EFFECTIVE;
  if (hasProvider(model, "amazon-bedrock")) return isBedrockClaude(parseModelRef(model).id) ? EFFECTIVE : BEDROCK_NOT_CLAUDE;
  if (configuredProviders(config) === undefined) return NOT_ANTHROPIC;
  const { provider, id } = parseModelRef(model);
  if (providerApi(config, provider, id) === "anthropic-messages") return EFFECTIVE;
  return NOT_ANTHROPIC;
}

// Shared answers (frozen): a rule may ask for every model of a large config.
const EFFECTIVE: CacheEffect = Object.freeze({ effective: true });
const BEDROCK_NOT_CLAUDE: CacheEffect = Object.freeze({ effective: false, reason: "on amazon-bedrock, OpenClaw applies prompt caching only to Claude models" });
const NOT_ANTHROPIC: CacheEffect = Object.freeze({
  effective: false,
  reason: 'OpenClaw applies prompt caching only to Anthropic models (providers anthropic and anthropic-vertex, Claude on amazon-bedrock, and providers whose api is "anthropic-messages")',
});

/** Claude model ids on Bedrock look like `anthropic.claude-...`, optionally with a region prefix. */
function isBedrockClaude(id: string): boolean {
  const lower = id.toLowerCase();
  return lower.includes("anthropic.claude") || lower.includes("anthropic/claude");
}

/**
 * Whether a provider-wide cache setting (`models.providers.<id>.params`) can take effect: for
 * Anthropic providers, for `amazon-bedrock` (some of its models are Claude), and for a provider
 * whose `api`, or one of its model definitions' `api`, is `anthropic-messages`.
 */
export function providerCacheEffect(provider: string, config: unknown): CacheEffect {
  const normalized = provider.trim().toLowerCase();
  if (normalized === "amazon-bedrock") return { effective: true };
  const definition = providerDefinition(config, normalized);
  const models = definition?.["models"];
  const apis = [definition?.["api"], ...(Array.isArray(models) ? models.map((m) => record(m)?.["api"]) : [])];
  if (apis.includes("anthropic-messages")) return { effective: true };
  return cacheEffect(`${normalized}/`, config);
}

/** The `api` in force for a model of a configured provider: the model definition's, else the provider's. */
function providerApi(config: unknown, provider: string, modelId: string): string | undefined {
  const definition = providerDefinition(config, provider);
  if (!definition) return undefined;
  const models = definition["models"];
  const own = Array.isArray(models) ? models.map(record).find((m) => m?.["id"] === modelId) : undefined;
  const api = own?.["api"] ?? definition["api"];
  return typeof api === "string" ? api : undefined;
}

/** `models.providers`, when it is an object. */
function configuredProviders(config: unknown): Record<string, unknown> | undefined {
  return record(record(record(config)?.["models"])?.["providers"]);
}

/** `models.providers.<id>` for a lower-cased provider id (the exact key first, else one that differs in case). */
function providerDefinition(config: unknown, provider: string): Record<string, unknown> | undefined {
  const providers = configuredProviders(config);
  if (!providers || provider === "") return undefined;
  const key = Object.hasOwn(providers, provider) ? provider : Object.keys(providers).find((k) => k.trim().toLowerCase() === provider);
  return key === undefined ? undefined : record(providers[key]);
}

/** How a retention reads in a sentence: `no prompt caching`, `the 5-minute cache`, `the 1-hour cache`. */
export function describeRetention(value: Retention): string {
  return value === "none" ? "no prompt caching" : value === "short" ? "the 5-minute cache" : "the 1-hour cache";
}

/** A config value as a message shows it: strings quoted, other scalars as written, containers by kind. */
export function showValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "(an array)";
  if (typeof value === "object" && value !== null) return "(an object)";
  return String(value);
}

/** Model references for a message: up to three, then how many more. */
export function listModels(models: readonly string[]): string {
  const shown = models.slice(0, 3).join(", ");
  return models.length > 3 ? `${shown} and ${models.length - 3} more` : shown;
}

/** One (agent, model) for which OpenClaw's own retention differs from the one this tool resolves. */
export interface ShadowedRetention {
  use: ModelParams;
  /** What the config asks for once migrated (the key that wins in this tool's merge). */
  intended: RetentionSetting & { path: KeyPath };
  /** What OpenClaw itself runs with under API-key auth. */
  actual: OpenClawRetention & { value: Retention };
}

/**
 * Every (agent, model) where cache settings take effect and OpenClaw, under API-key auth, runs a
 * different retention than the config asks for: its seeding or a lower-level cacheRetention
 * outranks the key that should win. Invalid values are left to the invalid-* rules.
 */
export function findShadowedRetentions(config: unknown, models: readonly ModelParams[]): readonly ShadowedRetention[] {
  // Two rules ask for the same config and models in one lint run, and neither changes meanwhile.
  const hit = shadowedCache.get(models);
  if (hit && hit.config === config) return hit.found;
  // Needed only for a model whose retention is set somewhere: made when the first one is found.
  let seeded: Set<string> | undefined;
  const found: ShadowedRetention[] = [];
  for (const use of models) {
    if (!cacheEffect(use.model, config).effective) continue;
    const intended = effectiveRetention(use.layers);
    if (!intended?.path) continue;
    seeded ??= seededModels(config, models);
    const actual = openClawRetention(use.layers, seeded.has(normalizeModelRef(use.model)));
    if (actual.value === undefined || actual.value === intended.value) continue;
    found.push({ use, intended: { ...intended, path: intended.path }, actual: { ...actual, value: actual.value } });
  }
  shadowedCache.set(models, { config, found });
  return found;
}

const shadowedCache = new WeakMap<readonly ModelParams[], { config: unknown; found: readonly ShadowedRetention[] }>();

/** Groups findings by the key path that should win, keeping the first occurrence's order. */
export function groupByIntendedKey(found: readonly ShadowedRetention[]): ShadowedRetention[][] {
  const groups = new Map<string, ShadowedRetention[]>();
  for (const item of found) {
    const key = JSON.stringify(item.intended.path);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

/** The distinct models of some findings, in order, each with the retention OpenClaw runs it with. */
export function describeActualRuns(found: readonly ShadowedRetention[]): string {
  const byValue = new Map<Retention, string[]>();
  const seen = new Set<string>();
  for (const item of found) {
    const model = normalizeModelRef(item.use.model);
    if (seen.has(model)) continue;
    seen.add(model);
    const list = byValue.get(item.actual.value);
    if (list) list.push(item.use.model);
    else byValue.set(item.actual.value, [item.use.model]);
  }
  return [...byValue].map(([value, list]) => `${listModels(list)} with "${value}"`).join(" and ");
}

/** True for a key of `agents.defaults.params` (the lowest, global layer). */
export function isGlobalParamsKey(path: KeyPath): boolean {
  return path.length === 4 && path[0] === "agents" && path[1] === "defaults" && path[2] === "params";
}
