import type { KeyPath } from "../diagnostics/diagnostic.js";
import { classifyCredential } from "./credentials.js";
import type { EnvVar } from "./dotenv.js";
import { describeEnvSource } from "./environment.js";
import type { AuthStore } from "./store.js";

/** How OpenClaw authenticates to Anthropic: API key (prompt caching works) or subscription (setup-token/OAuth). */
export type AuthMode = "api-key" | "subscription" | "unknown";

/** The detected auth mode and what decided it. */
export interface AuthDecision {
  mode: AuthMode;
  /** One human sentence naming what decided, e.g. `auth.order.anthropic starts with "anthropic:default" (mode api_key)`. */
  source: string;
  via: "flag" | "auth-order" | "profiles" | "store" | "env" | "none";
  /** Config path of the deciding entry, when it is in the config. */
  path?: KeyPath;
  /** The deciding environment variable (`via: "env"`). */
  variable?: string;
  /** The deciding file when it is not the config: an auth store or an env file. */
  file?: string;
}

/** What `detectAuthMode` looks at. */
export interface AuthModeInput {
  config: unknown;
  env: Map<string, EnvVar>;
  stores?: AuthStore[];
  explicit?: "auto" | "api-key" | "subscription";
}

/** An Anthropic profile whose kind is known, from the config or from a store. */
interface KnownProfile {
  id: string;
  mode: "api-key" | "subscription";
  /** `mode api_key` or `type token in <file>`. */
  spelled: string;
  file?: string;
}

const PROVIDER = "anthropic";

/**
 * Decides the Anthropic auth mode the way OpenClaw does: an explicit `--auth` wins; then the first
 * id in `auth.order.anthropic` that names an Anthropic profile of known kind (config
 * `auth.profiles` mode first, else the store's type); then, if every Anthropic profile (config
 * and stores) is of one kind, that kind; then `ANTHROPIC_OAUTH_TOKEN` (subscription) or
 * `ANTHROPIC_API_KEY` (API key, even when its value is a setup-token); otherwise unknown.
 * Never throws on a malformed config.
 */
export function detectAuthMode(input: AuthModeInput): AuthDecision {
  if (input.explicit === "api-key" || input.explicit === "subscription") {
    return { mode: input.explicit, source: `--auth ${input.explicit} was given on the command line`, via: "flag" };
  }
  const stores = Array.isArray(input.stores) ? input.stores : [];
  const auth = record(record(input.config)?.["auth"]);
  const configProfiles = record(auth?.["profiles"]) ?? {};

  const resolve = (id: string): KnownProfile | undefined => resolveProfile(id, configProfiles, stores);

  const order = record(auth?.["order"])?.[PROVIDER];
  if (Array.isArray(order)) {
    for (let index = 0; index < order.length; index++) {
      const id = order[index];
      if (typeof id !== "string") continue;
      const profile = resolve(id);
      if (!profile) continue;
      const where =
        index === 0
          ? `auth.order.anthropic starts with ${JSON.stringify(id)}`
          : `${JSON.stringify(id)} is the first Anthropic profile in auth.order.anthropic`;
      return {
        mode: profile.mode,
        source: `${where} (${profile.spelled})`,
        via: "auth-order",
        path: ["auth", "order", PROVIDER, index],
        ...(profile.file !== undefined ? { file: profile.file } : {}),
      };
    }
  }

  const ids = new Set<string>(Object.keys(configProfiles));
  for (const store of stores) for (const id of store.profiles?.keys() ?? []) ids.add(id);
  const known: KnownProfile[] = [];
  for (const id of ids) {
    const profile = resolve(id);
    if (profile) known.push(profile);
  }
  const modes = new Set(known.map((p) => p.mode));
  const first = known[0];
  if (first && modes.size === 1) {
    const list = known.map((p) => `${JSON.stringify(p.id)} (${p.spelled})`).join(", ");
    const source =
      known.length === 1
        ? `the only Anthropic profile is ${list}`
        : `all ${known.length} Anthropic profiles use ${first.mode === "api-key" ? "API-key" : "subscription"} auth: ${list}`;
    const fromConfig = known.find((p) => p.file === undefined);
    return fromConfig
      ? { mode: first.mode, source, via: "profiles", path: ["auth", "profiles", fromConfig.id] }
      : { mode: first.mode, source, via: "store", ...(first.file !== undefined ? { file: first.file } : {}) };
  }

  const undecided =
    known.length === 0
      ? "no Anthropic auth profile decides"
      : "Anthropic profiles mix API-key and subscription auth and auth.order.anthropic picks none of them";
  const oauth = setVariable(input.env, "ANTHROPIC_OAUTH_TOKEN");
  if (oauth) {
    return envDecision("subscription", oauth, `${undecided}, and ANTHROPIC_OAUTH_TOKEN is set in ${describeEnvSource(oauth.source)}`);
  }
  const apiKey = setVariable(input.env, "ANTHROPIC_API_KEY");
  if (apiKey) {
    let source = `${undecided}, and ANTHROPIC_API_KEY is set in ${describeEnvSource(apiKey.source)}`;
    const kind = classifyCredential(apiKey.value);
    if (kind === "setup-token") source += "; its value is a setup-token, which OpenClaw still sends as an API key";
    else if (kind === "env-reference") source += `; its value is a reference to ${apiKey.value.trim()}, not resolved here`;
    return envDecision("api-key", apiKey, source);
  }
  return { mode: "unknown", source: `${undecided}, and neither ANTHROPIC_OAUTH_TOKEN nor ANTHROPIC_API_KEY is set`, via: "none" };
}

