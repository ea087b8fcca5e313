import type { KeyPath } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../document/source-map.js";
import { listAgents, orderedKeys, record } from "./effective-params.js";

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
 * Every `params` object of the config, in a stable order: agents.defaults.params, the
 * agents.defaults.models entries, then each agent's models entries and params, then
 * models.providers.<id>.params and each provider model definition's params.
 */
export function findParamsBags(config: unknown, sourceMap?: SourceMap): readonly ParamsBag[] {
  // Several rules ask for the same config's bags in one lint run; the config is not mutated meanwhile.
  const cached = typeof config === "object" && config !== null ? bagCache.get(config) : undefined;
  if (cached && cached.sourceMap === sourceMap) return cached.bags;
  const bags: ParamsBag[] = [];
  const add = (bag: Omit<ParamsBag, "params">, value: unknown) => {
    const params = record(value);
    if (params) bags.push({ ...bag, params });
  };
  const addModels = (scope: ParamsBagScope, path: KeyPath, value: unknown) => {
    const models = record(value);
    if (!models) return;
    for (const key of orderedKeys(models, sourceMap)) {
      add({ scope, path: [...path, key, "params"], model: key }, record(models[key])?.["params"]);
    }
  };

  for (const agent of listAgents(config, sourceMap)) {
    if (agent.ref.kind === "defaults") {
      add({ scope: "defaults.params", path: [...agent.ref.path, "params"] }, agent.value["params"]);
      addModels("defaults.models", [...agent.ref.path, "models"], agent.value["models"]);
    } else {
      addModels("agent.models", [...agent.ref.path, "models"], agent.value["models"]);
      add({ scope: "agent.params", path: [...agent.ref.path, "params"] }, agent.value["params"]);
    }
  }

  const providers = record(record(record(config)?.["models"])?.["providers"]);
  for (const provider of providers ? orderedKeys(providers, sourceMap) : []) {
    const definition = record(providers?.[provider]);
    if (!definition) continue;
    const base: KeyPath = ["models", "providers", provider];
    add({ scope: "provider.params", path: [...base, "params"], provider }, definition["params"]);
    const models = definition["models"];
    if (!Array.isArray(models)) continue;
    models.forEach((entry, index) => {
      const model = record(entry);
      const id = model?.["id"];
      add(
        { scope: "provider.model", path: [...base, "models", index, "params"], provider, ...(typeof id === "string" ? { model: `${provider}/${id}` } : {}) },
        model?.["params"],
      );
    });
  }
  if (typeof config === "object" && config !== null) bagCache.set(config, { sourceMap, bags });
  return bags;
}

const bagCache = new WeakMap<object, { sourceMap: SourceMap | undefined; bags: readonly ParamsBag[] }>();
