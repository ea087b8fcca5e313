import { resolve as resolvePath } from "node:path";
import type { Argv } from "yargs";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { formatPath } from "../../diagnostics/diagnostic.js";
import { readSource } from "../../io/read-source.js";
import { shouldColor } from "../../report/color.js";
import type { FileReport } from "../../report/report.js";
import { maskSecretsInText } from "../../report/secret-mask.js";
import { stylish } from "../../report/stylish.js";
import type { CompiledConfig } from "../../resolve.js";
import { compileConfig } from "../../resolve.js";
import type { LoadEntry } from "../../stages/load.js";
import type { ProvenanceStep, ValueProvenance } from "../../stages/provenance.js";
import { redactConfig } from "../../stages/redact.js";
import { expandInputs } from "../inputs.js";
import type { CliIO } from "../io.js";
import { EXIT, UsageError } from "../io.js";
import type { CommandFactory } from "../main.js";
import { AUTH_CHOICES } from "../settings.js";
import type { AuthChoice } from "../settings.js";

/** Output formats of `resolve`. */
export const RESOLVE_FORMATS = ["json", "json5"] as const;
export type ResolveFormat = (typeof RESOLVE_FORMATS)[number];

/** Flags `resolve` and `cache` share: inputs, environment and auth. */
export interface CompileArgs {
  files: string[];
  stdin: boolean;
  stdinFilename?: string;
  auth: AuthChoice;
  envFile: string[];
  useProcessEnv: boolean;
  showSecrets: boolean;
  explain: boolean;
}

/** Arguments of `resolve`. */
export interface ResolveArgs extends CompileArgs {
  /** Absent: json, or json5 with --explain (comments carry the explanation). */
  format?: ResolveFormat;
}

/** Registers the flags `resolve` and `cache` share. */
export function compileOptions(cmd: Argv): Argv {
  return cmd
    .positional("files", { type: "string", array: true, default: [], describe: "Config files or globs; - reads stdin" })
    .option("stdin", { type: "boolean", default: false, describe: "Read the config from standard input" })
    .option("stdin-filename", { type: "string", describe: "File name for standard input (messages, and the folder $include paths are relative to)" })
    .option("auth", { choices: AUTH_CHOICES, default: "auto" as AuthChoice, describe: "Anthropic auth mode; auto detects it from the config and environment" })
    .option("env-file", { type: "string", array: true, nargs: 1, default: [], describe: "Dotenv file for ${VAR} and auth detection, e.g. ~/.openclaw/.env (repeatable)" })
    .option("use-process-env", { type: "boolean", default: false, describe: "Also use this process's environment variables" })
    .option("show-secrets", { type: "boolean", default: false, describe: "Print credentials instead of redacted placeholders" })
    .option("explain", { type: "boolean", default: false, describe: "Say where each value came from" });
}

/** `openclaw-config resolve`. */
export const resolveCommand: CommandFactory = (io, done) => (y) =>
  y.command(
    "resolve [files..]",
    "Print the effective config: includes merged, env substituted, migrations and defaults applied.",
    (cmd: Argv) =>
      compileOptions(cmd)
        .option("format", { alias: "f", choices: RESOLVE_FORMATS, describe: "Output format (default: json, or json5 with --explain)" })
        .example("$0 resolve openclaw.json --env-file ~/.openclaw/.env", "The config OpenClaw runs with, secrets redacted")
        .example("$0 resolve openclaw.json --explain", "Annotate each value with the file and line it came from"),
    async (argv) => {
      done(await runResolve(argv as unknown as ResolveArgs, io));
    },
  );

/** One input compiled, or the reason it could not be read. */
export interface CompiledInput {
  file: string;
  compiled: CompiledConfig;
}

/**
 * Compiles every input the shared flags name. Unreadable env files and inputs are usage-level
 * failures (exit 2); they are reported on stderr and flagged in `failed`.
 */
