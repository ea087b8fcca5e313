import { storeHasAnthropicCredential } from "../auth/store.js";
import type { AgentStore } from "../auth/store.js";
import type { KeyPath } from "../diagnostics/diagnostic.js";
import type { LintContext, ModelParams } from "./context.js";
import type { RuleReport } from "./rule.js";
import { defineRule } from "./rule.js";

const ENV_CREDENTIALS = ["ANTHROPIC_API_KEY", "ANTHROPIC_OAUTH_TOKEN"] as const;

/** With `--state-dir`: an agent that runs an Anthropic model without any Anthropic credential. */
export const agentMissingCredentials = defineRule<LintContext>({
  meta: {
    id: "agent-missing-credentials",
    description: "An agent uses an Anthropic model but neither its auth store nor the environment holds an Anthropic credential.",
    defaultSeverity: "error",
    fixable: "none",
    docs: {
      checks:
        "With `--state-dir <dir>` (usually `~/.openclaw`): for each configured agent that runs an `anthropic/*` model (its primary " +
        "model or a fallback, its own or inherited from `agents.defaults`), the rule looks for an Anthropic credential in the agent's own store " +
        "`<dir>/agents/<id>/agent/auth-profiles.json` (an `api_key`, `token` or `oauth` profile of provider `anthropic`), in " +
        "`ANTHROPIC_API_KEY` or `ANTHROPIC_OAUTH_TOKEN` (the config's `env` block, `--env-file`, or the process environment with " +
        "`--use-process-env`), and in `models.providers.anthropic.apiKey` (a `${VAR}` there counts when the variable is set). It " +
        "reports the agent's entry in the config when there is none.",
      why:
        "Auth is per agent: each agent reads only its own `auth-profiles.json`, and a new agent does not inherit the main agent's " +
        'keys. Such an agent fails on its first message with `No API key found for provider "anthropic"`.',
      invalid:
        '// ~/.openclaw/agents/work/agent/auth-profiles.json does not exist, ANTHROPIC_API_KEY is not set\n{\n  agents: {\n    list: [\n      { id: "main", default: true },\n      { id: "work", model: "anthropic/claude-sonnet-4-6" },\n    ],\n  },\n}',
      valid:
        '// ~/.openclaw/agents/work/agent/auth-profiles.json holds an "anthropic:default" profile\n{\n  agents: {\n    list: [\n      { id: "main", default: true },\n      { id: "work", model: "anthropic/claude-sonnet-4-6" },\n    ],\n  },\n}',
      fix:
        "Configure auth for the agent (`openclaw agents add <id>` walks through it), or copy `auth-profiles.json` from the main " +
        "agent's directory (`~/.openclaw/agents/main/agent/`) into the agent's, or set `ANTHROPIC_API_KEY` in `~/.openclaw/.env` " +
        "so every agent can use it.",
    },
  },
  check(context) {
    const agents = context.stores.agents;
    if (!agents || agents.size === 0) return;
    if (ENV_CREDENTIALS.some((name) => (context.env.get(name)?.value.trim() ?? "") !== "")) return;
    if (hasProviderApiKey(context)) return;

    // Models an agent runs: its primary and fallbacks. Entries of a models map are only allowed choices.
    const anthropic = context.models.filter((use) => use.provider === "anthropic" && use.role !== "listed");
    const hasNamedAgents = context.models.some((use) => use.agent.kind !== "defaults");
    for (const [agentId, entry] of agents) {
      const own = anthropic.filter((use) => use.agent.kind !== "defaults" && use.agent.id === agentId);
      // Without agents.list/entries the one implicit agent runs on agents.defaults.
      const uses = own.length > 0 || hasNamedAgents ? own : anthropic.filter((use) => use.agent.kind === "defaults");
      const first = uses.find((use) => use.role === "primary") ?? uses[0];
      if (!first) continue;
      if (entry.store && storeHasAnthropicCredential(entry.store)) continue;
      const more = new Set(uses.map((use) => use.model)).size - 1;
      context.report({
        ...agentLocation(first, context.config),
        message: `Agent ${JSON.stringify(agentId)} uses ${first.model}${more > 0 ? ` and ${more} more Anthropic ${more === 1 ? "model" : "models"}` : ""} but has no Anthropic credential.`,
        notes: [
          `${describeStore(entry)}, and neither ANTHROPIC_API_KEY nor ANTHROPIC_OAUTH_TOKEN is set, so OpenClaw answers 'No API key found for provider "anthropic"' for this agent.`,
          "Auth is per agent and new agents do not inherit the main agent's keys: configure auth for this agent (`openclaw agents add <id>`), copy auth-profiles.json from the main agent's directory, or set ANTHROPIC_API_KEY in ~/.openclaw/.env.",
        ],
      });
    }
  },
});

/** Where to report an agent: a list entry's `id`, an entries key, or the `agents.defaults` key. */
function agentLocation(use: ModelParams, config: unknown): Pick<RuleReport, "path" | "part"> {
  const path: KeyPath = use.agent.path;
  if (use.agent.kind === "list") {
    const entry = valueAt(config, path);
    return typeof entry === "object" && entry !== null && "id" in entry ? { path: [...path, "id"] } : { path };
  }
  return { path, part: "key" };
}

function describeStore(entry: AgentStore): string {
  if (entry.missing) return `Its auth store ${entry.file} does not exist`;
  if (!entry.store) return `Its auth store ${entry.file} could not be read`;
  return `Its auth store ${entry.file} holds no Anthropic profile with a credential`;
}

/** `models.providers.anthropic.apiKey` set to a literal, a secret reference, or `${VAR}` references that are all set. */
function hasProviderApiKey(context: LintContext): boolean {
  const providers = valueAt(context.config, ["models", "providers"]);
  if (typeof providers !== "object" || providers === null) return false;
  for (const [id, provider] of Object.entries(providers)) {
    if (id.trim().toLowerCase() !== "anthropic" || typeof provider !== "object" || provider === null) continue;
    const key = (provider as Record<string, unknown>)["apiKey"];
    if (typeof key === "object" && key !== null) return true;
    if (typeof key !== "string" || key.trim() === "") continue;
    const names = [...key.matchAll(/\$\{([A-Z_][A-Z0-9_]*)\}/g)].map((match) => match[1] as string);
    if (names.every((name) => (context.env.get(name)?.value.trim() ?? "") !== "")) return true;
  }
  return false;
}

function valueAt(root: unknown, path: KeyPath): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}
