import { appendFileSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Argv } from "yargs";
import type { Severity } from "../../diagnostics/diagnostic.js";
import { readSource } from "../../io/read-source.js";
import { writeFileAtomic } from "../../io/atomic-write.js";
import type { LintResult, PipelineOptions } from "../../pipeline.js";
import { lintText } from "../../pipeline.js";
import { RULES } from "../../rules/registry.js";
import { shouldColor } from "../../report/color.js";
import type { FormatName } from "../../report/formats.js";
import { defaultFormat, FORMATS, loadReporter } from "../../report/formats.js";
import type { FileReport, RunReport } from "../../report/report.js";
import { countReport } from "../../report/report.js";
import { fixText } from "../../stages/fix.js";
import type { RuleSetting } from "../../stages/lint.js";
import type { OpenClawSchemaValidator } from "../../stages/validate-openclaw-schema.js";
import { loadOpenClawSchemaFile } from "../../stages/validate-openclaw-schema.js";
import { expandInputs } from "../inputs.js";
import { lintProgress } from "../progress.js";
import type { AuthChoice } from "../settings.js";
import { AUTH_CHOICES, mergeSettings, ProjectSettingsResolver } from "../settings.js";
import type { CliIO } from "../io.js";
import { EXIT, UsageError } from "../io.js";
import type { CommandFactory } from "../main.js";
import type { OptionSpec } from "../option-table.js";
import { yargsOptions } from "../option-table.js";

/** Arguments of `lint`. */
export interface LintArgs {
  files: string[];
  stdin: boolean;
  stdinFilename?: string;
  /** Absent: `github` under GitHub Actions, else `stylish`. */
  format?: FormatName;
  quiet: boolean;
  maxWarnings?: number;
  rule: string[];
  output?: string;
  ignorePattern: string[];
  /** `--openclaw-schema <file>`: also validate every file against OpenClaw's own JSON Schema. */
  openclawSchema?: string;
  /** `--config <file>`: project settings for every input instead of the nearest `.openclaw-config.json5`. */
  config?: string;
  /** `--auth`: how the Anthropic auth mode is decided (default: the settings file, else auto). */
  auth?: AuthChoice;
  /** `--env-file` (repeatable), in OpenClaw's loading order. */
  envFile: string[];
  useProcessEnv: boolean;
  /** `--auth-profiles <auth-profiles.json>`. */
  authProfiles?: string;
  /** `--state-dir <dir>`: per-agent auth stores under `<dir>/agents/<id>/agent/`. */
  stateDir?: string;
  fix: boolean;
  fixDryRun: boolean;
}

/** Options of `lint`: one table for yargs (help, errors) and the fast path in src/cli.ts. */
export const LINT_OPTIONS = {
  stdin: { type: "boolean", default: false, describe: "Read the config from standard input" },
  "stdin-filename": { type: "string", describe: "File name to use in messages for standard input" },
  format: { type: "string", alias: "f", choices: FORMATS, describe: "Output format (default: github under GitHub Actions, else stylish)" },
  quiet: { type: "boolean", default: false, describe: "Report errors only" },
  "max-warnings": { type: "number", describe: "Exit 1 when there are more warnings than this" },
  rule: { type: "string", array: true, default: [], describe: "Set a rule's severity: <id>=off|warn|error (repeatable)" },
  output: { type: "string", alias: "o", describe: "Write the report to a file instead of stdout" },
  "ignore-pattern": { type: "string", array: true, default: [], describe: "Skip files matching this glob (repeatable)" },
  "openclaw-schema": { type: "string", describe: "Also validate whole files against this JSON Schema (the output of `openclaw config schema`)" },
  config: { type: "string", describe: "Project settings file (default: the nearest .openclaw-config.json5)" },
  fix: { type: "boolean", default: false, describe: "Apply safe fixes in place (atomic write; suggestions are never applied)" },
  "fix-dry-run": { type: "boolean", default: false, describe: "Print the fixed text to stdout instead of writing it (the report goes to stderr)" },
  auth: { type: "string", choices: AUTH_CHOICES, describe: "Anthropic auth mode: detect it (auto) or assume api-key / subscription" },
  "env-file": { type: "string", array: true, default: [], describe: "Read environment variables from a dotenv file, e.g. ~/.openclaw/.env (repeatable)" },
  "use-process-env": { type: "boolean", default: false, describe: "Also use this process's environment (ANTHROPIC_API_KEY, ...)" },
  "auth-profiles": { type: "string", describe: "Check an auth-profiles.json and use it to decide the auth mode" },
  "state-dir": { type: "string", describe: "OpenClaw state directory (usually ~/.openclaw): read each agent's auth store" },
} satisfies Record<string, OptionSpec>;

