import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic, KeyPath, Severity, SourceRange } from "../diagnostics/diagnostic.js";
import { FILE_START } from "../diagnostics/diagnostic.js";
import type { ConfigDocument } from "../document/document.js";
import { parseConfig } from "../stages/parse.js";
import { looksLikeSecret } from "./credentials.js";

/** Credential types of `auth-profiles.json`. */
export type AuthStoreProfileType = "api_key" | "token" | "oauth";

/** One usable entry of an agent's auth store, normalised the way OpenClaw loads it. */
export interface AuthStoreProfile {
  /** The profile id, e.g. `anthropic:default`. */
  id: string;
  type: AuthStoreProfileType;
  /** Lower-cased, trimmed provider id. */
  provider: string;
  key?: string;
  token?: string;
  access?: string;
  refresh?: string;
  /** Expiry in ms since the epoch; 0 when the file holds an invalid value (OpenClaw treats it as expired). */
  expires?: number;
  email?: string;
  /** The credential is a secret reference (`keyRef`, `tokenRef`, or an object in `key`/`token`), resolved elsewhere. */
  secretRef: boolean;
  /** Range of the profile's id in the store file. */
  range: SourceRange;
  /** Range of `expires`, when present. */
  expiresRange?: SourceRange;
}

/** A parsed `auth-profiles.json`. Profiles OpenClaw would drop are left out (and reported). */
export interface AuthStore {
  file: string;
  version: number;
  profiles: Map<string, AuthStoreProfile>;
  /** The store's own per-provider profile order, when it has one. */
  order?: Map<string, string[]>;
  document: ConfigDocument;
}

/** Result of parsing one store file. */
export interface AuthStoreResult {
  store?: AuthStore;
  diagnostics: Diagnostic[];
}

/** Expiry state of a profile: api_key profiles are always `ok`. */
export type ExpiryGrade = "ok" | "expired" | "no-expiry" | "expiring";

/** Token/OAuth profiles expiring this soon are graded `expiring`. */
export const EXPIRING_WINDOW_MS = 24 * 60 * 60 * 1000;
// Any real expiry in ms is far above this (1973-03-03); smaller numbers were written in seconds.
const SECONDS_THRESHOLD = 1e11;
const STORE_VERSION = 1;
const TYPES = new Set<string>(["api_key", "token", "oauth"]);
const DROPPED = "OpenClaw ignores this profile when it loads the store.";
const NOT_AN_OBJECT = "OpenClaw ignores a store that is not an object, so the agent has no stored credentials.";

/**
 * Parses an agent's `auth-profiles.json` (JSON5, located diagnostics). Accepts OpenClaw's legacy
 * spellings (`mode` for `type`, `apiKey` for `api_key` and for `key`). Entries OpenClaw would
 * drop (not an object, unknown type, no provider) are reported as `auth-store/*` errors and left out.
 */
