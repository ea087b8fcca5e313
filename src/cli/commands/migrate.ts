import { resolve } from "node:path";
import { createTwoFilesPatch } from "diff";
import type { Argv } from "yargs";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { compareDiagnostics } from "../../diagnostics/diagnostic.js";
import { LineIndex } from "../../document/lines.js";
import { writeFileAtomic } from "../../io/atomic-write.js";
import { readSource } from "../../io/read-source.js";
import type { MigrateResult } from "../../migrations/index.js";
import { migrateDocument } from "../../migrations/index.js";
import { shouldColor } from "../../report/color.js";
import { loadReporter } from "../../report/formats.js";
import type { FileReport } from "../../report/report.js";
import { maskSecretsInLine } from "../../report/secret-mask.js";
import { parseConfig } from "../../stages/parse.js";
import { expandInputs } from "../inputs.js";
import type { CliIO } from "../io.js";
import { EXIT, UsageError } from "../io.js";
import type { CommandFactory } from "../main.js";

/** Output formats of `migrate`: a unified diff, or the edits as JSON. */
export const MIGRATE_FORMATS = ["diff", "json"] as const;
export type MigrateFormat = (typeof MIGRATE_FORMATS)[number];

/** Arguments of `migrate`. */
export interface MigrateArgs {
  files: string[];
  stdin: boolean;
  stdinFilename?: string;
  write: boolean;
  format: MigrateFormat;
  ignorePattern: string[];
}

/** `openclaw-config migrate`. */
export const migrateCommand: CommandFactory = (io, done) => (y) =>
  y.command(
    "migrate [files..]",
    "Rewrite legacy settings to their current form; prints a diff, or applies it with --write.",
    (cmd: Argv) =>
      cmd
        .positional("files", { type: "string", array: true, default: [], describe: "Files, directories or globs; - reads stdin" })
        .option("stdin", { type: "boolean", default: false, describe: "Read the config from standard input" })
        .option("stdin-filename", { type: "string", describe: "File name to use in messages for standard input" })
        .option("write", { alias: "w", type: "boolean", default: false, describe: "Apply the changes in place (atomically)" })
        .option("format", { alias: "f", choices: MIGRATE_FORMATS, default: "diff" as MigrateFormat, describe: "Output format" })
        .option("ignore-pattern", { type: "string", array: true, default: [], describe: "Skip files matching this glob (repeatable)" })
        .example("$0 migrate openclaw.json", "Show what would change; exit 1 when something is pending")
        .example("$0 migrate --write openclaw.json", "Apply the changes, keeping comments and formatting"),
    async (argv) => {
      done(await runMigrate(argv as unknown as MigrateArgs, io));
    },
  );

/** What migrating one input produced. */
interface FileOutcome {
  file: string;
  source?: string;
  result?: MigrateResult;
  diagnostics: Diagnostic[];
  written?: boolean;
}

/** Runs the migrations over the named inputs, prints a diff or JSON, and writes with --write; returns the exit code. */
export async function runMigrate(args: MigrateArgs, io: CliIO): Promise<number> {
  const useStdin = args.stdin || args.files.includes("-");
  const patterns = args.files.filter((f) => f !== "-");
  if (!useStdin && patterns.length === 0) throw new UsageError("Name at least one file, directory or glob (or - for stdin).");
  if (useStdin && args.write) throw new UsageError("--write cannot write to standard input; name the file instead.");

  const outcomes: FileOutcome[] = [];
  let failed = false;
  if (useStdin) outcomes.push(migrateText(await io.readStdin(), args.stdinFilename ?? "<stdin>"));
  const expanded = expandInputs(patterns, io.cwd, args.ignorePattern);
  for (const pattern of expanded.missing) {
    io.stderr.write(`openclaw-config: no config files match '${pattern}'\n`);
    failed = true;
  }
  for (const file of expanded.files) {
    const read = readSource(resolve(io.cwd, file), file);
    if (!read.ok) {
      io.stderr.write(`openclaw-config: cannot read ${read.error}\n`);
      failed = true;
      continue;
    }
    if (read.text === undefined) outcomes.push({ file, diagnostics: [read.diagnostic] });
    else outcomes.push(migrateText(read.text, file));
  }

  if (args.write) {
    for (const outcome of outcomes) {
      // Each migrated file is written on its own: with $include, one input can change several files.
      for (const changed of outcome.result?.files ?? []) {
        const written = writeFileAtomic(resolve(io.cwd, changed.file), changed.after, { originalText: changed.before });
        if (written.ok) outcome.written = true;
        else {
          io.stderr.write(`openclaw-config: ${written.message}\n`);
          failed = true;
        }
      }
    }
  }

  if (args.format === "json") io.stdout.write(formatJson(outcomes, args.write));
  else {
    for (const outcome of outcomes) {
      for (const changed of outcome.result?.files ?? []) {
        if (args.write) {
          if (outcome.written) io.stdout.write(`Migrated ${changed.file} (${outcome.result?.steps.map((s) => s.id).join(", ")})\n`);
        } else io.stdout.write(formatDiff(changed.file, changed.before, changed.after));
      }
    }
  }
  const findings: FileReport[] = outcomes
    .filter((o) => o.diagnostics.length > 0)
    .map((o) => ({ file: o.file, ...(o.source !== undefined ? { source: o.source } : {}), diagnostics: o.diagnostics }));
  if (findings.length > 0 && args.format !== "json") {
    const stylish = await loadReporter("stylish");
    io.stderr.write(stylish({ files: findings }, { color: shouldColor(io.stderr, io.env), cwd: io.cwd }));
  }

  if (failed) return EXIT.usage;
  const pending = !args.write && outcomes.some((o) => (o.result?.files.length ?? 0) > 0);
  const errors = outcomes.some((o) => o.diagnostics.some((d) => d.severity === "error"));
  return pending || errors ? EXIT.findings : EXIT.clean;
}

function migrateText(text: string, file: string): FileOutcome {
  const parsed = parseConfig(text, file);
  if (!parsed.document) return { file, source: text, diagnostics: parsed.diagnostics };
  const result = migrateDocument(parsed.document);
  // Only what stops or concerns the migration is shown; lint reports the rest.
  const diagnostics = [...parsed.diagnostics.filter((d) => d.severity === "error"), ...result.diagnostics].sort(compareDiagnostics);
  return { file, source: text, result, diagnostics };
}

/** A unified diff of one file, with credential literals masked (a diff is output like any other). */
export function formatDiff(file: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 });
  const lines = patch.split("\n");
  // Drop the "Index:" and "====" lines: the ---/+++ header is what `git apply` and `patch -p1` read.
  const start = lines.findIndex((l) => l.startsWith("--- "));
  let inHunk = false;
  return lines
    .slice(start === -1 ? 0 : start)
    .map((line) => {
      if (line.startsWith("@@")) inHunk = true;
      return inHunk && /^[ +-]/.test(line) ? line.slice(0, 1) + maskSecretsInLine(line.slice(1)) : line;
    })
    .join("\n");
}

function formatJson(outcomes: FileOutcome[], write: boolean): string {
  const body = {
    version: 1,
    tool: "openclaw-config",
    command: "migrate",
    write,
    files: outcomes.map((o) => ({
      file: o.file,
      pending: !write && (o.result?.files.length ?? 0) > 0,
      written: o.written === true,
      migrations: (o.result?.steps ?? []).map((step) => {
        const lines = new LineIndex(step.text);
        return {
          id: step.id,
          edits: step.edits.map((e) => ({ file: e.file, range: lines.range(e.start, e.end), text: e.text })),
        };
      }),
      diagnostics: o.diagnostics,
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