/** `openclaw-config lint` (alias `check`). */
export const lintCommand: CommandFactory = (io, done) => (y) =>
  y.command(
    ["lint [files..]", "check"],
    "Parse, validate and lint config files (files, directories or globs; - for stdin).",
    (cmd: Argv) =>
      cmd
        .positional("files", { type: "string", array: true, default: [], describe: "Files, directories or globs; - reads stdin" })
        .options(yargsOptions(LINT_OPTIONS))
        .example("$0 lint openclaw.json", "Lint one file")
        .example("$0 lint 'configs/**/*.json5' --format json", "Lint many files, JSON output")
        .example("cat openclaw.json | $0 lint - --stdin-filename openclaw.json", "Lint standard input")
        .example("$0 lint --fix openclaw.json", "Apply safe fixes in place")
        .example("$0 lint --env-file ~/.openclaw/.env --state-dir ~/.openclaw ~/.openclaw/openclaw.json", "Lint with the real auth setup"),
    async (argv) => {
      done(await runLint(argv as unknown as LintArgs, io));
    },
  );

/** Parses `--rule id=off|warn|error` values against the rule registry. */
export function parseRuleSettings(values: readonly string[]): Map<string, RuleSetting> {
  const known = new Set(RULES.map((r) => r.meta.id));
  const settings = new Map<string, RuleSetting>();
  for (const value of values) {
    const match = /^([a-z0-9-]+)=(off|warn|warning|error)$/.exec(value.trim());
    if (!match) throw new UsageError(`--rule expects <id>=off|warn|error, got '${value}'.`);
    const id = match[1] as string;
    if (!known.has(id)) throw new UsageError(`--rule: unknown rule '${id}'. Run 'openclaw-config rules' to list rules.`);
    const level = match[2] as string;
    settings.set(id, level === "off" ? "off" : level === "error" ? "error" : ("warning" satisfies Severity));
  }
  return settings;
}

