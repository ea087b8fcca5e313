import type { EnvVar } from "../auth/dotenv.js";
import { describeEnvSource } from "../auth/environment.js";
import type { Diagnostic, KeyPath, PathSegment, SourceRange } from "../diagnostics/diagnostic.js";
import { FILE_START } from "../diagnostics/diagnostic.js";
import type { Origin, SourceMap } from "../document/source-map.js";
import type { SubstitutedSegment } from "./provenance.js";
import { withStep } from "./provenance.js";
import { isSecretVariable } from "./redact.js";

/** What `${VAR}` references are resolved against. */
export interface SubstituteEnvOptions {
  /** The variables OpenClaw would see (collectEnvironment). */
  vars: ReadonlyMap<string, EnvVar>;
  /**
   * True when the caller supplied the environment OpenClaw runs with (env files or the process
   * environment). Then an undefined variable is an error; otherwise only the config's own env
   * block was available, and an undefined variable is a warning that it could not be checked.
   */
  environmentGiven: boolean;
}

/** The config with references replaced, and what was wrong with them. */
export interface SubstituteEnvResult {
  value: unknown;
  diagnostics: Diagnostic[];
}

const NAME = /^[A-Z_][A-Z0-9_]*$/;
/** The escapes that spell `$` in a JSON5 string. */
const ESCAPED_DOLLAR = /\\(?:x24|u0024)/;

/**
 * False when no string parsed from this JSON5 text can contain a `$`, written or escaped: then
 * substituteEnv would find nothing in the text's values (a cheap scan of the text instead of a
 * walk of every value of a large config).
 */
export function mayHoldReference(text: string): boolean {
  return text.includes("$") || ESCAPED_DOLLAR.test(text);
}
const BARE_REFERENCE = /^\$([A-Z_][A-Z0-9_]*)$/;
const SECRET_STORE_REFERENCE = /^(?:pass|gopass):/;

function define(target: object, key: PathSegment, value: unknown): void {
  // defineProperty keeps `__proto__` an ordinary key instead of a prototype change.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** One thing found in a string: literal text (escapes already applied), a reference, or a malformed reference left as text. */
export type ReferencePiece =
  | { kind: "text"; text: string }
  | { kind: "reference"; name: string; raw: string }
  | { kind: "malformed"; raw: string; problem: "lowercase" | "invalid" | "empty" | "unclosed" | "secret-store" };

/**
 * Splits a string the way OpenClaw's substitution reads it: `${NAME}` with NAME matching
 * `[A-Z_][A-Z0-9_]*` is a reference, `$${NAME}` is the literal text `${NAME}`, and anything
 * else (including `${lower}`, `${}`, an unclosed `${`) stays as written.
 */
export function scanReferences(value: string): ReferencePiece[] {
  const pieces: ReferencePiece[] = [];
  let text = "";
  const flush = () => {
    if (text !== "") pieces.push({ kind: "text", text });
    text = "";
  };
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch !== "$") {
      text += ch;
      continue;
    }
    if (value[i + 1] === "$" && value[i + 2] === "{") {
      const end = value.indexOf("}", i + 3);
      if (end !== -1 && NAME.test(value.slice(i + 3, end))) {
        text += value.slice(i + 1, end + 1);
        i = end;
        continue;
      }
    }
    if (value[i + 1] === "{") {
      const end = value.indexOf("}", i + 2);
      const name = end === -1 ? "" : value.slice(i + 2, end);
      if (end !== -1 && NAME.test(name)) {
        flush();
        pieces.push({ kind: "reference", name, raw: value.slice(i, end + 1) });
        i = end;
        continue;
      }
      // OpenClaw leaves it as text; note it so the user learns why nothing was substituted.
      const problem =
        end === -1 ? "unclosed" : name === "" ? "empty" : SECRET_STORE_REFERENCE.test(name) ? "secret-store" : NAME.test(name.toUpperCase()) ? "lowercase" : "invalid";
      const raw = end === -1 ? `\${${/^[A-Za-z0-9_]*/.exec(value.slice(i + 2))?.[0] ?? ""}` : value.slice(i, end + 1);
      flush();
      pieces.push({ kind: "malformed", raw, problem });
      // Only the `$` is consumed, as in OpenClaw: the rest is scanned again as ordinary text.
      text = "$";
      continue;
    }
    text += ch;
  }
  flush();
  return pieces;
}

