import type { KeyPath } from "../diagnostics/diagnostic.js";
import { formatPath } from "../diagnostics/diagnostic.js";
import { renameKey, replaceString } from "../document/edits.js";
import { ANTHROPIC_CATALOGUE_DATE, closestAnthropicModelId, isKnownAnthropicModelId } from "../model/anthropic-models.js";
import { hasProvider, listAgents } from "../model/effective-params.js";
import type { LintContext } from "./context.js";
import type { RuleReport } from "./rule.js";
import { defineRule } from "./rule.js";

// provider, a slash, then a model id that may itself contain slashes (openrouter/anthropic/claude-…).
const MODEL_REF = /^[^/\s]+\/\S+$/;
const REFERENCE = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/;

/** An agent's object (`agents.defaults`, a list entry or an entries entry) and where it is. */
interface AgentSection {
  path: KeyPath;
  value: Record<string, unknown>;
}

/** A `models` key that is not `provider/model`, or an Anthropic model id this tool does not know. */
export const invalidModelRef = defineRule<LintContext>({
  meta: {
    id: "invalid-model-ref",
    description: "A models key that is not provider/model, or an unknown Anthropic model id.",
    defaultSeverity: "warning",
    fixable: "suggestion",
    docs: {
      checks:
        "Keys of `agents.defaults.models` and of each agent's `models` (`agents.list[]`, `agents.entries.<id>`) must be model " +
        'references `provider/model`, such as `"anthropic/claude-opus-4-6"` or `"openrouter/anthropic/claude-sonnet-4-5"` (provider ' +
        "`openrouter`). An alias (`opus`) or a bare model id is not a reference, and `${VAR}` is not substituted in keys. For provider " +
        "`anthropic`, the model id in those keys and in the agents' model settings (`model`, `model.primary`, `model.fallbacks`, " +
        "`imageModel`, `pdfModel`, `heartbeat.model`, `subagents.model`, `compaction.model`) must also be in this tool's " +
        `catalogue of Anthropic models (${ANTHROPIC_CATALOGUE_DATE}). Entries whose value is not an object are left to the schema.`,
      why:
        "OpenClaw matches these keys against the `provider/model` it runs, so an entry keyed by anything else never applies its alias " +
        "and params to the model you meant. An Anthropic model id with a typo (`claude-sonnet-4.6`, `claude-opus-4-5-latest`) makes " +
        "every request to it fail with a not-found error.",
      invalid: '{\n  agents: {\n    defaults: {\n      model: { primary: "anthropic/claude-sonnet-4.6" },\n      models: { opus: { params: { cacheRetention: "long" } } },\n    },\n  },\n}',
      valid:
        '{\n  agents: {\n    defaults: {\n      model: { primary: "anthropic/claude-sonnet-4-6" },\n      models: { "anthropic/claude-opus-4-6": { alias: "opus", params: { cacheRetention: "long" } } },\n    },\n  },\n}',
      fix:
        "Write the key as `provider/model`; the suggestion offers the reference an alias stands for, or the Anthropic id closest to " +
        "a misspelled one. If a flagged Anthropic model is newer than the catalogue, it is fine: turn the rule off for it with " +
        "`--rule invalid-model-ref=off`.",
    },
  },
  check(context) {
    const sections: AgentSection[] = listAgents(context.config, context.sourceMap).map((agent) => ({ path: agent.ref.path, value: agent.value }));

    // Needed only to explain a malformed key, so made on the first one.
    let aliases: Map<string, string> | undefined;
    const aliasesOf = (): ReadonlyMap<string, string> => (aliases ??= aliasIndex(sections));
    const providerModels = configuredProviderModels(context.config);

    for (const section of sections) {
      const models = record(section.value["models"]);
      const mapPath: KeyPath = [...section.path, "models"];
      const keys = Object.keys(models ?? {});
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        // The key is checked first, before its entry is looked up or anything is made for it: a models
        // map may have tens of thousands of keys, nearly all fine.
        const malformed = !MODEL_REF.test(key);
        const unknown = malformed ? undefined : unknownAnthropicModel(key);
        if ((!malformed && !unknown) || record(models?.[key]) === undefined) continue;
        const path: KeyPath = [...mapPath, key];
        const rename = (to: string): RuleReport["suggestions"] => {
          const origin = context.origin(path);
          if (!origin?.key || Object.hasOwn(models ?? {}, to)) return undefined;
          return [{ description: `Rename the key to ${JSON.stringify(to)}`, edits: [renameKey(origin.doc, { key: origin.key }, to)] }];
        };
        if (malformed) {
          context.report({ path, part: "key", ...describeMalformedKey(key, mapPath, aliasesOf(), providerModels, rename) });
        } else if (unknown) {
          const suggestions = unknown.closest !== undefined ? rename(`anthropic/${unknown.closest}`) : undefined;
          context.report({ path, part: "key", ...unknownModelFinding(unknown.id, unknown.closest), ...(suggestions ? { suggestions } : {}) });
        }
      }
      for (const { path, ref } of modelSelections(section)) {
        const unknown = unknownAnthropicModel(ref);
        if (!unknown) continue;
        const origin = context.origin(path);
        const closest = unknown.closest;
        context.report({
          path,
          ...unknownModelFinding(unknown.id, closest),
          ...(origin && closest !== undefined
            ? { suggestions: [{ description: `Use "anthropic/${closest}"`, edits: [replaceString(origin.doc, origin.node, `anthropic/${closest}`)] }] }
            : {}),
        });
      }
    }
  },
});