export function parseAuthStore(text: string, file: string): AuthStoreResult {
  const parsed = parseConfig(text, file);
  const diagnostics: Diagnostic[] = parsed.diagnostics.map((d) => {
    // parseConfig words these two for the main config; an auth store needs its own advice.
    if (d.code === "parse/root-not-object") {
      return { ...d, code: "auth-store/root-not-object", message: "An auth store must be an object of the form `{ version: 1, profiles: { ... } }`.", notes: [NOT_AN_OBJECT] };
    }
    return d.code === "parse/empty-file" ? { ...d, notes: [NOT_AN_OBJECT] } : d;
  });
  const doc = parsed.document;
  if (!doc) return { diagnostics };
  const root = doc.value as Record<string, unknown>;

  const at = (path: KeyPath, part: "key" | "value" = "value"): SourceRange => doc.sourceMap.locate(root, path, part)?.range ?? FILE_START;
  const report = (code: string, severity: Severity, message: string, path: KeyPath, notes: string[], part: "key" | "value" = "value"): void => {
    diagnostics.push({ code: `auth-store/${code}`, severity, message, file, range: at(path, part), path, notes });
  };

  let version = STORE_VERSION;
  if ("version" in root) {
    const raw = root["version"];
    // OpenClaw reads Number(version) and falls back to 1 when that is not a positive number.
    const number = typeof raw === "number" || typeof raw === "string" ? Number(raw) : Number.NaN;
    if (Number.isFinite(number) && number > 0) {
      version = number;
      if (number !== STORE_VERSION) {
        report("unsupported-version", "warning", `Unsupported store version ${describeScalar(raw)}; this tool understands version 1.`, ["version"], [
          "OpenClaw writes version 1; another version may come from a newer OpenClaw whose format this tool does not know.",
        ]);
      }
    } else {
      report("invalid-version", "warning", `Invalid store version ${describeScalar(raw)}; OpenClaw reads it as version 1.`, ["version"], [
        "Write `version: 1`.",
      ]);
    }
  }

  const store: AuthStore = { file, version, profiles: new Map(), document: doc };
  const profiles = root["profiles"];
  if (!("profiles" in root)) {
    diagnostics.push({
      code: "auth-store/missing-profiles",
      severity: "error",
      message: "The store has no `profiles` object.",
      file,
      range: rootStart(doc),
      path: [],
      notes: ["OpenClaw reads credentials from `profiles`, keyed by id such as \"anthropic:default\"; without it the agent has no stored credentials."],
    });
    return { store, diagnostics };
  }
  if (!isRecord(profiles)) {
    report("invalid-profiles", "error", "`profiles` must be an object keyed by profile id.", ["profiles"], [
      "OpenClaw ignores a store whose `profiles` is not an object, so the agent has no stored credentials.",
    ]);
    return { store, diagnostics };
  }

  for (const id of Object.keys(profiles)) {
    const path: KeyPath = ["profiles", id];
    const entry = profiles[id];
    if (!isRecord(entry)) {
      report("invalid-profile", "error", `Profile ${JSON.stringify(id)} must be an object.`, path, [DROPPED]);
      continue;
    }
    const rawType = "type" in entry ? entry["type"] : entry["mode"];
    const type = rawType === "apiKey" ? "api_key" : rawType;
    const typePath: KeyPath = "type" in entry ? [...path, "type"] : "mode" in entry ? [...path, "mode"] : path;
    if (typeof type !== "string" || !TYPES.has(type)) {
      const found = rawType === undefined ? "has no type" : `has type ${describeScalar(rawType)}`;
      report("invalid-type", "error", `Profile ${JSON.stringify(id)} ${found}; expected "api_key", "token" or "oauth".`, typePath, [DROPPED], typePath === path ? "key" : "value");
      continue;
    }
    const provider = typeof entry["provider"] === "string" ? entry["provider"].trim().toLowerCase() : "";
    if (provider === "") {
      report("missing-provider", "error", `Profile ${JSON.stringify(id)} has no provider.`, "provider" in entry ? [...path, "provider"] : path, [
        DROPPED,
        `Add \`provider\`, e.g. "${id.includes(":") ? id.slice(0, id.indexOf(":")) : "anthropic"}".`,
      ], "provider" in entry ? "value" : "key");
      continue;
    }

    const profile: AuthStoreProfile = { id, type: type as AuthStoreProfileType, provider, secretRef: false, range: at(path, "key") };
    const idProvider = id.includes(":") ? id.slice(0, id.indexOf(":")).trim().toLowerCase() : undefined;
    if (idProvider !== undefined && idProvider !== "" && idProvider !== provider) {
      report("provider-mismatch", "warning", `Profile ${JSON.stringify(id)} is named for ${idProvider} but its provider is ${JSON.stringify(provider)}.`, [...path, "provider"], [
        "OpenClaw goes by `provider`, so this profile is not used for the provider its name suggests.",
      ]);
    }
    const email = nonBlank(entry["email"]);
    if (email !== undefined) profile.email = email;

    if (profile.type === "api_key") {
      const keyField = "key" in entry || "keyRef" in entry ? "key" : "apiKey";
      const key = nonBlank(entry[keyField]);
      if (key !== undefined) profile.key = key;
      profile.secretRef = isRecord(entry[keyField]) || entry["keyRef"] != null;
      if (key === undefined && !profile.secretRef) {
        report("missing-credential", "error", `Profile ${JSON.stringify(id)} (type api_key) has no key.`, path, ["OpenClaw cannot authenticate with it; add `key` or remove the profile."], "key");
      }
    } else if (profile.type === "token") {
      const token = nonBlank(entry["token"]);
      if (token !== undefined) profile.token = token;
      profile.secretRef = isRecord(entry["token"]) || entry["tokenRef"] != null;
      if (token === undefined && !profile.secretRef) {
        report("missing-credential", "error", `Profile ${JSON.stringify(id)} (type token) has no token.`, path, ["OpenClaw cannot authenticate with it; add `token` or remove the profile."], "key");
      }
    } else {
      const access = nonBlank(entry["access"]);
      const refresh = nonBlank(entry["refresh"]);
      if (access !== undefined) profile.access = access;
      if (refresh !== undefined) profile.refresh = refresh;
      if (access === undefined && refresh === undefined) {
        report("missing-credential", "error", `Profile ${JSON.stringify(id)} (type oauth) has neither an access nor a refresh token.`, path, [
          "OpenClaw cannot authenticate with it; sign in again to recreate it.",
        ], "key");
      }
    }

    if ("expires" in entry && profile.type !== "api_key") {
      const raw = entry["expires"];
      const expiresPath: KeyPath = [...path, "expires"];
      profile.expiresRange = at(expiresPath);
      if (typeof raw !== "number" || !Number.isFinite(raw) || raw <= 0) {
        profile.expires = 0;
        report("invalid-expires", "error", `Profile ${JSON.stringify(id)} has an invalid expiry ${describeScalar(raw)}.`, expiresPath, [
          "`expires` is a time in milliseconds since 1970; OpenClaw treats any other value as already expired.",
        ]);
      } else {
        profile.expires = raw;
        if (raw < SECONDS_THRESHOLD) {
          report("expires-in-seconds", "warning", `Profile ${JSON.stringify(id)} has expiry ${raw}, which looks like seconds, not milliseconds.`, expiresPath, [
            "OpenClaw reads `expires` as milliseconds, so it treats this profile as expired in 1970; multiply by 1000.",
          ]);
        }
      }
    }
    store.profiles.set(id, profile);
  }

  const order = root["order"];
  if (isRecord(order)) {
    store.order = new Map();
    for (const provider of Object.keys(order)) {
      const ids = order[provider];
      if (Array.isArray(ids)) store.order.set(provider, ids.filter((x): x is string => typeof x === "string"));
    }
  }
  return { store, diagnostics };
}