/** The auth kind of an `auth.profiles.*.mode` value; the misspelling `api-key` (and legacy `apiKey`) still mean API key. */
export function profileModeKind(mode: unknown): "api-key" | "subscription" | undefined {
  if (mode === "api_key" || mode === "api-key" || mode === "apiKey") return "api-key";
  if (mode === "oauth" || mode === "token") return "subscription";
  return undefined;
}

/** True when a provider id names Anthropic (case and surrounding spaces ignored). */
export function isAnthropicProvider(provider: unknown): boolean {
  return typeof provider === "string" && provider.trim().toLowerCase() === PROVIDER;
}

/**
 * An Anthropic profile of known kind for `id`: the config profile's mode when it has a valid one,
 * else the first store holding `id` as an Anthropic profile. Non-Anthropic and kind-less profiles
 * give undefined.
 */
function resolveProfile(id: string, configProfiles: Record<string, unknown>, stores: AuthStore[]): KnownProfile | undefined {
  const configured = Object.hasOwn(configProfiles, id) ? record(configProfiles[id]) : undefined;
  if (configured) {
    const provider = typeof configured["provider"] === "string" ? configured["provider"] : providerOfId(id);
    if (!isAnthropicProvider(provider)) return undefined;
    const raw = configured["mode"];
    const mode = profileModeKind(raw);
    if (mode) {
      const spelled = raw === "api_key" ? "mode api_key" : raw === "api-key" || raw === "apiKey" ? `mode ${raw}, read as api_key` : `mode ${String(raw)}`;
      return { id, mode, spelled };
    }
  }
  for (const store of stores) {
    const stored = store.profiles?.get(id);
    if (!stored) continue;
    if (!isAnthropicProvider(stored.provider)) return undefined;
    const mode = stored.type === "api_key" ? "api-key" : "subscription";
    return { id, mode, spelled: `type ${stored.type} in ${store.file}`, file: store.file };
  }
  return undefined;
}

function providerOfId(id: string): string {
  const colon = id.indexOf(":");
  return colon === -1 ? "" : id.slice(0, colon);
}

function setVariable(env: Map<string, EnvVar> | undefined, name: string): EnvVar | undefined {
  const variable = env instanceof Map ? env.get(name) : undefined;
  return variable && typeof variable.value === "string" && variable.value.trim() !== "" ? variable : undefined;
}

function envDecision(mode: AuthMode, variable: EnvVar, source: string): AuthDecision {
  const decision: AuthDecision = { mode, source, via: "env", variable: variable.name };
  if (variable.source.kind === "config") decision.path = variable.source.path;
  if (variable.source.kind === "env-file") decision.file = variable.source.file;
  return decision;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