/** Each alias of a `provider/model` key, trimmed, to the first key that defines it. */
function aliasIndex(sections: readonly AgentSection[]): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const section of sections) {
    const models = record(section.value["models"]);
    for (const key of Object.keys(models ?? {})) {
      const alias = record(models?.[key])?.["alias"];
      if (typeof alias === "string" && MODEL_REF.test(key) && !aliases.has(alias.trim())) aliases.set(alias.trim(), key);
    }
  }
  return aliases;
}

/** Message, notes and suggestion for a key that is not `provider/model`. */
function describeMalformedKey(
  key: string,
  mapPath: KeyPath,
  aliases: ReadonlyMap<string, string>,
  providerModels: ReadonlyMap<string, string>,
  rename: (to: string) => RuleReport["suggestions"],
): Pick<RuleReport, "message" | "notes" | "suggestions"> {
  const message = `${formatPath(mapPath)} has the key ${JSON.stringify(key)}, which is not a provider/model reference.`;
  const why = `Keys of a models map are references such as "anthropic/claude-opus-4-6"; OpenClaw matches them against the model it runs, so this entry's alias and params do not apply to the model you mean.`;
  if (REFERENCE.test(key)) {
    return { message, notes: [why, "OpenClaw substitutes ${VAR} only in string values, never in keys, so this key stays literally as written; write the reference itself."] };
  }
  const target = aliases.get(key.trim());
  if (target !== undefined) {
    const suggestions = rename(target);
    return { message, notes: [why, `${JSON.stringify(key)} is the alias of "${target}"; aliases name models in \`model\` settings, not in models keys. Use "${target}" as the key.`], ...(suggestions ? { suggestions } : {}) };
  }
  const provider = providerModels.get(key.trim());
  const anthropic = /^claude/i.test(key.trim()) ? closestAnthropicModelId(key) : undefined;
  const ref = provider !== undefined ? `${provider}/${key.trim()}` : anthropic !== undefined ? `anthropic/${anthropic}` : undefined;
  if (ref !== undefined) {
    const suggestions = rename(ref);
    return { message, notes: [why, `Did you mean "${ref}"?`], ...(suggestions ? { suggestions } : {}) };
  }
  return { message, notes: [why, 'Write the key as "provider/model", for example "anthropic/claude-sonnet-4-6", or remove the entry.'] };
}

/** Message and notes for an `anthropic/<id>` reference whose id is not in the catalogue. */
function unknownModelFinding(id: string, closest: string | undefined): Pick<RuleReport, "message" | "notes"> {
  return {
    message: `${JSON.stringify(id)} is not a known Anthropic model id.`,
    notes: [
      "Anthropic answers requests for a model id it does not know with a not-found error, so OpenClaw cannot use this model.",
      closest !== undefined
        ? `Did you mean "anthropic/${closest}"? (This tool's catalogue of Anthropic models is from ${ANTHROPIC_CATALOGUE_DATE}; a newer model is fine.)`
        : `This tool's catalogue of Anthropic models is from ${ANTHROPIC_CATALOGUE_DATE}; if the model is newer, the id is fine.`,
    ],
  };
}

/** For `anthropic/<id>` with an id outside the catalogue: the id and the closest known one. */
function unknownAnthropicModel(ref: string): { id: string; closest?: string } | undefined {
  if (!hasProvider(ref, "anthropic")) return undefined;
  const slash = ref.indexOf("/");
  const id = ref.slice(slash + 1);
  if (isKnownAnthropicModelId(id) || REFERENCE.test(id)) return undefined;
  const closest = closestAnthropicModelId(id);
  return closest !== undefined ? { id, closest } : { id };
}

// Settings of an agent (or agents.defaults) that select models: a ref, or { primary, fallbacks }.
const SELECTIONS: readonly KeyPath[] = [["model"], ["imageModel"], ["pdfModel"], ["heartbeat", "model"], ["subagents", "model"], ["compaction", "model"]];

/** The model strings an agent section selects: `model`, `model.primary`, `model.fallbacks[i]`, and the same for `heartbeat.model` and the like. */
function modelSelections(section: AgentSection): { path: KeyPath; ref: string }[] {
  const found: { path: KeyPath; ref: string }[] = [];
  for (const setting of SELECTIONS) {
    let model: unknown = section.value;
    for (const segment of setting) model = record(model)?.[segment as string];
    // Most settings are absent: their paths are made only for what is there.
    if (typeof model === "string") {
      found.push({ path: [...section.path, ...setting], ref: model });
      continue;
    }
    const selection = record(model);
    if (!selection) continue;
    const base: KeyPath = [...section.path, ...setting];
    if (typeof selection["primary"] === "string") found.push({ path: [...base, "primary"], ref: selection["primary"] });
    const fallbacks = selection["fallbacks"];
    if (Array.isArray(fallbacks)) {
      fallbacks.forEach((ref: unknown, index) => {
        if (typeof ref === "string") found.push({ path: [...base, "fallbacks", index], ref });
      });
    }
  }
  return found;
}

/** Model ids defined under `models.providers.<id>.models[]`, each with its (first) provider id. */
function configuredProviderModels(config: unknown): Map<string, string> {
  const result = new Map<string, string>();
  const providers = record(record(record(config)?.["models"])?.["providers"]);
  for (const provider of Object.keys(providers ?? {})) {
    const models = record(providers?.[provider])?.["models"];
    if (!Array.isArray(models)) continue;
    for (const model of models) {
      const id = record(model)?.["id"];
      if (typeof id === "string" && id.trim() !== "" && !result.has(id.trim())) result.set(id.trim(), provider);
    }
  }
  return result;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