/**
 * Replaces `${VAR}` references in every string value (keys are left alone) with the variables
 * OpenClaw would see, and `$${VAR}` escapes with `${VAR}`. Undefined and empty variables are
 * located diagnostics and the reference stays as written; lowercase or malformed references
 * (left as text by OpenClaw) and a whole value of the form `$VAR` get warnings. Each changed
 * string's origin records which variables it used and from where. Returns a new value; never throws.
 */
export function substituteEnv(value: unknown, sourceMap: SourceMap, options: SubstituteEnvOptions): SubstituteEnvResult {
  const diagnostics: Diagnostic[] = [];
  const path: PathSegment[] = [];

  const locate = (origin: Origin | undefined, raw: string, occurrence: number): { file: string; range: SourceRange } => {
    if (!origin) return { file: "", range: FILE_START };
    const [start, end] = [origin.node.loc.start.offset, origin.node.loc.end.offset];
    // Point at the reference itself when the literal spells it without escapes (the usual case).
    const literal = origin.doc.text.slice(start, end);
    let at = -1;
    for (let k = 0; k <= occurrence; k++) {
      at = literal.indexOf(raw, at + 1);
      if (at === -1) break;
    }
    const range = at === -1 ? origin.doc.lines.range(start, end) : origin.doc.lines.range(start + at, start + at + raw.length);
    return { file: origin.doc.file, range };
  };

  const report = (origin: Origin | undefined, raw: string, occurrence: number, diagnostic: Omit<Diagnostic, "file" | "range" | "path">): void => {
    const where = locate(origin, raw, occurrence);
    diagnostics.push({ ...diagnostic, file: where.file, range: where.range, path: [...path] });
  };

  const substituteString = (text: string, origin: Origin | undefined): { text: string; origin?: Origin } => {
    if (!text.includes("$")) return { text };
    const bare = BARE_REFERENCE.exec(text);
    if (bare) {
      report(origin, text, 0, {
        code: "env/bare-reference",
        severity: "warning",
        message: `\`${text}\` is left as text: OpenClaw substitutes only the \`\${${bare[1]}}\` form.`,
        notes: [`Write \`"\${${bare[1]}}"\` to use the variable's value.`],
      });
      return { text };
    }
    const pieces = scanReferences(text);
    const seen = new Map<string, number>();
    const occurrenceOf = (raw: string): number => {
      const n = seen.get(raw) ?? 0;
      seen.set(raw, n + 1);
      return n;
    };
    const segments: SubstitutedSegment[] = [];
    const references: { variable: string; source: string; secret: boolean }[] = [];
    for (const piece of pieces) {
      if (piece.kind === "text") {
        segments.push({ text: piece.text });
        continue;
      }
      const occurrence = occurrenceOf(piece.raw);
      if (piece.kind === "malformed") {
        // Its characters stay in the neighbouring text pieces.
        reportMalformed(origin, piece, occurrence);
        continue;
      }
      const defined = options.vars.get(piece.name);
      if (!defined || defined.value === "") {
        reportMissing(origin, piece.name, piece.raw, occurrence, defined);
        segments.push({ text: piece.raw });
        continue;
      }
      const secret = isSecretVariable(piece.name, defined.value);
      segments.push({ text: defined.value, variable: piece.name, ...(secret ? { secret: true } : {}) });
      if (!references.some((r) => r.variable === piece.name)) references.push({ variable: piece.name, source: describeEnvSource(defined.source), secret });
    }
    const result = segments.map((s) => s.text).join("");
    if (references.length === 0 || !origin) return { text: result };
    return { text: result, origin: withStep(origin, { kind: "env", template: text, references, segments }) };
  };

  const reportMalformed = (origin: Origin | undefined, piece: Extract<ReferencePiece, { kind: "malformed" }>, occurrence: number): void => {
    const inner = piece.raw.slice(2, piece.raw.endsWith("}") ? -1 : undefined);
    const upper = inner.toUpperCase();
    const known = options.vars.has(upper);
    const base = { code: "env/malformed-reference", severity: "warning" as const };
    switch (piece.problem) {
      case "lowercase":
        report(origin, piece.raw, occurrence, {
          ...base,
          message: known
            ? `\`${piece.raw}\` is left as text: variable names are uppercase; did you mean \`\${${upper}}\`, which is set?`
            : `\`${piece.raw}\` is left as text: variable names are uppercase (\`\${${upper}}\`).`,
          notes: ["OpenClaw substitutes only names made of A-Z, 0-9 and _, starting with a letter or _."],
        });
        return;
      case "empty":
        report(origin, piece.raw, occurrence, { ...base, message: "`${}` is left as text: it names no variable." });
        return;
      case "unclosed":
        report(origin, piece.raw, occurrence, {
          ...base,
          message: `\`${piece.raw}\` is left as text: the reference is never closed with \`}\`.`,
        });
        return;
      case "secret-store":
        report(origin, piece.raw, occurrence, {
          code: "env/secret-store-reference",
          severity: "info",
          message: `\`${piece.raw}\` is a password-store reference; this tool does not run \`pass\` or \`gopass\`, so it is shown as written.`,
          notes: ["Recent OpenClaw versions resolve `${pass:...}` and `${gopass:...}` at load time; older ones leave the text as is."],
        });
        return;
      case "invalid":
        report(origin, piece.raw, occurrence, {
          ...base,
          message: `\`${piece.raw}\` is left as text: a variable name is A-Z, 0-9 and _, starting with a letter or _.`,
        });
        return;
    }
  };

  const reportMissing = (origin: Origin | undefined, name: string, raw: string, occurrence: number, defined: EnvVar | undefined): void => {
    if (defined) {
      report(origin, raw, occurrence, {
        code: "env/empty-variable",
        severity: "error",
        message: `\`${raw}\` refers to ${name}, which is set but empty (in ${describeEnvSource(defined.source)}).`,
        notes: ["OpenClaw treats an empty variable as missing and refuses to start.", `Give ${name} a value, or write \`$\${${name}}\` for the literal text.`],
      });
      return;
    }
    report(origin, raw, occurrence, {
      code: "env/undefined-variable",
      severity: options.environmentGiven ? "error" : "warning",
      message: `\`${raw}\` refers to ${name}, which is not set.`,
      notes: options.environmentGiven
        ? ["OpenClaw refuses to start when a referenced variable is missing.", `Set ${name} in ~/.openclaw/.env, the process environment or the config's env.vars.`]
        : [
            "Only the config's env block was available; OpenClaw refuses to start if the variable is missing at run time.",
            "Give the environment OpenClaw runs with (--env-file ~/.openclaw/.env, --use-process-env) to check it.",
          ],
    });
  };

  // Copy-on-write: a container is cloned only when something below it changed, so a config
  // without references comes back as the very same value, origins untouched. The walk itself makes
  // nothing for values without a `$`: a large config has hundreds of thousands of them.
  const visit = (current: unknown): unknown => {
    if (typeof current !== "object" || current === null) return current;
    const container = current as Record<PathSegment, unknown>;
    let copy: Record<PathSegment, unknown> | undefined;
    if (Array.isArray(current)) {
      // Holes of a sparse array are not values (JSON5 text cannot make them).
      for (let i = 0; i < current.length; i++) if (i in current) copy = visitMember(container, i, copy);
    } else {
      // for-in walks the key list the object's shape already has; Object.keys would copy it.
      for (const key in current) if (Object.hasOwn(current, key)) copy = visitMember(container, key, copy);
    }
    return copy ?? current;
  };

  /** Visits `container[key]`; returns the container's copy, made at the first change, or undefined while nothing changed. */
  const visitMember = (container: Record<PathSegment, unknown>, key: PathSegment, copy: Record<PathSegment, unknown> | undefined) => {
    const child = container[key];
    path.push(key);
    let next = child;
    let origin: Origin | undefined;
    if (typeof child === "string") {
      if (child.includes("$")) ({ text: next, origin } = substituteString(child, sourceMap.get(container, key)));
    } else next = visit(child);
    path.pop();
    if (copy === undefined) {
      if (next === child && origin === undefined) return undefined;
      copy = copyBefore(container, key);
    }
    define(copy, key, next);
    if (origin) sourceMap.set(copy, key, origin);
    return copy;
  };

  /** A new container holding the members of `container` before `key`, with their origins. */
  const copyBefore = (container: Record<PathSegment, unknown>, key: PathSegment): Record<PathSegment, unknown> => {
    const copy: Record<PathSegment, unknown> = Array.isArray(container) ? ([] as unknown as Record<PathSegment, unknown>) : {};
    if (Array.isArray(container)) {
      for (let i = 0; i < (key as number); i++) if (i in container) define(copy, i, container[i]);
    } else {
      for (const earlier in container) {
        if (earlier === key) break;
        if (Object.hasOwn(container, earlier)) define(copy, earlier, container[earlier]);
      }
    }
    sourceMap.copy(container, copy);
    return copy;
  };

  return { value: visit(value), diagnostics };
}
