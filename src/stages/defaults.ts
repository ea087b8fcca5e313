import type { AuthDecision } from "../auth/mode.js";
import type { KeyPath } from "../diagnostics/diagnostic.js";
import type { Origin, SourceMap } from "../document/source-map.js";
import { computeModelParams, normalizeModelRef } from "../model/effective-params.js";
import { RETENTION_KEY, seededModels } from "../model/prompt-cache.js";
import type { ModelParams } from "../rules/context.js";
import type { ProvenanceStep } from "./provenance.js";
import { withStep } from "./provenance.js";

/** Id of OpenClaw's API-key prompt-caching default, as provenance and `cache` show it. */
export const API_KEY_CACHE_DEFAULT = "api-key-cache-retention";
/** The value OpenClaw's API-key default writes. */
export const DEFAULT_RETENTION = "short";

/** One value the defaults step added. */
export interface AppliedDefault {
  id: string;
  /** Path of the added value, e.g. `agents.defaults.models["anthropic/claude-opus-4-6"].params.cacheRetention`. */
  path: KeyPath;
  value: unknown;
}

/** The config with OpenClaw's defaults filled in, and what was added. */
export interface ApplyDefaultsResult {
  value: unknown;
  added: AppliedDefault[];
}

/**
 * Applies OpenClaw's API-key prompt-caching default (SPEC 1) to a migrated config: under API-key
 * auth, `cacheRetention: "short"` goes into `agents.defaults.models[ref].params` of every model
 * OpenClaw seeds (each `anthropic/*` key and Bedrock Claude key of agents.defaults.models, and the
 * defaults' primary model, which gets an entry when it has none), unless a layer of that model's
 * params merge already sets cacheRetention (agents.defaults.params counts). Under subscription or
 * unknown auth nothing is added. Added values and the containers created for them carry a
 * `default` step whose origin is the nearest entry that exists in the files. Returns a new value.
 */
export function applyDefaults(value: unknown, sourceMap: SourceMap, auth: AuthDecision): ApplyDefaultsResult {
  if (auth.mode !== "api-key" || !isRecord(value)) return { value, added: [] };
  const models = computeModelParams(value, sourceMap);
  const targets = seededModels(value, models);
  const step: ProvenanceStep = {
    kind: "default",
    id: API_KEY_CACHE_DEFAULT,
    description: `OpenClaw's API-key cacheRetention for Anthropic models`,
  };

  const added: AppliedDefault[] = [];
  let root: Record<string, unknown> = value;
  for (const target of targets) {
    const use = models.find((m) => m.agent.kind === "defaults" && normalizeModelRef(m.model) === target);
    if (!use || setsRetention(use)) continue;
    const modelKey = entryKey(use) ?? catalogKey(root, target) ?? use.model;
    const path: KeyPath = ["agents", "defaults", "models", modelKey, "params", RETENTION_KEY];
    root = setPath(root, path, DEFAULT_RETENTION, sourceMap, step);
    added.push({ id: API_KEY_CACHE_DEFAULT, path, value: DEFAULT_RETENTION });
  }
  return { value: root, added };
}

/** True when some layer of the merge (agents.defaults.params or the model's entry) already has cacheRetention. */
function setsRetention(use: ModelParams): boolean {
  return use.layers.some((layer) => Object.hasOwn(layer.params, RETENTION_KEY) && layer.params[RETENTION_KEY] !== undefined);
}

/** The agents.defaults.models key of the model's params layer, when it has one. */
function entryKey(use: ModelParams): string | undefined {
  const layer = use.layers.find((l) => l.scope === "defaults.models");
  const key = layer?.path[3];
  return typeof key === "string" ? key : undefined;
}

/** An existing agents.defaults.models key for the model (an entry without params has no layer). */
function catalogKey(root: Record<string, unknown>, target: string): string | undefined {
  const catalog = child(child(child(root, "agents"), "defaults"), "models");
  return catalog ? Object.keys(catalog).find((key) => normalizeModelRef(key) === target && isRecord(catalog[key])) : undefined;
}

/**
 * Returns a copy of `root` with `value` at `path`, copying each container on the way (origins
 * copied too) and creating missing objects. New members get the origin of the nearest existing
 * container's entry, with `step` appended, so they locate at the entry they belong to.
 */
function setPath(root: Record<string, unknown>, path: KeyPath, value: unknown, sourceMap: SourceMap, step: ProvenanceStep): Record<string, unknown> {
  const copy = (object: Record<string, unknown>): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(object)) define(result, key, object[key]);
    sourceMap.copy(object, result);
    return result;
  };
  const top = copy(root);
  const primary = primaryOrigin(root, sourceMap);
  let current = top;
  let anchor: Origin | undefined = sourceMap.locate(root, [])?.origin;
  path.forEach((segment, i) => {
    const key = String(segment);
    const last = i === path.length - 1;
    const existing = current[key];
    const origin = Object.hasOwn(current, key) ? sourceMap.get(current, key) : undefined;
    if (origin && !last) anchor = origin;
    // A model entry created for the primary model is shown where the primary model is chosen.
    if (i === MODEL_ENTRY_DEPTH && !isRecord(existing) && primary) anchor = primary;
    if (last) {
      define(current, key, value);
      if (anchor) sourceMap.set(current, key, added(anchor, step));
      return;
    }
    const next = isRecord(existing) ? copy(existing) : {};
    define(current, key, next);
    if (!isRecord(existing) && anchor) sourceMap.set(current, key, added(anchor, step));
    current = next;
  });
  return top;
}

/** The origin of an added value: located at `anchor`, with only the default in its history (the anchor's own steps describe the anchor). */
function added(anchor: Origin, step: ProvenanceStep): Origin {
  const { doc, node, key, parent, member } = anchor;
  return withStep({ doc, node, ...(key ? { key } : {}), ...(parent ? { parent } : {}), ...(member ? { member } : {}) }, step);
}

/** Index of the model key in `agents.defaults.models[ref].params.cacheRetention`. */
const MODEL_ENTRY_DEPTH = 3;

/** Where agents.defaults chooses its primary model (`model.primary` or `model`), when it does. */
function primaryOrigin(root: Record<string, unknown>, sourceMap: SourceMap): Origin | undefined {
  const defaults = child(child(root, "agents"), "defaults");
  if (!defaults) return undefined;
  const model = defaults["model"];
  if (isRecord(model) && Object.hasOwn(model, "primary")) return sourceMap.get(model, "primary");
  return sourceMap.get(defaults, "model");
}

function child(value: unknown, key: string): Record<string, unknown> | undefined {
  if (!isRecord(value) || !Object.hasOwn(value, key)) return undefined;
  const next = value[key];
  return isRecord(next) ? next : undefined;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
