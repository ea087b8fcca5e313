import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Argv } from "yargs";
import type { Severity } from "../../diagnostics/diagnostic.js";
import { readSource } from "../../io/read-source.js";
import { lintText } from "../../pipeline.js";
import { RULES } from "../../rules/registry.js";
import { shouldColor } from "../../report/color.js";
import type { FormatName } from "../../report/formats.js";
import { FORMATS, loadReporter } from "../../report/formats.js";
import type { FileReport, RunReport } from "../../report/report.js";
import { countReport } from "../../report/report.js";
import type { RuleSetting } from "../../stages/lint.js";
import { expandInputs } from "../inputs.js";
import type { CliIO } from "../io.js";
import { EXIT, UsageError } from "../io.js";
import type { CommandFactory } from "../main.js";

/** Arguments of `lint`. */
export interface LintArgs {
  files: string[];
  stdin: boolean;
  stdinFilename?: string;
  format: FormatName;
  quiet: boolean;
  maxWarnings?: number;
  rule: string[];
  output?: string;
  ignorePattern: string[];
}

/** `openclaw-config lint` (alias `check`). */
export const lintCommand: CommandFactory = (io, done) => (y) =>
  y.command(
    ["lint [files..]", "check"],
    "Parse, validate and lint config files (files, directories or globs; - for stdin).",
    (cmd: Argv) =>
      cmd
        .positional("files", { type: "string", array: true, default: [], describe: "Files, directories or globs; - reads stdin" })
        .option("stdin", { type: "boolean", default: false, describe: "Read the config from standard input" })
        .option("stdin-filename", { type: "string", describe: "File name to use in messages for standard input" })
        .option("format", { alias: "f", choices: FORMATS, default: "stylish" as FormatName, describe: "Output format" })
        .option("quiet", { type: "boolean", default: false, describe: "Report errors only" })
        .option("max-warnings", { type: "number", describe: "Exit 1 when there are more warnings than this" })
        .option("rule", { type: "string", array: true, default: [], describe: "Set a rule's severity: <id>=off|warn|error (repeatable)" })
        .option("output", { alias: "o", type: "string", describe: "Write the report to a file instead of stdout" })
        .option("ignore-pattern", { type: "string", array: true, default: [], describe: "Skip files matching this glob (repeatable)" })
        .example("$0 lint openclaw.json", "Lint one file")
        .example("$0 lint 'configs/**/*.json5' --format json", "Lint many files, JSON output")
        .example("cat openclaw.json | $0 lint - --stdin-filename openclaw.json", "Lint standard input"),
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

  const files: FileReport[] = [];
  let unreadable = false;
  if (useStdin) {
    const name = args.stdinFilename ?? "<stdin>";
    const text = await io.readStdin();
    files.push(toReport(lintText(text, name, { rules })));
  }
  const expanded = expandInputs(patterns, io.cwd, args.ignorePattern);
  for (const pattern of expanded.missing) {
    io.stderr.write(`openclaw-config: no config files match '${pattern}'\n`);
    unreadable = true;
  }
  for (const file of expanded.files) {
    const read = readSource(resolve(io.cwd, file), file);
    if (!read.ok) {
      io.stderr.write(`openclaw-config: cannot read ${read.error}\n`);
      unreadable = true;
      continue;
    }
    if (read.text === undefined) {
      files.push({ file, diagnostics: [read.diagnostic] });
      continue;
    }
    files.push(toReport(lintText(read.text, file, { rules })));
  }

  const report: RunReport = { files: args.quiet ? files.map(onlyErrors) : files };
  const reporter = await loadReporter(args.format);
  const color = !args.output && shouldColor(io.stdout, io.env);
  const text = reporter(report, { color, cwd: io.cwd });
  if (args.output) {
    try {
      writeFileSync(resolve(io.cwd, args.output), text);
    } catch (error) {
      io.stderr.write(`openclaw-config: cannot write ${args.output}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
  } else if (text) io.stdout.write(text);

  if (unreadable) return EXIT.usage;
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
