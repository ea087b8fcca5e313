/** What an Anthropic-relevant credential string is, judged by its shape alone. */
export type CredentialKind = "api-key" | "setup-token" | "admin-key" | "env-reference" | "other";

/** Prefix of a Claude setup-token (`claude setup-token`). */
export const SETUP_TOKEN_PREFIX = "sk-ant-oat01-";
/** A complete setup-token is at least this long; shorter ones were cut off when pasted. */
export const SETUP_TOKEN_MIN_LENGTH = 80;
/** What a redacted secret is shown as (after an optional vendor prefix). */
export const REDACTED = "…(redacted)";

const ENV_REFERENCE = /^\$\{[A-Z_][A-Z0-9_]*\}$/;

/**
 * Classifies a credential by its prefix. Any `sk-ant-oat` value is a setup-token, whatever its
 * length: Anthropic issues nothing else with that prefix, and a truncated or placeholder token in
 * an API-key slot is the same mistake as a whole one. `isCompleteSetupToken` tells them apart.
 */
export function classifyCredential(value: string): CredentialKind {
  if (typeof value !== "string") return "other";
  const v = value.trim();
  if (ENV_REFERENCE.test(v)) return "env-reference";
  if (v.startsWith("sk-ant-admin")) return "admin-key";
  if (v.startsWith("sk-ant-api")) return "api-key";
  if (v.startsWith("sk-ant-oat")) return "setup-token";
  return "other";
}

/** True for a whole setup-token: `sk-ant-oat01-`, at least 80 characters, token characters only. */
export function isCompleteSetupToken(value: string): boolean {
  if (typeof value !== "string") return false;
  const v = value.trim();
  return v.startsWith(SETUP_TOKEN_PREFIX) && v.length >= SETUP_TOKEN_MIN_LENGTH && /^[A-Za-z0-9_-]+$/.test(v);
}

/** Vendor formats: the prefix (kept by `redactSecret`) and what a real credential of that vendor looks like. */
interface VendorFormat {
  prefix: RegExp;
  whole: RegExp;
}

// Order matters: the first format whose prefix matches decides, so specific prefixes come first.
const VENDOR_FORMATS: VendorFormat[] = [
  { prefix: /^sk-ant-(?:api|oat|admin|sid)\d{0,3}-/, whole: /^sk-ant-(?:api|oat|admin|sid)\d{0,3}-[A-Za-z0-9_-]{20,}$/ },
  { prefix: /^sk-or-v\d+-/, whole: /^sk-or-v\d+-[A-Za-z0-9]{20,}$/ },
  { prefix: /^sk-(?:proj|svcacct|admin)-/, whole: /^sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,}$/ },
  { prefix: /^[sr]k_(?:live|test)_/, whole: /^[sr]k_(?:live|test)_[A-Za-z0-9]{20,}$/ },
  { prefix: /^sk-/, whole: /^sk-[A-Za-z0-9_-]{20,}$/ },
  { prefix: /^sk_/, whole: /^sk_[A-Za-z0-9]{32,}$/ },
  { prefix: /^xox[abpers]-/, whole: /^xox[abpers]-\d{6,}-[A-Za-z0-9-]{16,}$/ },
  { prefix: /^xapp-/, whole: /^xapp-\d+-[A-Za-z0-9]{6,}-\d{6,}-[A-Za-z0-9]{20,}$/ },
  { prefix: /^gsk_/, whole: /^gsk_[A-Za-z0-9]{20,}$/ },
  { prefix: /^AIza/, whole: /^AIza[A-Za-z0-9_-]{30,}$/ },
  { prefix: /^gh[pousr]_/, whole: /^gh[pousr]_[A-Za-z0-9]{30,}$/ },
  { prefix: /^github_pat_/, whole: /^github_pat_[A-Za-z0-9_]{40,}$/ },
  { prefix: /^xai-/, whole: /^xai-[A-Za-z0-9]{20,}$/ },
  { prefix: /^tvly-(?:dev-|prod-)?/, whole: /^tvly-(?:dev-|prod-)?[A-Za-z0-9]{20,}$/ },
  { prefix: /^hf_/, whole: /^hf_[A-Za-z0-9]{30,}$/ },
  { prefix: /^pplx-/, whole: /^pplx-[A-Za-z0-9]{30,}$/ },
  { prefix: /^r8_/, whole: /^r8_[A-Za-z0-9]{30,}$/ },
  { prefix: /^AKIA/, whole: /^AKIA[A-Z0-9]{16}$/ },
];

// Formats without a keepable prefix: the leading part is itself secret or meaningless.
const UNPREFIXED_FORMATS: RegExp[] = [
  // Telegram bot token: bot id, colon, 35-character secret.
  /^\d{6,}:[A-Za-z0-9_-]{30,}$/,
  // JSON Web Token (MiniMax, Supabase service keys, many gateways).
  /^eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$/,
  // Discord bot token.
  /^[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}$/,
];

// Words and shapes that only appear in examples, templates and redacted copies.
const PLACEHOLDER_WORDS =
  /redacted|placeholder|replace|change[_-]?me|your[_-]|example|dummy|fake|sample|insert[_-]|put[_-]|todo|fixme|(?:key|token|secret)[_-]?here|xxxx|\*\*\*|\u2022|\u2026|\.\.\.|123456|abcdef|qwerty/i;
