import type { EnvVar } from "../auth/dotenv.js";
import type { AuthDecision } from "../auth/mode.js";
import type { AgentStore, AuthStore } from "../auth/store.js";
import type { KeyPath } from "../diagnostics/diagnostic.js";
import type { RuleContext } from "./rule.js";

/** Which agent a set of params belongs to. `defaults` stands for agents that inherit everything. */
export interface AgentRef {
  kind: "defaults" | "list" | "entries";
  /** Agent id (`"defaults"` for kind defaults). */
  id: string;
  /** Path of the agent's object in the config (`["agents","list",0]`, `["agents","entries","main"]`, `["agents","defaults"]`). */
  path: KeyPath;
}

/** One `params` bag that takes part in a model's merge, lowest precedence first. */
export interface ParamLayer {
  scope: "defaults.params" | "defaults.models" | "agent.models" | "agent.params";
  /** Path of the params object itself. */
  path: KeyPath;
  params: Readonly<Record<string, unknown>>;
}

/** The params one agent uses for one model, merged in OpenClaw's order (SPEC 1). */
export interface ModelParams {
  agent: AgentRef;
  /** The model reference as written (`anthropic/claude-opus-4-6`), aliases resolved when possible. */
  model: string;
  /** Provider part of the reference (`anthropic`), lower-cased. */
  provider: string;
  /** How the agent reaches this model. */
  role: "primary" | "fallback" | "listed";
  layers: readonly ParamLayer[];
  /** Later layers win key by key. */
  merged: Readonly<Record<string, unknown>>;
  /** For each merged key, the path of the key that set it. */
  sourceOf: ReadonlyMap<string, KeyPath>;
}

/** Auth stores the user pointed the linter at. */
export interface LintStores {
  /** `--auth-profiles <file>`. */
  authProfiles?: { file: string; store?: AuthStore };
  /** `--state-dir <dir>`: each configured agent's store, by agent id. */
  agents?: ReadonlyMap<string, AgentStore>;
}

/** What every lint rule sees: the config, the decided auth mode, the environment and effective params. */
export interface LintContext extends RuleContext {
  auth: AuthDecision;
  env: ReadonlyMap<string, EnvVar>;
  /** Every (agent, model) pair the config can run, with merged params. */
  models: readonly ModelParams[];
  stores: LintStores;
  /** Milliseconds since the epoch (fixed in tests). */
  now: number;
}
