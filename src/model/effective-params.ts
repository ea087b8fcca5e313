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

/** Whether parseModelRef(ref).provider is `provider` (not empty); a reference in normal form is judged without making strings. */
export function hasProvider(ref: string, provider: string): boolean {
  if (!isNormalModelRef(ref)) return parseModelRef(ref).provider === provider;
  return ref.startsWith(provider) && ref.charCodeAt(provider.length) === 47;
}

/** The form two spellings of one model share: provider lower-cased, both parts trimmed. */
export function normalizeModelRef(ref: string): string {
  // Most references are written in this form already: returning them as they are makes no new
  // strings for each of a large catalogue's keys.
  if (isNormalModelRef(ref)) return ref;
  const { provider, id } = parseModelRef(ref);
  return provider === "" ? id : `${provider}/${id}`;
}

/**
 * True when normalizeModelRef would return `ref` unchanged, judged on printable ASCII only:
 * neither end is whitespace, nor is either end of the part after the slash, and the provider part
 * has no upper-case letter. Anything else (non-ASCII included) takes the general path.
 */
function isNormalModelRef(ref: string): boolean {
  const last = ref.length - 1;
  if (last < 0 || !isPrintableAscii(ref.charCodeAt(0)) || !isPrintableAscii(ref.charCodeAt(last))) return false;
  const slash = ref.indexOf("/");
  // Without a provider part only the ends are trimmed.
  if (slash <= 0) return true;
  for (let i = 0; i < slash; i++) {
    const c = ref.charCodeAt(i);
    if (!isPrintableAscii(c) || (c >= 65 && c <= 90)) return false;
  }
  return slash === last || isPrintableAscii(ref.charCodeAt(slash + 1));
}

/** `!` to `~`: no whitespace, and unchanged by trimming. */
function isPrintableAscii(c: number): boolean {
  return c > 32 && c < 127;
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
  // Plain objects with every field computed: what the library has always returned.
  return listModelUses(config, sourceMap).map((use) => ({
    agent: use.agent,
    model: use.model,
    provider: use.provider,
    role: use.role,
    layers: use.layers,
    merged: use.merged,
    sourceOf: use.sourceOf,
  }));
}

/**
 * The same (agent, model) pairs as computeModelParams, in the same order, but each pair's layers,
 * merge and key sources are computed when first read. Lint rules read them for the few models
 * where prompt caching applies, and a config may list tens of thousands of models: computing them
 * all up front was most of a large file's lint time and memory. The config must not change while
 * the result is in use.
 */
export function listModelUses(config: unknown, sourceMap?: SourceMap): ModelParams[] {
  const agents = listAgents(config, sourceMap);
  const defaults = (agents[0] as ConfiguredAgent).value;
  const defaultModels = modelsMap(defaults["models"], sourceMap);
  const aliases = new AliasIndex(defaultModels);
  const defaultSelection = readSelection(defaults["model"], aliases);
  const result: ModelParams[] = [];
  // The keys of one map are distinct, and so are their normal forms when each is written in normal
  // form (the usual case). Then a model from that map is recognised by a property lookup, and the
  // set of models each agent has seen need not hold every key of a large catalogue.
  const distinctDefaults = defaultModels !== undefined && defaultModels.keys.every(isNormalModelRef);

  for (const agent of agents) {
    const isDefaults = agent.ref.kind === "defaults";
    const own = isDefaults ? defaultSelection : readSelection(agent.value["model"], aliases);
    // An agent inherits each part of the defaults' selection it does not set itself.
    const primary = own.primary ?? defaultSelection.primary;
    const fallbacks = own.fallbacks ?? defaultSelection.fallbacks ?? [];
    const agentModels = isDefaults ? undefined : modelsMap(agent.value["models"], sourceMap);
    const scope: AgentScope = { agent, isDefaults, defaults, defaultModels, agentModels, sourceMap };

    // Each model once, by normal form; the first way the agent reaches it decides its role.
    const seen = new Set<string>();
    const add = (model: string, role: ModelParams["role"]) => {
      const key = normalizeModelRef(model);
      if (key === "" || seen.has(key)) return;
      seen.add(key);
      result.push(new LazyModelParams(scope, model, role));
    };
    if (primary !== undefined) add(primary, "primary");
    for (const fallback of fallbacks) add(fallback, "fallback");
    const defaultKeys = defaultModels?.keys ?? [];
    for (let i = 0; i < defaultKeys.length; i++) {
      const key = defaultKeys[i] as string;
      if (!distinctDefaults) add(key, "listed");
      else if (!seen.has(key)) result.push(new LazyModelParams(scope, key, "listed"));
    }
    const agentKeys = agentModels?.keys ?? [];
    for (let i = 0; i < agentKeys.length; i++) {
      const key = agentKeys[i] as string;
      // Distinct defaults were listed above without entering `seen`.
      if (distinctDefaults && defaultModels.has(normalizeModelRef(key))) continue;
      add(key, "listed");
    }
  }
  return result;
}

