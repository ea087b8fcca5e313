import { collectEnvironment } from "../auth/environment.js";
import { listGivenStores } from "../auth/given-stores.js";
import { detectAuthMode } from "../auth/mode.js";
import type { ReadTextFile } from "../auth/store.js";
import { parseAuthStore, readAgentStores } from "../auth/store.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../document/source-map.js";
import { listAgents, listModelUses } from "../model/effective-params.js";
import type { LintContext, LintStores } from "../rules/context.js";

/** The agent OpenClaw runs when the config names none (its store is `agents/main/agent/`). */
export const IMPLICIT_AGENT_ID = "main";

/** What the lint rules need besides the config: the user's auth, environment and store choices. */
export interface LintInputs {
  /** `--auth`: `auto` (default) detects the mode; the others force it. */
  auth?: "auto" | "api-key" | "subscription";
  /** `--env-file` files, already read, in OpenClaw's loading order (the first file defining a name wins). */
  envFiles?: { file: string; text: string }[];
  /** The process environment, only when the user opts in (`--use-process-env`). */
  processEnv?: Record<string, string | undefined>;
  /** `--auth-profiles <file>`: an `auth-profiles.json`, already read. */
  authProfiles?: { file: string; text: string };
  /** `--state-dir <dir>`: each configured agent's store is read from `<dir>/agents/<id>/agent/auth-profiles.json`. */
  stateDir?: string;
  /** Reads an agent store (tests pass their own); default: the file system. */
  readFile?: ReadTextFile;
  /** Milliseconds since the epoch; default: the current time. */
  now?: number;
}

/** A lint context without `report`/`origin` (the lint stage adds those), plus problems found in the inputs. */
export interface PreparedLintContext {
  base: Omit<LintContext, "report" | "origin">;
  /** Problems in env files and auth stores; each names its own file. */
  diagnostics: Diagnostic[];
}

/**
 * Builds what every rule sees: the decided auth mode, the environment OpenClaw would run with,
 * each agent's effective params per model, the auth stores, and the time. Never throws.
 */
export function prepareLintContext(config: unknown, sourceMap: SourceMap, inputs: LintInputs = {}): PreparedLintContext {
  const diagnostics: Diagnostic[] = [];
  const environment = collectEnvironment(config, {
    ...(inputs.envFiles ? { envFiles: inputs.envFiles } : {}),
    ...(inputs.processEnv ? { processEnv: inputs.processEnv } : {}),
  });
  diagnostics.push(...environment.diagnostics);

  const stores: LintStores = {};
  if (inputs.authProfiles) {
    const parsed = parseAuthStore(inputs.authProfiles.text, inputs.authProfiles.file);
    diagnostics.push(...parsed.diagnostics);
    stores.authProfiles = { file: inputs.authProfiles.file, ...(parsed.store ? { store: parsed.store } : {}) };
  }
  if (inputs.stateDir !== undefined) {
    stores.agents = readAgentStores(inputs.stateDir, configuredAgentIds(config, sourceMap), inputs.readFile);
    for (const agent of stores.agents.values()) diagnostics.push(...agent.diagnostics);
  }

  const auth = detectAuthMode({
    config,
    env: environment.vars,
    stores: listGivenStores(stores),
    ...(inputs.auth ? { explicit: inputs.auth } : {}),
  });
  return {
    base: {
      config,
      sourceMap,
      auth,
      env: environment.vars,
      models: listModelUses(config, sourceMap),
      stores,
      now: inputs.now ?? Date.now(),
    },
    diagnostics,
  };
}

/** Ids of the agents whose stores matter: each named agent, or `main` when the config names none. */
export function configuredAgentIds(config: unknown, sourceMap?: SourceMap): string[] {
  const ids = listAgents(config, sourceMap).flatMap((agent) => {
    if (agent.ref.kind === "defaults") return [];
    // A list entry without a string id has no directory of its own (the schema reports the missing id).
    if (agent.ref.kind === "list" && agent.value["id"] !== agent.ref.id) return [];
    return [agent.ref.id];
  });
  return ids.length > 0 ? ids : [IMPLICIT_AGENT_ID];
}