/**
 * Grades a token/OAuth profile's expiry at `now` (ms): `expired` at or after `expires`,
 * `expiring` within 24 h, `no-expiry` when it has none; api_key profiles are `ok`.
 */
export function gradeExpiry(profile: Pick<AuthStoreProfile, "type" | "expires">, now: number): ExpiryGrade {
  if (profile.type !== "token" && profile.type !== "oauth") return "ok";
  if (profile.expires === undefined) return "no-expiry";
  if (profile.expires <= now) return "expired";
  if (profile.expires - now <= EXPIRING_WINDOW_MS) return "expiring";
  return "ok";
}

/**
 * True when the store holds an Anthropic credential: an api_key with a key, a token with a token,
 * or an oauth profile with an access or refresh token (secret references count). Expiry is not
 * considered here; `gradeExpiry` reports it.
 */
export function storeHasAnthropicCredential(store: AuthStore): boolean {
  for (const profile of store.profiles.values()) {
    if (profile.provider !== "anthropic") continue;
    if (profile.secretRef) return true;
    if (profile.type === "api_key" && profile.key !== undefined) return true;
    if (profile.type === "token" && profile.token !== undefined) return true;
    if (profile.type === "oauth" && (profile.access !== undefined || profile.refresh !== undefined)) return true;
  }
  return false;
}

