import type { ObjectNode } from "@humanwhocodes/momoa";
import type { Fix, KeyPath, TextEdit } from "../diagnostics/diagnostic.js";
import { formatPath } from "../diagnostics/diagnostic.js";
import { insertMember } from "../document/members.js";
import { normalizeModelRef, record } from "../model/effective-params.js";
import type { Retention, ShadowedRetention } from "../model/prompt-cache.js";
import {
  LEGACY_TTL_KEY,
  RETENTION_KEY,
  describeActualRuns,
  findShadowedRetentions,
  groupByIntendedKey,
  isGlobalParamsKey,
  listModels,
} from "../model/prompt-cache.js";
import { valueAt } from "../stages/validate.js";
import type { LintContext } from "./context.js";
import { defineRule } from "./rule.js";

const CATALOG: KeyPath = ["agents", "defaults", "models"];

/** Under API-key auth, a cache setting in agents.defaults.params that OpenClaw's per-model default outranks. */
export const shadowedGlobalRetention = defineRule<LintContext>({
  meta: {
    id: "shadowed-global-retention",
    description: "Under API-key auth OpenClaw's per-model cacheRetention default outranks agents.defaults.params.",
    defaultSeverity: "warning",
    fixable: "fix",
    docs: {
      checks:
        "Only when the Anthropic auth mode is API key. A `cacheRetention` (or legacy `cacheControlTtl`) in `agents.defaults.params` that " +
        "decides the cache of an Anthropic model which OpenClaw's API-key defaults seed (each Anthropic key of `agents.defaults.models`, " +
        "Claude on `amazon-bedrock`, and the primary model) when the value is not `\"short\"`.",
      why:
        'Under API-key auth OpenClaw writes `cacheRetention: "short"` into the own `params` of each such model that has no cacheRetention string, ' +
        'and a model\'s own params outrank `agents.defaults.params`. A global `"long"` therefore runs as `"short"` (and a global `"none"` ' +
        "still caches), as checked against OpenClaw 2026.9.6. This tool fills `\"short\"` only where no level sets a value, so its resolved " +
        "config keeps the global value; OpenClaw itself downgrades the file until the value is also in the models' own params.",
      invalid:
        '{\n  env: { ANTHROPIC_API_KEY: "${ANTHROPIC_API_KEY}" },\n  agents: {\n    defaults: {\n      model: "anthropic/claude-opus-4-6",\n' +
        '      params: { cacheRetention: "long" },\n      models: { "anthropic/claude-opus-4-6": {} },\n    },\n  },\n}',
      valid:
        '{\n  env: { ANTHROPIC_API_KEY: "${ANTHROPIC_API_KEY}" },\n  agents: {\n    defaults: {\n      model: "anthropic/claude-opus-4-6",\n' +
        '      params: { cacheRetention: "long" },\n      models: { "anthropic/claude-opus-4-6": { params: { cacheRetention: "long" } } },\n    },\n  },\n}',
      fix:
        "`lint --fix` writes the global value into the `params` of each affected model under `agents.defaults.models`, creating `params` " +
        "(or the model's entry) where missing, and leaves `agents.defaults.params` as it is for the other models. That changes nothing " +
        "for this tool's resolved config and makes OpenClaw agree with it. The fix is not offered when a model's params already hold a " +
        "non-string cacheRetention, or when `agents.defaults.models` does not exist: that map is also the model allowlist, so creating " +
        "it is left to you.",
    },
  },
  check(context) {
    if (context.auth.mode !== "api-key") return;
    const found = findShadowedRetentions(context.config, context.models).filter(
      (item) => isGlobalParamsKey(item.intended.path) && item.actual.source === "seeded",
    );
    for (const group of groupByIntendedKey(found)) {
      const first = group[0];
      if (!first) continue;
      const { key, value, path } = first.intended;
      const written = key === LEGACY_TTL_KEY ? `cacheControlTtl ${JSON.stringify(legacyValue(value))} (cacheRetention "${value}")` : `cacheRetention "${value}"`;
      const edit = writeIntoModels(context, group, value);
      context.report({
        path,
        message: `agents.defaults.params sets ${written}, but under API-key auth OpenClaw runs ${describeActualRuns(group)}.`,
        notes: [
          "OpenClaw's API-key defaults write cacheRetention \"short\" into the params of each Anthropic model in agents.defaults.models (and of the primary model) that has none, and a model's own params outrank agents.defaults.params.",
          `Set cacheRetention: "${value}" in those models' params under agents.defaults.models${"fix" in edit ? " (lint --fix does this)" : ""}; this tool's resolved config already uses "${value}" for them.`,
          ...("blocked" in edit ? [edit.blocked] : []),
        ],
        ...("fix" in edit ? { fix: edit.fix } : {}),
      });
    }
  },
});

function legacyValue(value: Retention): string {
  return value === "long" ? "1h" : "5m";
}

/**
 * Edits that write the value into each affected model's own params in agents.defaults.models, or
 * why that is not safe (all or nothing, so one run settles every model).
 */
function writeIntoModels(context: LintContext, group: readonly ShadowedRetention[], value: Retention): { fix: Fix } | { blocked: string } {
  const catalog = objectAt(context.config, CATALOG);
  const catalogNode = catalog ? objectNode(context, CATALOG) : undefined;
  if (!catalog || !catalogNode) {
    return { blocked: "lint --fix does not create agents.defaults.models: that map is also the model allowlist, so adding it is your call." };
  }
  const edits: TextEdit[] = [];
  const done = new Set<string>();
  for (const item of group) {
    const model = normalizeModelRef(item.use.model);
    if (done.has(model)) continue;
    done.add(model);
    const key = Object.keys(catalog).find((k) => normalizeModelRef(k) === model);
    if (key === undefined) {
      edits.push(...insertMember(catalogNode.doc, catalogNode.node, item.use.model, { params: { [RETENTION_KEY]: value } }));
      continue;
    }
    const entryPath = [...CATALOG, key];
    const entry = objectAt(context.config, entryPath);
    const entryNode = objectNode(context, entryPath);
    if (!entry || !entryNode) return { blocked: `lint --fix leaves the file alone: ${formatPath(entryPath)} is not an object literal.` };
    if (!Object.hasOwn(entry, "params")) {
      edits.push(...insertMember(entryNode.doc, entryNode.node, "params", { [RETENTION_KEY]: value }));
      continue;
    }
    const paramsPath = [...entryPath, "params"];
    const params = objectAt(context.config, paramsPath);
    const paramsNode = objectNode(context, paramsPath);
    if (!params || !paramsNode) return { blocked: `lint --fix leaves the file alone: ${formatPath(paramsPath)} is not an object literal.` };
    if (Object.hasOwn(params, RETENTION_KEY)) {
      return { blocked: `lint --fix leaves the file alone: correct the invalid value at ${formatPath([...paramsPath, RETENTION_KEY])} first.` };
    }
    edits.push(...insertMember(paramsNode.doc, paramsNode.node, RETENTION_KEY, value));
  }
  return { fix: { description: `Write cacheRetention "${value}" into the params of ${listModels([...done])} in agents.defaults.models`, edits } };
}

function objectAt(root: unknown, path: KeyPath): Record<string, unknown> | undefined {
  return record(valueAt(root, path));
}

/** The object literal written at `path` (only when the path itself exists in the file). */
function objectNode(context: LintContext, path: KeyPath) {
  const origin = context.origin(path);
  if (!origin || origin.node.type !== "Object") return undefined;
  const node: ObjectNode = origin.node;
  return { doc: origin.doc, node };
}
