/** Placeholder the code frame shows instead of a literal credential. */
const MASK = "…(redacted)";

/** Rewrites a source line so string literals that hold credentials are masked. */
export function maskSecretsInLine(line: string): string {
  return line.replace(/(["'])((?:\\.|(?!\1).)*)\1/g, (whole, quote: string, body: string) =>
    isSecretLike(body) ? `${quote}${MASK}${quote}` : whole,
  );
}

let detector: ((value: string) => boolean) | undefined;

/** Installs the credential detector (kept pluggable so reporters stay free of auth logic). */
export function setSecretDetector(detect: (value: string) => boolean): void {
  detector = detect;
}

function isSecretLike(value: string): boolean {
  return detector ? detector(value) : false;
}
