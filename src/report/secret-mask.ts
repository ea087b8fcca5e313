import { looksLikeSecret, REDACTED, redactSecret } from "../auth/credentials.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { RunReport } from "./report.js";

// A string literal, with the key before it when there is one (`apiKey: "..."`).
const LITERAL = /(?:(["']?)([A-Za-z_$][\w$-]*)\1\s*:\s*)?(["'])((?:\\.|(?!\3).)*)\3/g;
// A bare word outside string literals (dotenv values, comments, an unterminated string), with the
// name before it when it is written `NAME=value` or `name: value`.
const BARE = /(?:([A-Za-z_$][\w$-]*)\s*[=:]\s*)?([A-Za-z0-9_\-+/.:~]{8,}=*)/g;

/** Rewrites a source line so credentials are masked, in string literals and outside them (code frames and diffs must not leak secrets). */
export function maskSecretsInLine(line: string): string {
  let out = "";
  let last = 0;
  for (const match of line.matchAll(LITERAL)) {
    const [whole, , key, quote, body] = match as unknown as [string, string | undefined, string | undefined, string, string];
    out += maskBareWords(line.slice(last, match.index));
    // The key before a literal lowers the bar for what counts as a secret.
    out += looksLikeSecret(body, key) ? whole.slice(0, whole.length - body.length - 2) + `${quote}${REDACTED}${quote}` : whole;
    last = match.index + whole.length;
  }
  return out + maskBareWords(line.slice(last));
}

function maskBareWords(text: string): string {
  return text.replace(BARE, (whole, name: string | undefined, word: string) => (looksLikeSecret(word, name) ? whole.slice(0, whole.length - word.length) + REDACTED : whole));
}

// A run of token characters in prose; `.`, `:` and `/` may join a secret to other words.
const WORD = /[A-Za-z0-9_\-+/.:~=]{8,}/g;
const WORD_PART = /[^.:/]{8,}/g;

/**
 * Masks credentials in free text such as a diagnostic's message, which may quote whatever the user
 * wrote (a key pasted into the wrong field, a key used as a map key). A recognisable vendor prefix
 * is kept, so the text still says what kind of value was there.
 */
export function maskSecretsInText(text: string): string {
  const words = text.replace(WORD, (word) => (looksLikeSecret(word) ? redactSecret(word) : word.replace(WORD_PART, (part) => (looksLikeSecret(part) ? redactSecret(part) : part))));
  return words.split("\n").map(maskSecretsInLine).join("\n");
}

/** A copy of a diagnostic with credentials masked in everything it prints: message, key path, notes, related messages, fix and suggestion descriptions. */
export function maskSecretsInDiagnostic(d: Diagnostic): Diagnostic {
  const masked: Diagnostic = {
    ...d,
    message: maskSecretsInText(d.message),
    path: d.path.map((segment) => (typeof segment === "string" ? maskSecretsInText(segment) : segment)),
  };
  if (d.notes) masked.notes = d.notes.map(maskSecretsInText);
  if (d.related) masked.related = d.related.map((r) => ({ ...r, message: maskSecretsInText(r.message) }));
  if (d.fix) masked.fix = { ...d.fix, description: maskSecretsInText(d.fix.description) };
  if (d.suggestions) masked.suggestions = d.suggestions.map((s) => ({ ...s, description: maskSecretsInText(s.description) }));
  return masked;
}

/** A copy of a run with every diagnostic masked; each reporter starts from it, so no format can print a quoted secret. */
export function maskSecretsInReport(report: RunReport): RunReport {
  return { ...report, files: report.files.map((file) => ({ ...file, diagnostics: file.diagnostics.map(maskSecretsInDiagnostic) })) };
}