/** Runs lint over the named inputs and prints the report; returns the exit code. */
export async function runLint(args: LintArgs, io: CliIO): Promise<number> {
  const rules = parseRuleSettings(args.rule);
  if (args.maxWarnings !== undefined && (!Number.isInteger(args.maxWarnings) || args.maxWarnings < 0)) {
    throw new UsageError("--max-warnings expects a whole number of 0 or more.");
  }
  const useStdin = args.stdin || args.files.includes("-");
  const patterns = args.files.filter((f) => f !== "-");
  if (!useStdin && patterns.length === 0) throw new UsageError("Name at least one file, directory or glob (or - for stdin).");
  const openclawSchema = await compileSchemaOption(args.openclawSchema, io);

  // Project settings sit under the command line: a flag given here wins (see settings.ts).
  const projectSettings = new ProjectSettingsResolver(io.cwd, args.config);
  if (args.fix && args.fixDryRun) throw new UsageError("Use either --fix or --fix-dry-run, not both.");
  if (args.fix && useStdin) throw new UsageError("--fix cannot write standard input; use --fix-dry-run to print the fixed text.");
  const inputs = new InputFiles(io.cwd);
  const shared: PipelineOptions = {
    cwd: io.cwd,
    ...(args.useProcessEnv ? { processEnv: io.env } : {}),
    ...(args.authProfiles !== undefined ? { authProfiles: inputs.read(args.authProfiles, "--auth-profiles") } : {}),
    ...(args.stateDir !== undefined ? { stateDir: inputs.directory(args.stateDir, "--state-dir") } : {}),
  };
  const optionsFor = (file: string): PipelineOptions => {
    const effective = mergeSettings(projectSettings.forFile(file), { rules, ...(args.auth ? { auth: args.auth } : {}), envFiles: args.envFile });
    return {
      ...shared,
      ...(effective.auth ? { auth: effective.auth } : {}),
      envFiles: effective.envFiles.map((envFile) => inputs.read(envFile, "--env-file")),
      rules: effective.rules,
      ...(openclawSchema ? { openclawSchema } : settingsSchemaFor(file)),
    };
  };
  // `openclawSchema` in a settings file: compiled once per schema file, before the configs that use it are linted.
  const settingsSchemas = new Map<string, OpenClawSchemaValidator>();
  const settingsSchemaFor = (file: string): { openclawSchema?: OpenClawSchemaValidator } => {
    const path = projectSettings.forFile(file)?.openclawSchema;
    const validator = path === undefined ? undefined : settingsSchemas.get(path);
    return validator ? { openclawSchema: validator } : {};
  };
  const compileSettingsSchemas = async (names: readonly string[]): Promise<void> => {
    if (openclawSchema) return;
    for (const name of names) {
      const settings = projectSettings.forFile(name);
      const path = settings?.openclawSchema;
      if (!settings || path === undefined || settingsSchemas.has(path)) continue;
      const loaded = await loadOpenClawSchemaFile(resolve(io.cwd, path), path);
      if (!loaded.ok) throw new UsageError(`${settings.file}: openclawSchema: ${loaded.message}`);
      settingsSchemas.set(path, loaded.validator);
    }
  };
  const fixing = args.fix || args.fixDryRun;
  const fixedTexts: { file: string; text: string; changed: boolean }[] = [];
  let writeFailed = false;
  // Runs lint (or fix, then lint) over one file's text; `path` is where --fix writes, absent for stdin.
  const lintOne = (text: string, file: string, path?: string): LintResult => {
    if (!fixing) return lintText(text, file, optionsFor(file));
    const fixed = fixText(text, file, optionsFor(file));
    const changed = fixed.text !== text;
    if (args.fixDryRun) fixedTexts.push({ file, text: fixed.text, changed });
    else if (changed && path !== undefined) {
      const written = writeFileAtomic(path, fixed.text, { originalText: text });
      if (!written.ok) {
        io.stderr.write(`openclaw-config: ${written.message}\n`);
        writeFailed = true;
        // Nothing was written: report the problems of the file as it is.
        return lintText(text, file, optionsFor(file));
      }
    }
    return fixed.result;
  };
  const auth: NonNullable<RunReport["auth"]> = {};
  const others = new OtherFileDiagnostics(inputs);
  const record = (result: LintResult): FileReport => {
    if (result.auth) auth[result.file] = { mode: result.auth.mode, source: result.auth.source };
    return toReport({ ...result, diagnostics: others.split(result) });
  };

  const files: FileReport[] = [];
  let unreadable = false;
  if (useStdin) {
    const name = args.stdinFilename ?? "<stdin>";
    const text = await io.readStdin();
    await compileSettingsSchemas([name]);
    files.push(record(lintOne(text, name)));
  }
  const expanded = expandInputs(patterns, io.cwd, args.ignorePattern);
  for (const pattern of expanded.missing) {
    io.stderr.write(`openclaw-config: no config files match '${pattern}'\n`);
    unreadable = true;
  }
  await compileSettingsSchemas(expanded.files);
  const progress = lintProgress(io.stderr, expanded.files.length);
  for (const file of expanded.files) {
    progress.next();
    const absolute = resolve(io.cwd, file);
    const read = readSource(absolute, file);
    if (!read.ok) {
      io.stderr.write(`openclaw-config: cannot read ${read.error}\n`);
      unreadable = true;
      continue;
    }
    if (read.text === undefined) {
      files.push({ file, diagnostics: [read.diagnostic] });
      continue;
    }
    files.push(record(lintOne(read.text, file, absolute)));
  }
  progress.done();
  // Mistakes in a settings file come first: they change how everything after them was linted.
  files.unshift(...projectSettings.reports());
  // Env files and auth stores come after the configs that were linted with them.
  files.push(...others.reports());

  const report: RunReport = { files: args.quiet ? files.map(onlyErrors) : files, auth };
  const format = args.format ?? defaultFormat(io.env);
  const reporter = await loadReporter(format);
  // With --fix-dry-run stdout carries the fixed text, so the report goes to stderr.
  const reportStream = args.fixDryRun ? io.stderr : io.stdout;
  const color = !args.output && shouldColor(reportStream, io.env);
  const text = reporter(report, { color, cwd: io.cwd });
  if (args.fixDryRun) io.stdout.write(describeFixedTexts(fixedTexts));
  if (args.output) {
    try {
      writeFileSync(resolve(io.cwd, args.output), text);
    } catch (error) {
      io.stderr.write(`openclaw-config: cannot write ${args.output}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
  } else if (text) reportStream.write(text);
  if (format === "github" && io.env.GITHUB_STEP_SUMMARY) {
    // Annotations are capped per step; the step summary lists every finding.
    const { githubStepSummary } = await import("../../report/github.js");
    try {
      appendFileSync(io.env.GITHUB_STEP_SUMMARY, githubStepSummary(report, { cwd: io.cwd }));
    } catch (error) {
      io.stderr.write(`openclaw-config: cannot append to GITHUB_STEP_SUMMARY: ${(error as Error).message}\n`);
    }
  }

  if (unreadable || writeFailed) return EXIT.usage;
  const counts = countReport(report);
  if (counts.errors > 0) return EXIT.findings;
  if (args.maxWarnings !== undefined && counts.warnings > args.maxWarnings) {
    io.stderr.write(`openclaw-config: ${counts.warnings} warnings exceed --max-warnings ${args.maxWarnings}.\n`);
    return EXIT.findings;
  }
  return EXIT.clean;
}

function toReport(result: { file: string; source?: string; diagnostics: FileReport["diagnostics"] }): FileReport {
  return { file: result.file, ...(result.source !== undefined ? { source: result.source } : {}), diagnostics: result.diagnostics };
}

function onlyErrors(file: FileReport): FileReport {
  return { ...file, diagnostics: file.diagnostics.filter((d) => d.severity === "error") };
}

/** Compiles `--openclaw-schema <file>` once for the whole run; an unusable schema is a usage error (exit 2). */
async function compileSchemaOption(path: string | undefined, io: CliIO): Promise<OpenClawSchemaValidator | undefined> {
  if (path === undefined) return undefined;
  if (path.trim() === "") throw new UsageError("--openclaw-schema expects a file name.");
  const loaded = await loadOpenClawSchemaFile(resolve(io.cwd, path), path);
  if (!loaded.ok) throw new UsageError(`--openclaw-schema: ${loaded.message}`);
  return loaded.validator;
}

/**
 * What --fix-dry-run prints: one input's fixed text as is (so it can be piped), or each changed
 * file's fixed text under a `==> file <==` header when several were linted.
 */
function describeFixedTexts(texts: readonly { file: string; text: string; changed: boolean }[]): string {
  const only = texts.length === 1 ? texts[0] : undefined;
  if (only) return only.text;
  return texts
    .filter((t) => t.changed)
    .map((t) => `==> ${t.file} <==\n${t.text}${t.text.endsWith("\n") ? "" : "\n"}`)
    .join("\n");
}

/** Side inputs (env files, auth stores) read once per run; a file that cannot be read is a usage error. */
class InputFiles {
  private readonly texts = new Map<string, { file: string; text: string }>();

  constructor(private readonly cwd: string) {}

  /** The text of a file named on the command line or in the settings file. */
  read(file: string, flag: string): { file: string; text: string } {
    const cached = this.texts.get(file);
    if (cached) return cached;
    const read = readSource(resolve(this.cwd, file), file);
    if (!read.ok) throw new UsageError(`${flag}: cannot read ${read.error}`);
    if (read.text === undefined) throw new UsageError(`${flag}: cannot read ${file}: ${read.diagnostic.message}`);
    const entry = { file, text: read.text };
    this.texts.set(file, entry);
    return entry;
  }

  /** A directory named on the command line, resolved against the working directory. */
  directory(dir: string, flag: string): string {
    const absolute = resolve(this.cwd, dir);
    let isDirectory = false;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch {
      isDirectory = false;
    }
    if (!isDirectory) throw new UsageError(`${flag}: ${dir} is not a directory.`);
    return absolute;
  }

  /** The text of a side input already read, for code frames. */
  source(file: string): string | undefined {
    return this.texts.get(file)?.text;
  }
}

/**
 * Findings about env files and auth stores come back with every config linted against them;
 * they are reported once, under their own file.
 */
class OtherFileDiagnostics {
  private readonly byFile = new Map<string, Map<string, FileReport["diagnostics"][number]>>();

  constructor(private readonly inputs: InputFiles) {}

  /** Keeps the result's own diagnostics and sets aside those of other files. */
  split(result: LintResult): FileReport["diagnostics"] {
    const own: FileReport["diagnostics"] = [];
    for (const d of result.diagnostics) {
      if (d.file === result.file) {
        own.push(d);
        continue;
      }
      let seen = this.byFile.get(d.file);
      if (!seen) {
        seen = new Map();
        this.byFile.set(d.file, seen);
      }
      const key = JSON.stringify([d.code, d.range.start.offset, d.range.end.offset, d.message]);
      if (!seen.has(key)) seen.set(key, d);
    }
    return own;
  }

  /** One report per other file, in the order the files first appeared. */
  reports(): FileReport[] {
    return [...this.byFile].map(([file, diagnostics]) => {
      const source = this.inputs.source(file);
      return { file, ...(source !== undefined ? { source } : {}), diagnostics: [...diagnostics.values()] };
    });
  }
}
