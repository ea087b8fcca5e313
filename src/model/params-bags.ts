import type { KeyPath } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../document/source-map.js";
import { listAgents, orderedKeys, record } from "./effective-params.js";
import { LEGACY_TTL_KEY, RETENTION_KEY } from "./prompt-cache.js";

/** Where a `params` bag sits; the first four take part in the per-model merge (SPEC 1). */
export type ParamsBagScope =
  | "defaults.params"
  | "defaults.models"
  | "agent.models"
  | "agent.params"
  | "provider.params"
  | "provider.model";

/** One `params` object written in the config. */
export interface ParamsBag {
  scope: ParamsBagScope;
  /** Path of the params object itself. */
  path: KeyPath;
  params: Readonly<Record<string, unknown>>;
  /** The model the bag belongs to (`provider/model`), for bags keyed by a model. */
  model?: string;
  /** The provider id, for `models.providers.<id>` bags. */
  provider?: string;
}

/**
 * The `params` objects of the config that have an own `cacheRetention` or `cacheControlTtl` key
 * (whatever its value), in a stable order: agents.defaults.params, the agents.defaults.models
 * entries, then each agent's models entries and params, then models.providers.<id>.params and each
 * provider model definition's params. These are the only bags the cache rules look at; a large
 * config's thousands of other bags are skipped before anything is made for them.
 */
export function findCacheBags(config: unknown, sourceMap?: SourceMap): readonly ParamsBag[] {
  // Several rules ask for the same config's bags in one lint run; the config is not mutated meanwhile.
  const hit = typeof config === "object" && config !== null ? bagCache.get(config) : undefined;
  if (hit && hit.sourceMap === sourceMap) return hit.bags;
  const bags = collectCacheBags(config, sourceMap);
  if (typeof config === "object" && config !== null) bagCache.set(config, { sourceMap, bags });
  return bags;
}

const bagCache = new WeakMap<object, { sourceMap: SourceMap | undefined; bags: readonly ParamsBag[] }>();

/** The params bags of findCacheBags. */
function collectCacheBags(config: unknown, sourceMap: SourceMap | undefined): ParamsBag[] {
  const bags: ParamsBag[] = [];
  const add = (value: unknown, bag: Omit<ParamsBag, "params">) => {
    const params = cacheParams(value);
    if (params) bags.push({ ...bag, params });
  };
  const addModels = (scope: ParamsBagScope, path: KeyPath, value: unknown) => {
    const models = record(value);
    if (!models) return;
    const keys = orderedKeys(models, sourceMap);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      // Tested before the bag's description is made: most entries of a large map have no cache key.
      const params = cacheParams(record(models[key])?.["params"]);
      if (params) bags.push({ scope, path: [...path, key, "params"], model: key, params });
    }
  };

  for (const agent of listAgents(config, sourceMap)) {
    if (agent.ref.kind === "defaults") {
      add(agent.value["params"], { scope: "defaults.params", path: [...agent.ref.path, "params"] });
      addModels("defaults.models", [...agent.ref.path, "models"], agent.value["models"]);
    } else {
      addModels("agent.models", [...agent.ref.path, "models"], agent.value["models"]);
      add(agent.value["params"], { scope: "agent.params", path: [...agent.ref.path, "params"] });
    }
  }

  const providers = record(record(record(config)?.["models"])?.["providers"]);
  for (const provider of providers ? orderedKeys(providers, sourceMap) : []) {
    const definition = record(providers?.[provider]);
    if (!definition) continue;
    const base: KeyPath = ["models", "providers", provider];
    add(definition["params"], { scope: "provider.params", path: [...base, "params"], provider });
    const models = definition["models"];
    if (!Array.isArray(models)) continue;
    models.forEach((entry, index) => {
      const model = record(entry);
      const id = model?.["id"];
      add(model?.["params"], {
        scope: "provider.model",
        path: [...base, "models", index, "params"],
        provider,
        ...(typeof id === "string" ? { model: `${provider}/${id}` } : {}),
      });
    });
  }
  return bags;
}

/** The value as params when it is an object with an own cacheRetention or cacheControlTtl. */
function cacheParams(value: unknown): Record<string, unknown> | undefined {
  const params = record(value);
  return params && (Object.hasOwn(params, RETENTION_KEY) || Object.hasOwn(params, LEGACY_TTL_KEY)) ? params : undefined;
}