export async function compileInputs(args: CompileArgs, io: CliIO, limit?: { max: number; message: string }): Promise<{ inputs: CompiledInput[]; failed: boolean }> {
  const useStdin = args.stdin || args.files.includes("-");
  const patterns = args.files.filter((f) => f !== "-");
  if (!useStdin && patterns.length === 0) throw new UsageError("Name a config file (or - for stdin).");

  let failed = false;
  const envFiles: { file: string; text: string }[] = [];
  for (const file of args.envFile) {
    const read = readSource(resolvePath(io.cwd, file), file);
    if (!read.ok || read.text === undefined) {
      io.stderr.write(`openclaw-config: cannot read env file ${read.ok ? `${file}: not valid UTF-8` : read.error}\n`);
      failed = true;
      continue;
    }
    envFiles.push({ file, text: read.text });
  }
  // Without the environment the user named, every result would be misleading: stop here.
  if (failed) return { inputs: [], failed };
  const options = {
    cwd: io.cwd,
    envFiles,
    ...(args.useProcessEnv ? { processEnv: io.env } : {}),
    ...(args.auth !== "auto" ? { auth: args.auth } : {}),
  };

  const entries: LoadEntry[] = [];
  if (useStdin) entries.push({ text: await io.readStdin(), file: args.stdinFilename ?? "<stdin>" });
  const expanded = expandInputs(patterns, io.cwd);
  for (const pattern of expanded.missing) {
    io.stderr.write(`openclaw-config: no config files match '${pattern}'\n`);
    failed = true;
  }
  for (const file of expanded.files) entries.push({ file });
  if (limit && entries.length > limit.max) throw new UsageError(limit.message.replace("{count}", String(entries.length)));

  const inputs: CompiledInput[] = [];
  for (const entry of entries) {
    const compiled = compileConfig(entry, options);
    if (compiled.error !== undefined) {
      io.stderr.write(`openclaw-config: cannot read ${compiled.error}\n`);
      failed = true;
      continue;
    }
    inputs.push({ file: entry.file, compiled });
  }
  return { inputs, failed };
}

/** Prints the diagnostics of compiled inputs on stderr, with code frames from the files they point into. */
export function reportDiagnostics(inputs: readonly CompiledInput[], io: CliIO): { errors: number } {
  const files: FileReport[] = [];
  let errors = 0;
  for (const { file, compiled } of inputs) {
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of compiled.diagnostics) {
      if (d.severity === "error") errors++;
      const list = byFile.get(d.file) ?? [];
      list.push(d);
      byFile.set(d.file, list);
    }
    const order = [file, ...[...byFile.keys()].filter((f) => f !== file).sort()];
    for (const name of order) {
      const diagnostics = byFile.get(name);
      if (!diagnostics) continue;
      const source = compiled.documents.get(name)?.text;
      files.push({ file: name, ...(source !== undefined ? { source } : {}), diagnostics });
    }
  }
  const text = stylish({ files }, { color: shouldColor(io.stderr, io.env), cwd: io.cwd });
  if (text) io.stderr.write(text);
  return { errors };
}

/** Runs `resolve`: prints the effective config of one input; returns the exit code. */
export async function runResolve(args: ResolveArgs, io: CliIO): Promise<number> {
  const { inputs, failed } = await compileInputs(args, io, { max: 1, message: "resolve prints one config, but {count} inputs were named; run it once per file." });
  const { errors } = reportDiagnostics(inputs, io);
  const input = inputs[0];
  if (!input) return EXIT.usage;
  const { compiled } = input;
  if (compiled.value !== undefined) {
    const shown = args.showSecrets ? compiled.value : redactConfig(compiled.value, compiled.sourceMap).value;
    const format = args.format ?? (args.explain ? "json5" : "json");
    io.stdout.write(format === "json5" ? emitJson5(shown, args.explain ? explainer(compiled) : undefined) : emitJson(shown, args.explain ? compiled : undefined, args.showSecrets));
    // JSON has no NaN or Infinity and JSON.stringify prints them as null: say so, and where.
    if (format === "json") for (const line of nonFiniteWarnings(shown)) io.stderr.write(`${line}\n`);
  }
  if (failed) return EXIT.usage;
  return errors > 0 ? EXIT.findings : EXIT.clean;
}

/** JSON output; with --explain, `{ config, provenance }` where provenance lists each leaf's origin. */
function emitJson(value: unknown, explain: CompiledConfig | undefined, showSecrets: boolean): string {
  if (!explain) return `${JSON.stringify(value, null, 2)}\n`;
  const provenance = explain.provenance.entries.map((entry) => ({
    // A map key can be a pasted credential; the config above shows it redacted, so must its path.
    path: showSecrets ? formatPath(entry.path) : maskSecretsInText(formatPath(entry.path)),
    file: entry.file,
    line: entry.line,
    column: entry.column,
    ...(entry.steps.length > 0 ? { steps: entry.steps.map(publicStep) } : {}),
  }));
  return `${JSON.stringify({ auth: { mode: explain.auth.mode, source: explain.auth.source }, config: value, provenance }, null, 2)}\n`;
}