/** What the params of every model of one agent are merged from. */
interface AgentScope {
  agent: ConfiguredAgent;
  isDefaults: boolean;
  defaults: Record<string, unknown>;
  defaultModels: ModelsMap | undefined;
  agentModels: ModelsMap | undefined;
  sourceMap: SourceMap | undefined;
}

/**
 * A ModelParams whose provider, layers and merge are made on first read, then kept. Four fields
 * only: a large config has one of these per model and agent.
 */
class LazyModelParams implements ModelParams {
  private computed: { provider?: string; layers?: readonly ParamLayer[]; merge?: ReturnType<typeof mergeLayers> } | undefined = undefined;

  constructor(
    private readonly scope: AgentScope,
    readonly model: string,
    readonly role: ModelParams["role"],
  ) {}

  get agent(): AgentRef {
    return this.scope.agent.ref;
  }

  get provider(): string {
    const computed = (this.computed ??= {});
    computed.provider ??= parseModelRef(this.model).provider;
    return computed.provider;
  }

  get layers(): readonly ParamLayer[] {
    const computed = (this.computed ??= {});
    computed.layers ??= paramLayers(this.scope, this.model);
    return computed.layers;
  }

  get merged(): Readonly<Record<string, unknown>> {
    return this.merge().merged;
  }

  get sourceOf(): ReadonlyMap<string, KeyPath> {
    return this.merge().sourceOf;
  }

  private merge(): ReturnType<typeof mergeLayers> {
    const computed = (this.computed ??= {});
    computed.merge ??= mergeLayers(this.layers, this.scope.sourceMap);
    return computed.merge;
  }
}