const TEMPLATE_SHAPES: RegExp[] = [
  /\$\{[^}]*\}/, // ${VAR}, resolved by OpenClaw
  /\{env:[^}]*\}/i, // {env:VAR}, other tools' reference syntax
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^env:/i,
  /^<.*>$/s,
  /^\[.*\]$/s,
  /^\{\{.*\}\}$/s,
  /^%.*%$/s,
  /^(.)\1*$/s, // one repeated character
  /^[A-Z]+$/, // a bare word such as SKIP
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, // an environment variable name
];

/** True for values that stand in for a credential rather than being one. */
export function isPlaceholderCredential(value: string): boolean {
  if (typeof value !== "string") return true;
  const v = value.trim();
  if (v === "") return true;
  return PLACEHOLDER_WORDS.test(v) || TEMPLATE_SHAPES.some((shape) => shape.test(v));
}

// Property names whose string values are credentials: apiKey, botToken, appSecret, GARMIN_PASSWORD...
const SECRET_KEY_NAME = /(?:key|token|secret|password|passwd|credentials?)$/i;
const AUTH_SCHEME = /^(?:Bearer|Basic|Token)\s+/i;

/**
 * True for a literal credential worth flagging as an inline secret. Conservative: vendor formats,
 * and otherwise only long random-looking strings; placeholders, `${VAR}` references, ids, paths,
 * model names and hashes are not secrets. `key`, the name of the property holding the value,
 * lowers the bar for values under names such as `token` or `apiKey`.
 */
export function looksLikeSecret(value: string, key?: string): boolean {
  // Trimming and removing a scheme only shorten it: a short value is rejected before any of that.
  if (typeof value !== "string" || value.length < 8) return false;
  let v = value.trim();
  const scheme = AUTH_SCHEME.exec(v);
  if (scheme) v = v.slice(scheme[0].length).trim();
  if (v.length < 8 || /\s/.test(v) || isPlaceholderCredential(v)) return false;

  const vendor = VENDOR_FORMATS.find((format) => format.prefix.test(v));
  if (vendor) return vendor.whole.test(v) && isRandomLooking(v.replace(vendor.prefix, ""));
  if (UNPREFIXED_FORMATS.some((format) => format.test(v))) return isRandomLooking(v);

  const secretName = typeof key === "string" && SECRET_KEY_NAME.test(key);
  return secretName ? looksLikeNamedSecret(v) : looksLikeAnonymousSecret(v);
}

/** Generic test for a value under a credential-named property: 16+ token characters mixing letters and digits. */
function looksLikeNamedSecret(v: string): boolean {
  if (v.length < 16 || !/^[A-Za-z0-9_\-+/=.]+$/.test(v)) return false;
  if (!/[A-Za-z]/.test(v) || !/[0-9]/.test(v)) return false;
  if (isPathLike(v) || isWordy(v)) return false;
  return shannonEntropy(v) >= 3;
}

/** Generic test for a value anywhere: 32+ base64-ish characters with lower, upper and digits and high entropy. */
function looksLikeAnonymousSecret(v: string): boolean {
  // No dots: model ids, versions, host names and file names have them; base64 secrets do not.
  if (v.length < 32 || !/^[A-Za-z0-9_\-+/=]+$/.test(v)) return false;
  if (!/[a-z]/.test(v) || !/[A-Z]/.test(v) || !/[0-9]/.test(v)) return false;
  if (/^sha\d+-/i.test(v) || isPathLike(v) || isWordy(v)) return false;
  return shannonEntropy(v) >= 4;
}

function isPathLike(v: string): boolean {
  return /^[~.]?\//.test(v);
}

/** True when most of the text is ordinary words (`Llama-Instruct-Turbo`, `product_manager_secret`). */
function isWordy(v: string): boolean {
  let wordChars = 0;
  for (const segment of v.split(/[-_/+=.]+/)) {
    if (/^[A-Z]?[a-z]{2,}$/.test(segment) || /^[A-Z]{2,}$/.test(segment)) wordChars += segment.length;
  }
  return wordChars * 2 > v.replace(/[-_/+=.]/g, "").length;
}

/** A random body has many distinct characters; `aaaa...` or `abab...` does not. */
function isRandomLooking(body: string): boolean {
  return new Set(body).size >= 8;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  const total = [...text].length;
  for (const count of counts.values()) {
    const p = count / total;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * Replaces a secret with `…(redacted)`, keeping only a recognisable vendor prefix
 * (`sk-ant-api03-…(redacted)`, `xoxb-…(redacted)`) and an auth scheme such as `Bearer `.
 */
export function redactSecret(value: string): string {
  if (typeof value !== "string") return REDACTED;
  let v = value.trim();
  let scheme = "";
  const schemeMatch = AUTH_SCHEME.exec(v);
  if (schemeMatch) {
    scheme = `${schemeMatch[0].trim()} `;
    v = v.slice(schemeMatch[0].length).trim();
  }
  for (const format of VENDOR_FORMATS) {
    const prefix = format.prefix.exec(v);
    if (prefix) return `${scheme}${prefix[0]}${REDACTED}`;
  }
  return `${scheme}${REDACTED}`;
}
