import { looksLikeSecret, REDACTED } from "../auth/credentials.js";

/** Rewrites a source line so string literals that hold credentials are masked (code frames must not leak secrets). */
export function maskSecretsInLine(line: string): string {
  // The key before a literal (`apiKey: "..."`) lowers the bar for what counts as a secret.
  return line.replace(/(?:(["']?)([A-Za-z_$][\w$-]*)\1\s*:\s*)?(["'])((?:\\.|(?!\3).)*)\3/g, (whole, _q: string, key: string | undefined, quote: string, body: string) =>
    looksLikeSecret(body, key) ? whole.slice(0, whole.length - body.length - 2) + `${quote}${REDACTED}${quote}` : whole,
  );
}