/** The params layers of one model for one agent, lowest precedence first (SPEC 1). */
function paramLayers(scope: AgentScope, model: string): ParamLayer[] {
  const layers: ParamLayer[] = [];
  const push = (layerScope: ParamLayer["scope"], path: KeyPath, value: unknown) => {
    const params = record(value);
    if (params) layers.push({ scope: layerScope, path, params });
  };
  push("defaults.params", ["agents", "defaults", "params"], scope.defaults["params"]);
  const defaultEntry = scope.defaultModels?.entryFor(model);
  if (defaultEntry) push("defaults.models", ["agents", "defaults", "models", defaultEntry.key, "params"], defaultEntry.value["params"]);
  if (!scope.isDefaults) {
    const { ref, value } = scope.agent;
    const agentEntry = scope.agentModels?.entryFor(model);
    if (agentEntry) push("agent.models", [...ref.path, "models", agentEntry.key, "params"], agentEntry.value["params"]);
    push("agent.params", [...ref.path, "params"], value["params"]);
  }
  return layers;
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
function readSelection(value: unknown, aliases: AliasIndex): Selection {
  if (typeof value === "string") {
    const primary = aliases.resolve(value);
    return primary === undefined ? {} : { primary };
  }
  const selection = record(value);
  if (!selection) return {};
  const result: Selection = {};
  const primary = typeof selection["primary"] === "string" ? aliases.resolve(selection["primary"]) : undefined;
  if (primary !== undefined) result.primary = primary;
  const fallbacks = selection["fallbacks"];
  if (Array.isArray(fallbacks)) {
    result.fallbacks = fallbacks.flatMap((f) => {
      const resolved = typeof f === "string" ? aliases.resolve(f) : undefined;
      return resolved === undefined ? [] : [resolved];
    });
  }
  return result;
}

/**
 * Aliases of `agents.defaults.models`, keyed the way OpenClaw matches them (trimmed, lower-cased).
 * Indexed on the first reference without a provider part: most configs select models by full
 * reference, and a large catalogue's aliases need not be read at all then.
 */
class AliasIndex {
  private index: Map<string, string> | undefined = undefined;

  constructor(private readonly models: ModelsMap | undefined) {}

  /** OpenClaw resolves an alias only for a reference without a provider part. */
  resolve(ref: string): string | undefined {
    const trimmed = ref.trim();
    if (trimmed === "") return undefined;
    if (trimmed.includes("/")) return ref;
    return this.aliases().get(trimmed.toLowerCase()) ?? ref;
  }

  private aliases(): Map<string, string> {
    if (this.index) return this.index;
    const index = new Map<string, string>();
    for (const key of this.models?.keys ?? []) {
      const alias = record(this.models?.object[key])?.["alias"];
      if (typeof alias !== "string") continue;
      const normalized = alias.trim().toLowerCase();
      // The first definition of an alias wins, as in OpenClaw's alias index.
      if (normalized !== "" && !index.has(normalized)) index.set(normalized, key);
    }
    this.index = index;
    return index;
  }
}

/** A `models` map (model reference → entry) with its keys in source order. */
interface ModelsMap {
  object: Record<string, unknown>;
  keys: readonly string[];
  /** Whether `key` is one of `keys`. */
  has(key: string): boolean;
  /** The entry for `model`: the exact key, else the first key that differs only in spelling. */
  entryFor(model: string): { key: string; value: Record<string, unknown> } | undefined;
}

function modelsMap(value: unknown, sourceMap?: SourceMap): ModelsMap | undefined {
  const object = record(value);
  if (!object) return undefined;
  const keys = orderedKeys(object, sourceMap);
  // Normalised key → first object entry with that spelling; built on the first inexact lookup, so
  // that matching many models is linear instead of a scan of every key for each.
  let spellings: Map<string, string> | undefined;
  const entryFor = (model: string) => {
    const exact = Object.hasOwn(object, model) ? record(object[model]) : undefined;
    if (exact) return { key: model, value: exact };
    if (!spellings) {
      spellings = new Map();
      for (const key of keys) {
        const normalized = normalizeModelRef(key);
        if (!spellings.has(normalized) && record(object[key])) spellings.set(normalized, key);
      }
    }
    const key = spellings.get(normalizeModelRef(model));
    return key === undefined ? undefined : { key, value: record(object[key]) as Record<string, unknown> };
  };
  // Own enumerable keys are exactly what orderedKeys lists.
  const has = (key: string) => Object.prototype.propertyIsEnumerable.call(object, key);
  return { object, keys, has, entryFor };
}

const INTEGER_KEY = /^(?:0|[1-9][0-9]*)$/;

/** True for a key that looks like an integer; the first character is tested first, as most keys are names. */
function isIntegerKey(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57 && INTEGER_KEY.test(key);
}

/**
 * Key lists of large objects, per parsed document (its source map), for the lint run that reads
 * them several times. Listing a map of thousands of keys is not cheap (V8 sorts a large object's
 * keys into insertion order on every listing), and a parsed config is not changed in place.
 */
const keyLists = new WeakMap<SourceMap, WeakMap<object, readonly string[]>>();
/** Objects with fewer keys are listed each time (cheap, and not worth a cache entry). */
const KEY_LIST_CACHE_MIN = 256;

/** The key list orderedKeys has kept for a large object of this document, if any (never lists keys itself). */
export function keptKeys(object: object, sourceMap: SourceMap): readonly string[] | undefined {
  return keyLists.get(sourceMap)?.get(object);
}

/** Own keys in source order when the source map knows them, else in JavaScript's order. */
export function orderedKeys(object: Record<string, unknown>, sourceMap?: SourceMap): readonly string[] {
  const cached = sourceMap ? keptKeys(object, sourceMap) : undefined;
  if (cached) return cached;
  const keys = listKeys(object, sourceMap);
  if (sourceMap && keys.length >= KEY_LIST_CACHE_MIN) {
    let lists = keyLists.get(sourceMap);
    if (!lists) keyLists.set(sourceMap, (lists = new WeakMap()));
    lists.set(object, keys);
  }
  return keys;
}

function listKeys(object: Record<string, unknown>, sourceMap?: SourceMap): readonly string[] {
  const own = Object.keys(object);
  // JavaScript keeps insertion (= source) order except that it moves integer-like keys first, so
  // the source map is needed only when such a key exists; skipping it keeps large maps linear.
  if (!own.some(isIntegerKey)) return own;
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
