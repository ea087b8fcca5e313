import { looksLikeSecret, redactSecret } from "../auth/credentials.js";
import type { KeyPath, PathSegment } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../document/source-map.js";
import { stepsOf } from "./provenance.js";

// Words that make a property name a credential's name: apiKey, botToken, appSecret, GARMIN_PASSWORD,
// x-api-key, Authorization. `tokens` is left out on purpose: maxTokens and contextTokens are counts.
const SECRET_WORDS = new Set([
  "key",
  "keys",
  "apikey",
  "token",
  "secret",
  "secrets",
  "password",
  "passwords",
  "passwd",
  "passphrase",
  "credential",
  "credentials",
  "authorization",
  "cookie",
]);
// A name ending in one of these describes or points at a secret rather than holding it:
// tokenMode, keyFile, apiKeyEnv, tokenRef, secretName.
const DESCRIPTIVE_SUFFIXES = new Set([
  "mode",
  "type",
  "kind",
  "count",
  "limit",
  "max",
  "min",
  "ttl",
  "header",
  "field",
  "name",
  "format",
  "policy",
  "path",
  "file",
  "dir",
  "url",
  "env",
  "var",
  "ref",
  "source",
  "prefix",
  "id",
  "ids",
  "provider",
]);

/** The words of a property or variable name: `apiKey` -> api, key; `GARMIN_PASSWORD` -> garmin, password. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/**
 * True when a property or variable name says its value is a credential (`apiKey`, `botToken`,
 * `ANTHROPIC_API_KEY`, `password`, `x-api-key`), and false for names that describe a secret
 * without holding it (`maxTokens`, `tokenMode`, `keyFile`, `apiKeyEnv`).
 */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  const last = words.at(-1);
  if (last === undefined || DESCRIPTIVE_SUFFIXES.has(last)) return false;
  return words.some((w) => SECRET_WORDS.has(w));
}

/** True when an environment variable's value should never be shown: by its name or its shape. */
export function isSecretVariable(name: string, value: string): boolean {
  return (isSecretName(name) && value.trim() !== "") || looksLikeSecret(value, name);
}

function define(target: object, key: PathSegment, value: unknown): void {
  // defineProperty keeps `__proto__` an ordinary key instead of a prototype change.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `key`, or `key (2)`, `key (3)`... when it is taken: two redacted keys must not overwrite each other. */
function uniqueKey(key: string, taken: Set<string>): string {
  let candidate = key;
  for (let n = 2; taken.has(candidate); n++) candidate = `${key} (${n})`;
  taken.add(candidate);
  return candidate;
}

/** What the redactor replaced, for callers that explain output. */
export interface RedactionResult {
  value: unknown;
  /** Paths of the strings that were (wholly or partly) redacted, in output order. */
  redacted: KeyPath[];
}

const ENV_REFERENCE_ONLY = /^\$\{[A-Z_][A-Z0-9_]*\}$/;
// `Bearer <token>` is a credential whatever the token looks like (hex gateway tokens, opaque ids).
const AUTH_SCHEME_VALUE = /^(?:Bearer|Basic|Token)\s+(\S{8,})$/i;

/**
 * Returns a copy of `value` with every secret replaced by a placeholder that keeps only a
 * recognisable vendor prefix (`sk-ant-api03-…(redacted)`): strings under credential-named keys,
 * strings shaped like a credential anywhere, `Bearer`/`Basic`/`Token` values, and the parts of strings that came from a variable
 * holding one (so `Bearer ${TOKEN}` prints as `Bearer …(redacted)`). A string under a credential
 * name that is only an unresolved `${VAR}` reference is kept: it names the secret, it is not one.
 * Origins are copied onto the new containers so the result stays locatable.
 */
export function redactConfig(value: unknown, sourceMap: SourceMap): RedactionResult {
  const redacted: KeyPath[] = [];
  const path: PathSegment[] = [];

  const redactString = (text: string, container: object, key: PathSegment, secretName: boolean): string => {
    const env = stepsOf(sourceMap.get(container, key)).find((s) => s.kind === "env");
    if (env && env.kind === "env" && env.segments.some((s) => s.secret)) {
      redacted.push([...path]);
      return env.segments.map((s) => (s.secret ? redactSecret(s.text) : s.text)).join("");
    }
    if (secretName && text.trim() !== "" && !ENV_REFERENCE_ONLY.test(text.trim())) {
      redacted.push([...path]);
      return redactSecret(text);
    }
    const scheme = AUTH_SCHEME_VALUE.exec(text.trim());
    if (scheme && !ENV_REFERENCE_ONLY.test(scheme[1] ?? "")) {
      redacted.push([...path]);
      return redactSecret(text);
    }
    if (looksLikeSecret(text, typeof key === "string" ? key : undefined)) {
      redacted.push([...path]);
      return redactSecret(text);
    }
    return text;
  };

  // Copy-on-write: only containers with something redacted below them are cloned.
  const visit = (current: unknown, secretName: boolean): unknown => {
    if (typeof current !== "object" || current === null) return current;
    const container = current as Record<PathSegment, unknown>;
    const isArray = Array.isArray(current);
    const keys: PathSegment[] = isArray ? (current as unknown[]).map((_, i) => i) : Object.keys(current);
    let result: Record<PathSegment, unknown> | unknown[] | undefined;
    const taken = new Set(keys.map(String));
    keys.forEach((key, index) => {
      const child = container[key];
      // Array elements inherit their array's name (`apiKeys: [...]`); object members have their own.
      const childSecret = isArray ? secretName : isSecretName(String(key));
      path.push(key);
      const next = typeof child === "string" ? redactString(child, container, key, childSecret) : visit(child, childSecret);
      path.pop();
      // A credential pasted as a map key (a models entry named after an API key) is printed too.
      const shownKey = typeof key === "string" && looksLikeSecret(key) ? uniqueKey(redactSecret(key), taken) : key;
      if (result === undefined) {
        if (next === child && shownKey === key) return;
        result = isArray ? [] : {};
        for (const earlier of keys.slice(0, index)) define(result, earlier, container[earlier]);
        sourceMap.copy(container, result);
      }
      define(result, shownKey, next);
    });
    return result ?? current;
  };

  return { value: visit(value, false), redacted };
}
