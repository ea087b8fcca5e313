import type { KeyPath } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../document/source-map.js";
import type { AgentRef, ModelParams, ParamLayer } from "../rules/context.js";

/*
 * Which params each agent sends for each model it can use, merged the way SPEC section 1 orders
 * them: agents.defaults.params, agents.defaults.models[ref].params, the agent's own
 * models[ref].params, the agent's own params (later wins, key by key). Nothing here throws: a
 * malformed config yields fewer models, never an exception.
 */

/** One agent as configured: `agents.defaults`, an `agents.list[]` entry or an `agents.entries.<id>` entry. */
export interface ConfiguredAgent {
  ref: AgentRef;
  /** The agent's object (`{}` for defaults when the config has none). */
  value: Record<string, unknown>;
}

/** A model reference split at its first slash; `provider` is trimmed and lower-cased, empty when there is no slash. */
export interface ModelRefParts {
  provider: string;
  /** Everything after the first slash, as written. */
  id: string;
}

/** Splits `provider/model` (the model part may contain more slashes: `openrouter/anthropic/claude-x`). */
export function parseModelRef(ref: string): ModelRefParts {
  const slash = ref.indexOf("/");
  if (slash <= 0) return { provider: "", id: ref.trim() };
  return { provider: ref.slice(0, slash).trim().toLowerCase(), id: ref.slice(slash + 1).trim() };
}

/** The form two spellings of one model share: provider lower-cased, both parts trimmed. */
export function normalizeModelRef(ref: string): string {
  const { provider, id } = parseModelRef(ref);
  return provider === "" ? id : `${provider}/${id}`;
}

/**
 * Every agent the config defines, defaults first, then `agents.list[]` in order, then
 * `agents.entries` in source order. List entries without a string id are named `list[<index>]`.
 */
export function listAgents(config: unknown, sourceMap?: SourceMap): ConfiguredAgent[] {
  const agents = record(record(config)?.["agents"]);
  const result: ConfiguredAgent[] = [
    { ref: { kind: "defaults", id: "defaults", path: ["agents", "defaults"] }, value: record(agents?.["defaults"]) ?? {} },
  ];
  const list = agents?.["list"];
  if (Array.isArray(list)) {
    list.forEach((entry, index) => {
      const value = record(entry);
      if (!value) return;
      const id = typeof value["id"] === "string" && value["id"].trim() !== "" ? value["id"] : `list[${index}]`;
      result.push({ ref: { kind: "list", id, path: ["agents", "list", index] }, value });
    });
  }
  const entries = record(agents?.["entries"]);
  if (entries) {
    for (const id of orderedKeys(entries, sourceMap)) {
      const value = record(entries[id]);
      if (value) result.push({ ref: { kind: "entries", id, path: ["agents", "entries", id] }, value });
    }
  }
  return result;
}

/**
 * For every agent and every model it can use (primary, fallbacks, the keys of
 * `agents.defaults.models` and of the agent's own `models`), the params layers and their merge.
 * Aliases (`agents.defaults.models[*].alias`) are resolved. `sourceMap`, when given, keeps keys in
 * source order where JavaScript would reorder them (integer-like agent ids).
 */
export function computeModelParams(config: unknown, sourceMap?: SourceMap): ModelParams[] {
  const agents = listAgents(config, sourceMap);
  const defaults = (agents[0] as ConfiguredAgent).value;
  const defaultModels = record(defaults["models"]);
  const aliases = aliasIndex(defaultModels, sourceMap);
  const defaultSelection = readSelection(defaults["model"], aliases);
  const result: ModelParams[] = [];

  for (const agent of agents) {
    const isDefaults = agent.ref.kind === "defaults";
    const own = isDefaults ? defaultSelection : readSelection(agent.value["model"], aliases);
    // An agent inherits each part of the defaults' selection it does not set itself.
    const primary = own.primary ?? defaultSelection.primary;
    const fallbacks = own.fallbacks ?? defaultSelection.fallbacks ?? [];
    const agentModels = isDefaults ? undefined : record(agent.value["models"]);

    const models = new Map<string, { model: string; role: ModelParams["role"] }>();
    const add = (model: string, role: ModelParams["role"]) => {
      const key = normalizeModelRef(model);
      if (key !== "" && !models.has(key)) models.set(key, { model, role });
    };
    if (primary !== undefined) add(primary, "primary");
    for (const fallback of fallbacks) add(fallback, "fallback");
    for (const key of defaultModels ? orderedKeys(defaultModels, sourceMap) : []) add(key, "listed");
    for (const key of agentModels ? orderedKeys(agentModels, sourceMap) : []) add(key, "listed");

    for (const { model, role } of models.values()) {
      const layers: ParamLayer[] = [];
      const push = (scope: ParamLayer["scope"], path: KeyPath, value: unknown) => {
        const params = record(value);
        if (params) layers.push({ scope, path, params });
      };
      push("defaults.params", ["agents", "defaults", "params"], defaults["params"]);
      const defaultEntry = findModelEntry(defaultModels, model, sourceMap);
      if (defaultEntry) push("defaults.models", ["agents", "defaults", "models", defaultEntry.key, "params"], defaultEntry.value["params"]);
      if (!isDefaults) {
        const agentEntry = findModelEntry(agentModels, model, sourceMap);
        if (agentEntry) push("agent.models", [...agent.ref.path, "models", agentEntry.key, "params"], agentEntry.value["params"]);
        push("agent.params", [...agent.ref.path, "params"], agent.value["params"]);
      }
      const { merged, sourceOf } = mergeLayers(layers, sourceMap);
      result.push({ agent: agent.ref, model, provider: parseModelRef(model).provider, role, layers, merged, sourceOf });
    }
  }
  return result;
}