/** Reads a file as UTF-8 text; returns undefined (or throws ENOENT) when it does not exist. */
export type ReadTextFile = (path: string) => string | undefined;

/** One agent's store as read from the state directory. */
export interface AgentStore {
  file: string;
  store?: AuthStore;
  diagnostics: Diagnostic[];
  /** The agent has no `auth-profiles.json` (so no stored credentials). */
  missing: boolean;
}

/** Path of an agent's store: `<stateDir>/agents/<agentId>/agent/auth-profiles.json`. */
export function agentStorePath(stateDir: string, agentId: string): string {
  return join(stateDir, "agents", agentId, "agent", "auth-profiles.json");
}

const SAFE_AGENT_ID = /^(?!\.{1,2}$)[A-Za-z0-9._-]+$/;

/**
 * Reads and parses each agent's `auth-profiles.json` under `stateDir`. A missing file is
 * `missing: true` without diagnostics; an unreadable one is an `auth-store/unreadable` error; an
 * agent id that is not a plain directory name is refused (`auth-store/invalid-agent-id`).
 */
export function readAgentStores(stateDir: string, agentIds: readonly string[], readFile: ReadTextFile = readUtf8): Map<string, AgentStore> {
  const result = new Map<string, AgentStore>();
  for (const agentId of agentIds) {
    if (result.has(agentId)) continue;
    if (typeof agentId !== "string" || !SAFE_AGENT_ID.test(agentId)) {
      const file = join(stateDir, "agents");
      result.set(String(agentId), {
        file,
        missing: true,
        diagnostics: [
          {
            code: "auth-store/invalid-agent-id",
            severity: "error",
            message: `Agent id ${JSON.stringify(String(agentId))} is not a plain directory name, so its auth store was not read.`,
            file,
            range: FILE_START,
            path: [],
            notes: ["Agent ids name directories under the state directory; use letters, digits, `-`, `_` and `.`."],
          },
        ],
      });
      continue;
    }
    const file = agentStorePath(stateDir, agentId);
    let text: string | undefined;
    try {
      text = readFile(file);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (code !== "ENOENT" && code !== "ENOTDIR") {
        result.set(agentId, {
          file,
          missing: false,
          diagnostics: [
            {
              code: "auth-store/unreadable",
              severity: "error",
              message: `Could not read the auth store: ${error instanceof Error ? error.message : String(error)}`,
              file,
              range: FILE_START,
              path: [],
            },
          ],
        });
        continue;
      }
    }
    if (text === undefined) {
      result.set(agentId, { file, missing: true, diagnostics: [] });
      continue;
    }
    const parsed = parseAuthStore(text, file);
    result.set(agentId, { file, missing: false, diagnostics: parsed.diagnostics, ...(parsed.store ? { store: parsed.store } : {}) });
  }
  return result;
}

function readUtf8(path: string): string {
  return readFileSync(path, "utf8");
}

/** Range of the root object's opening brace. */
function rootStart(doc: ConfigDocument): SourceRange {
  const offset = doc.ast.body.loc.start.offset;
  return doc.lines.range(offset, offset + 1);
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** Shows a scalar from the file in a message, never a credential. */
function describeScalar(value: unknown): string {
  if (value === undefined) return "(none)";
  if (typeof value === "string") {
    return value.length <= 24 && !looksLikeSecret(value) ? JSON.stringify(value) : "(a string)";
  }
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  return Array.isArray(value) ? "(an array)" : "(an object)";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
