import type { Diagnostic, KeyPath } from "../diagnostics/diagnostic.js";
import { formatPath } from "../diagnostics/diagnostic.js";
import { parseDotenv } from "./dotenv.js";
import type { EnvSource, EnvVar } from "./dotenv.js";

/** Inputs besides the config: dotenv files (already read) and, when the user opts in, the process environment. */
export interface EnvironmentOptions {
  /** In OpenClaw's loading order: `./.env` before `~/.openclaw/.env`. */
  envFiles?: { file: string; text: string }[];
  processEnv?: Record<string, string | undefined>;
}

/** The variables OpenClaw would see, each with its winning source, plus env-file problems. */
export interface Environment {
  vars: Map<string, EnvVar>;
  diagnostics: Diagnostic[];
}

// Keys of the config's `env` block that configure it rather than set a variable.
const ENV_BLOCK_SETTINGS = new Set(["shellEnv", "vars"]);

/**
 * Collects the environment OpenClaw runs with. OpenClaw never overrides a variable that is
 * already set, so the first source wins: the process environment (only when given), then the env
 * files in order (the first file defining a name wins, as dotenv does not override), then the
 * config's `env` block, which fills only names that are unset or blank. Within the block,
 * `env.KEY` beats `env.vars.KEY`. Ignored definitions are kept in `shadows`. Never throws.
 */
export function collectEnvironment(config: unknown, options: EnvironmentOptions = {}): Environment {
  const vars = new Map<string, EnvVar>();
  const diagnostics: Diagnostic[] = [];

  const processEnv = isRecord(options.processEnv) ? options.processEnv : undefined;
  if (processEnv) {
    for (const name of Object.keys(processEnv)) {
      const value = processEnv[name];
      if (typeof value === "string") vars.set(name, { name, value, source: { kind: "process" } });
    }
  }

  for (const envFile of Array.isArray(options.envFiles) ? options.envFiles : []) {
    if (!envFile || typeof envFile.text !== "string") continue;
    const parsed = parseDotenv(envFile.text, String(envFile.file));
    diagnostics.push(...parsed.diagnostics);
    for (const defined of parsed.vars.values()) {
      // dotenv leaves a variable alone when it exists at all, even with an empty value.
      layer(vars, defined, (existing) => existing === undefined);
    }
  }

  for (const defined of configEnvVars(config).values()) {
    // OpenClaw applies the config block where the variable is unset or only whitespace.
    layer(vars, defined, (existing) => existing === undefined || existing.value.trim() === "");
  }
  return { vars, diagnostics };
}

/** Variables set by the config's `env` block (`env.vars.KEY` and string `env.KEY`), as OpenClaw collects them. */
export function configEnvVars(config: unknown): Map<string, EnvVar> {
  const result = new Map<string, EnvVar>();
  const env = isRecord(config) ? config["env"] : undefined;
  if (!isRecord(env)) return result;
  const block = env["vars"];
  if (isRecord(block)) {
    for (const name of Object.keys(block)) {
      const value = block[name];
      // OpenClaw skips empty entries of env.vars.
      if (typeof value === "string" && value !== "") {
        result.set(name, { name, value, source: { kind: "config", path: ["env", "vars", name] } });
      }
    }
  }
  for (const name of Object.keys(env)) {
    if (ENV_BLOCK_SETTINGS.has(name)) continue;
    const value = env[name];
    if (typeof value === "string" && value.trim() !== "") {
      const shadowed = result.get(name);
      const defined: EnvVar = { name, value, source: { kind: "config", path: ["env", name] } };
      if (shadowed) defined.shadows = [shadowed];
      result.set(name, defined);
    }
  }
  return result;
}

/** Adds `defined` unless a higher-precedence definition already holds the name; the loser goes into `shadows`. */
function layer(vars: Map<string, EnvVar>, defined: EnvVar, replaces: (existing: EnvVar | undefined) => boolean): void {
  const existing = vars.get(defined.name);
  if (replaces(existing)) {
    const shadows = [...(existing ? flatten(existing) : []), ...(defined.shadows ?? [])];
    vars.set(defined.name, withShadows(defined, shadows));
  } else if (existing) {
    vars.set(defined.name, withShadows(existing, [...(existing.shadows ?? []), ...flatten(defined)]));
  }
}

/** A definition followed by the ones it shadows, as one flat list without nesting. */
function flatten(defined: EnvVar): EnvVar[] {
  return [withShadows(defined, []), ...(defined.shadows ?? [])];
}

function withShadows(defined: EnvVar, shadows: EnvVar[]): EnvVar {
  const { shadows: _previous, ...plain } = defined;
  return shadows.length > 0 ? { ...plain, shadows } : plain;
}

/** Human description of where a variable came from: `the process environment`, `.env line 3`, `the config's env.vars.X`. */
export function describeEnvSource(source: EnvSource): string {
  switch (source.kind) {
    case "process":
      return "the process environment";
    case "env-file":
      return `${source.file} line ${source.line}`;
    case "config":
      return `the config's ${formatPath(source.path as KeyPath)}`;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