/** Merges layers key by key (later wins), recording the path of the key that set each merged value. */
export function mergeLayers(
  layers: readonly ParamLayer[],
  sourceMap?: SourceMap,
): { merged: Record<string, unknown>; sourceOf: Map<string, KeyPath> } {
  // A null prototype keeps a `__proto__` key an ordinary key instead of a prototype change.
  const merged = Object.create(null) as Record<string, unknown>;
  const sourceOf = new Map<string, KeyPath>();
  for (const layer of layers) {
    for (const key of orderedKeys(layer.params, sourceMap)) {
      merged[key] = layer.params[key];
      sourceOf.set(key, [...layer.path, key]);
    }
  }
  return { merged, sourceOf };
}

interface Selection {
  primary?: string;
  fallbacks?: string[];
}

/** Reads `model`: a string is the primary; `{ primary, fallbacks }` may set either. Aliases are resolved. */
function readSelection(value: unknown, aliases: ReadonlyMap<string, string>): Selection {
  if (typeof value === "string") {
    const primary = resolveAlias(value, aliases);
    return primary === undefined ? {} : { primary };
  }
  const selection = record(value);
  if (!selection) return {};
  const result: Selection = {};
  const primary = typeof selection["primary"] === "string" ? resolveAlias(selection["primary"], aliases) : undefined;
  if (primary !== undefined) result.primary = primary;
  const fallbacks = selection["fallbacks"];
  if (Array.isArray(fallbacks)) {
    result.fallbacks = fallbacks.flatMap((f) => {
      const resolved = typeof f === "string" ? resolveAlias(f, aliases) : undefined;
      return resolved === undefined ? [] : [resolved];
    });
  }
  return result;
}

/** Aliases of `agents.defaults.models`, keyed the way OpenClaw matches them (trimmed, lower-cased). */
function aliasIndex(models: Record<string, unknown> | undefined, sourceMap?: SourceMap): Map<string, string> {
  const index = new Map<string, string>();
  for (const key of models ? orderedKeys(models, sourceMap) : []) {
    const alias = record(models?.[key])?.["alias"];
    if (typeof alias !== "string") continue;
    const normalized = alias.trim().toLowerCase();
    // The first definition of an alias wins, as in OpenClaw's alias index.
    if (normalized !== "" && !index.has(normalized)) index.set(normalized, key);
  }
  return index;
}

/** OpenClaw resolves an alias only for a reference without a provider part. */
function resolveAlias(ref: string, aliases: ReadonlyMap<string, string>): string | undefined {
  const trimmed = ref.trim();
  if (trimmed === "") return undefined;
  if (trimmed.includes("/")) return ref;
  return aliases.get(trimmed.toLowerCase()) ?? ref;
}

/** The entry of a models map for `model`: the exact key, else a key that differs only in spelling. */
function findModelEntry(
  models: Record<string, unknown> | undefined,
  model: string,
  sourceMap?: SourceMap,
): { key: string; value: Record<string, unknown> } | undefined {
  if (!models) return undefined;
  const exact = Object.hasOwn(models, model) ? record(models[model]) : undefined;
  if (exact) return { key: model, value: exact };
  const wanted = normalizeModelRef(model);
  for (const key of orderedKeys(models, sourceMap)) {
    const value = record(models[key]);
    if (value && normalizeModelRef(key) === wanted) return { key, value };
  }
  return undefined;
}

const INTEGER_KEY = /^(?:0|[1-9][0-9]*)$/;

/** Own keys in source order when the source map knows them, else in JavaScript's order. */
export function orderedKeys(object: Record<string, unknown>, sourceMap?: SourceMap): string[] {
  const own = Object.keys(object);
  // JavaScript keeps insertion (= source) order except that it moves integer-like keys first, so
  // the source map is needed only when such a key exists; skipping it keeps large maps linear.
  if (!own.some((key) => INTEGER_KEY.test(key))) return own;
  const members = sourceMap?.members(object);
  if (!members) return own;
  const ordered: string[] = [];
  const seen = new Set<string>();
  for (const segment of members.keys()) {
    const key = String(segment);
    if (!seen.has(key) && Object.hasOwn(object, key)) {
      seen.add(key);
      ordered.push(key);
    }
  }
  for (const key of own) if (!seen.has(key)) ordered.push(key);
  return ordered;
}

/** The value as a plain object (not an array, not null), or undefined. */
export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