/** One stderr line per NaN or ±Infinity in `value`, which JSON output can only print as null. */
export function nonFiniteWarnings(value: unknown): string[] {
  const lines: string[] = [];
  const path: (string | number)[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === "number") {
      if (!Number.isFinite(v)) {
        lines.push(`openclaw-config: warning: ${formatPath(path)} is ${String(v)}, which JSON cannot represent; it is printed as null. Use --format json5 to keep it.`);
      }
      return;
    }
    if (typeof v !== "object" || v === null) return;
    const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
    for (const key of keys) {
      path.push(key);
      visit((v as Record<string | number, unknown>)[key]);
      path.pop();
    }
  };
  visit(value);
  return lines;
}

/** A step as printed: env steps name variables and their sources, never the substituted text. */
function publicStep(step: ProvenanceStep): Record<string, unknown> {
  if (step.kind !== "env") return { ...step };
  return { kind: step.kind, template: step.template, references: step.references.map((r) => ({ variable: r.variable, source: r.source })) };
}

/** The comment `--explain` writes beside one leaf. */
export function explainLeaf(entry: ValueProvenance): string {
  const isDefault = entry.steps.some((s) => s.kind === "default");
  const parts: string[] = [isDefault ? "" : `${entry.file}:${entry.line}`];
  // Steps run outermost first; the nearest includer reads best first: "included from b:3, from a:1".
  const includes = entry.steps.flatMap((s) => (s.kind === "include" ? [`${s.from.file}:${s.from.line}`] : [])).reverse();
  if (includes.length > 0) parts.push(`included from ${includes.join(", from ")}`);
  for (const step of entry.steps) {
    switch (step.kind) {
      case "env":
        parts.push(step.references.map((r) => `\${${r.variable}} from ${r.source}`).join(", "));
        break;
      case "migration":
        parts.push(`migrated: ${step.description}`);
        break;
      case "default":
        parts[0] = `default: ${step.description}, beside ${entry.file}:${entry.line}`;
        break;
      case "include":
        break;
    }
  }
  return parts.filter(Boolean).join("; ");
}

function explainer(compiled: CompiledConfig): { header: string[]; leaf: (path: readonly (string | number)[]) => string | undefined } {
  return {
    header: [`auth: ${compiled.auth.mode} (${compiled.auth.source})`],
    leaf: (path) => {
      const entry = compiled.provenance.get(path);
      return entry ? explainLeaf(entry) : undefined;
    },
  };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * JSON5 text for a value: two-space indentation, unquoted keys where JavaScript allows them,
 * double-quoted strings, trailing commas; with `explain`, a `// file:line` comment after each leaf
 * (and each empty object or array) and header comments before the value.
 */
export function emitJson5(value: unknown, explain?: { header: string[]; leaf: (path: readonly (string | number)[]) => string | undefined }): string {
  // A line break would end the comment and put the rest of the text into the JSON5.
  const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, " ");
  const lines: string[] = explain ? explain.header.map((h) => `// ${oneLine(h)}`) : [];
  const path: (string | number)[] = [];
  const scalar = (v: unknown): string => {
    if (typeof v === "number") return Number.isNaN(v) ? "NaN" : Object.is(v, -0) ? "-0" : String(v);
    if (typeof v === "string") return JSON.stringify(v);
    if (v === null || v === undefined) return "null";
    return String(v);
  };
  const comment = (): string => {
    const text = explain?.leaf(path);
    return text ? ` // ${oneLine(text)}` : "";
  };
  const write = (v: unknown, indent: string, prefix: string, suffix: string): void => {
    const isArray = Array.isArray(v);
    const keys: (string | number)[] = typeof v === "object" && v !== null ? (isArray ? (v as unknown[]).map((_, i) => i) : Object.keys(v)) : [];
    if (typeof v !== "object" || v === null || keys.length === 0) {
      const text = typeof v === "object" && v !== null ? (isArray ? "[]" : "{}") : scalar(v);
      lines.push(`${indent}${prefix}${text}${suffix}${comment()}`);
      return;
    }
    lines.push(`${indent}${prefix}${isArray ? "[" : "{"}`);
    for (const key of keys) {
      path.push(key);
      const label = typeof key === "number" ? "" : `${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: `;
      write((v as Record<string | number, unknown>)[key], `${indent}  `, label, ",");
      path.pop();
    }
    lines.push(`${indent}${isArray ? "]" : "}"}${suffix}`);
  };
  write(value, "", "", "");
  return `${lines.join("\n")}\n`;
}
