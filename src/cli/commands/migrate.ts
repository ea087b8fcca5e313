import { lstatSync, realpathSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createRequire } from "node:module";
import type { Argv } from "yargs";
import type { Diagnostic, TextEdit } from "../../diagnostics/diagnostic.js";
import { compareDiagnostics } from "../../diagnostics/diagnostic.js";
import { applyEdits, sortEdits } from "../../document/edits.js";
import { LineIndex } from "../../document/lines.js";
import { isWritable, writeFileAtomic } from "../../io/atomic-write.js";
import { describeFsError, readSource } from "../../io/read-source.js";
import type { MigrateConfigResult, MigratedFile, MigrationStep } from "../../migrations/index.js";
import { migrateConfig } from "../../migrations/index.js";
import { shouldColor } from "../../report/color.js";
import { loadReporter } from "../../report/formats.js";
import type { FileReport } from "../../report/report.js";
import { maskSecretsInDiagnostic, maskSecretsInLine, maskSecretsInText } from "../../report/secret-mask.js";
import { parseConfig } from "../../stages/parse.js";
import { expandInputs } from "../inputs.js";
import type { CliIO } from "../io.js";
import { EXIT, UsageError } from "../io.js";
import type { CommandFactory } from "../main.js";
import { yargsOptions } from "../option-table.js";
import type { MigrateFormat } from "./migrate-options.js";
import { MIGRATE_OPTIONS } from "./migrate-options.js";

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
        .options(yargsOptions(MIGRATE_OPTIONS))
        .example("$0 migrate openclaw.json", "Show what would change; exit 1 when something is pending")
        .example("$0 migrate --write openclaw.json", "Apply the changes, keeping comments and formatting"),
    async (argv) => {
      done(await runMigrate(argv as unknown as MigrateArgs, io));
    },
  );

/** What migrating one input (a root config and the files it includes) produced. */
interface FileOutcome {
  file: string;
  source?: string;
  result?: MigrateConfigResult;
  diagnostics: Diagnostic[];
  written?: boolean;
}

/** One file to change, with the edits of every input that changes it (an included file can be shared). */
interface PlannedChange {
  /** Absolute path. */
  path: string;
  /** Display name, from the first input that changes the file. */
  file: string;
  before: string;
  after: string;
  edits: TextEdit[];
  /** Migrations that change this file, in order of first use. */
  migrations: string[];
  outcomes: FileOutcome[];
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
  const fail = (message: string): void => {
    io.stderr.write(`openclaw-config: ${message}\n`);
    failed = true;
  };
  if (useStdin) {
    const name = args.stdinFilename ?? "<stdin>";
    outcomes.push(migrateText(await io.readStdin(), name, resolve(io.cwd, name)));
  }
  const expanded = expandInputs(patterns, io.cwd, args.ignorePattern);
  for (const pattern of expanded.missing) fail(`no config files match '${pattern}'`);
  for (const file of expanded.files) {
    const read = readSource(resolve(io.cwd, file), file);
    if (!read.ok) {
      fail(`cannot read ${read.error}`);
      continue;
    }
    if (read.text === undefined) outcomes.push({ file, diagnostics: [read.diagnostic] });
    else outcomes.push(migrateText(read.text, file, resolve(io.cwd, file)));
  }

  const plan = planChanges(outcomes);
  for (const problem of plan.problems) fail(problem);
  const changes = plan.changes;

  if (args.write && changes.length > 0) {
    // Every file is checked before any is written, so a conflict or a refusal leaves all of them as they were.
    const refusals = changes.flatMap((change) => checkTarget(change.path, change.before, change.after) ?? []);
    for (const refusal of refusals) fail(refusal);
    if (plan.problems.length > 0 && refusals.length === 0) fail("nothing was written, because of the conflict above.");
    if (plan.problems.length === 0 && refusals.length === 0) {
      for (const change of changes) {
        const written = writeFileAtomic(change.path, change.after, { originalText: change.before });
        if (!written.ok) {
          fail(written.message);
          const done = changes.filter((c) => c.written).map((c) => c.file);
          if (done.length > 0) fail(`already migrated: ${done.join(", ")}; run migrate --write again to finish.`);
          break;
        }
        change.written = true;
      }
    }
    for (const outcome of outcomes) {
      const mine = changes.filter((c) => c.outcomes.includes(outcome));
      outcome.written = mine.length > 0 && mine.every((c) => c.written);
    }
    for (const problem of verifySecondRun(outcomes, io.cwd)) fail(problem);
  }

  if (args.format === "json") io.stdout.write(formatJson(outcomes, args.write));
  else {
    for (const change of changes) {
      if (!args.write) io.stdout.write(formatDiff(change.file, change.before, change.after));
      else if (change.written) io.stdout.write(`Migrated ${change.file} (${change.migrations.join(", ")})\n`);
    }
  }
  const findings = collectFindings(outcomes);
  if (findings.length > 0 && args.format !== "json") {
    const stylish = await loadReporter("stylish");
    io.stderr.write(stylish({ files: findings }, { color: shouldColor(io.stderr, io.env), cwd: io.cwd }));
  }

  if (failed) return EXIT.usage;
  const pending = !args.write && outcomes.some((o) => (o.result?.files.length ?? 0) > 0);
  const errors = outcomes.some((o) => o.diagnostics.some((d) => d.severity === "error"));
  return pending || errors ? EXIT.findings : EXIT.clean;
}

function migrateText(text: string, file: string, rootPath: string): FileOutcome {
  const parsed = parseConfig(text, file);
  if (!parsed.document) return { file, source: text, diagnostics: parsed.diagnostics };
  const result = migrateConfig(parsed.document, { rootPath });
  // Only what stops or concerns the migration is shown; lint reports the rest.
  const stopping = [...parsed.diagnostics, ...result.includeDiagnostics].filter((d) => d.severity === "error");
  const diagnostics = [...stopping, ...result.diagnostics].sort(compareDiagnostics);
  return { file, source: text, result, diagnostics };
}

/**
 * Gathers the changed files of every input by real path. A file several inputs change (an included
 * file shared by two root configs, or a root that another includes) gets their edits once each:
 * identical edits count once, conflicting ones leave the file unchanged and are reported.
 */
function planChanges(outcomes: readonly FileOutcome[]): { changes: PlannedChange[]; problems: string[] } {
  const byPath = new Map<string, PlannedChange & { contributions: number; conflict?: string }>();
  for (const outcome of outcomes) {
    const result = outcome.result;
    if (!result) continue;
    for (const changed of result.files) {
      const path = result.paths.get(changed.file) ?? changed.file;
      const key = realPathOr(path);
      const ids = result.steps.filter((s) => s.edits.some((e) => e.file === changed.file)).map((s) => s.id);
      const edits = netEdits(result, changed);
      const entry = byPath.get(key);
      if (!entry) {
        byPath.set(key, { path, file: changed.file, before: changed.before, after: changed.after, edits, migrations: ids, outcomes: [outcome], contributions: 1 });
        continue;
      }
      entry.outcomes.push(outcome);
      for (const id of ids) if (!entry.migrations.includes(id)) entry.migrations.push(id);
      if (entry.before !== changed.before) {
        entry.conflict ??= `${entry.file} changed on disk while it was being migrated; it was left as it was. Run the command again.`;
        continue;
      }
      entry.contributions++;
      entry.edits.push(...edits.map((e) => ({ ...e, file: entry.file })));
    }
  }

  const changes: PlannedChange[] = [];
  const problems: string[] = [];
  for (const entry of byPath.values()) {
    if (entry.contributions > 1 && !entry.conflict) {
      const applied = applyEdits(entry.before, entry.edits);
      if (applied.ok && !parsesAsConfigFile(applied.text, entry.file)) entry.conflict = `${entry.file}: ${describeRoots(entry)} include it and their changes together do not parse; it was left as it was. Change it by hand.`;
      else if (!applied.ok) {
        entry.conflict = `${entry.file}: ${describeRoots(entry)} include it and need different changes on line ${conflictLine(entry.before, entry.edits)}; it was left as it was. Change it by hand.`;
      }
      else entry.after = applied.text;
    }
    if (entry.conflict) problems.push(entry.conflict);
    else if (entry.after !== entry.before) changes.push(entry);
  }
  return { changes, problems };
}

/** The edits that turn a file's text before every migration into its text after them. */
function netEdits(result: MigrateConfigResult, changed: MigratedFile): TextEdit[] {
  const touching = result.steps.filter((s) => s.edits.some((e) => e.file === changed.file));
  if (touching.length === 1) return (touching[0] as MigrationStep).edits.filter((e) => e.file === changed.file);
  // Several steps changed the file, each on the previous one's text: one edit spans everything they changed.
  const { before, after } = changed;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return [{ file: changed.file, start, end: before.length - tail, text: after.slice(start, after.length - tail) }];
}

/** Line of the first edit that overlaps another, different edit (applyEdits refused them). */
function conflictLine(text: string, edits: readonly TextEdit[]): number {
  const sorted = sortEdits(edits);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as TextEdit;
    const b = sorted[i] as TextEdit;
    const same = a.start === b.start && a.end === b.end && a.text === b.text;
    if (!same && (b.start < a.end || (a.start === a.end && b.start === b.end && a.start === b.start))) return new LineIndex(text).position(b.start).line;
  }
  return 1;
}

function describeRoots(change: PlannedChange): string {
  return [...new Set(change.outcomes.map((o) => o.file))].join(" and ");
}

/** Whether text is a config object, or (for an included file) a value such as an agents list. */
function parsesAsConfigFile(text: string, file: string): boolean {
  const parsed = parseConfig(text, file);
  return parsed.document !== undefined || parsed.diagnostics.every((d) => d.code === "parse/root-not-object");
}

function realPathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Why a planned write would be refused, checked before anything is written: the same conditions
 * writeFileAtomic checks again at write time (which stays the guard against a change in between).
 */
function checkTarget(path: string, before: string, after: string): string | undefined {
  let stat;
  try {
    stat = lstatSync(path);
  } catch (error) {
    return `${path}: ${describeFsError(error)} (it existed when it was read); nothing was written.`;
  }
  if (stat.isSymbolicLink()) {
    const target = realPathOr(path);
    return target === path
      ? `${path} is a symbolic link whose target does not exist; nothing was written.`
      : `${path} is a symbolic link to ${target}; nothing was written. Run the command on ${target} to change the real file.`;
  }
  if (!stat.isFile()) return `${path} is not a regular file; nothing was written.`;
  if (!isWritable(path, stat.mode)) return `${path} is read-only; nothing was written. Make it writable (chmod u+w) to apply the changes.`;
  if (!isWritable(dirname(path))) return `${dirname(path)} is not writable, so ${path} cannot be replaced atomically; nothing was written.`;
  const read = readSource(path);
  if (!read.ok || read.text !== before) return `${path} changed on disk since it was read; nothing was written. Run the command again.`;
  const parsed = parseConfig(after, path);
  if (!parsed.document && parsesAsConfigFile(after, path)) {
    // writeFileAtomic re-parses the new text as a config object and would refuse mid-way.
    return `${path} holds an array or a single value at its top level, which --write cannot replace safely yet; nothing was written. Apply the change that migrate shows by hand.`;
  }
  if (!parsed.document) {
    const first = parsed.diagnostics[0];
    const where = first ? ` (line ${first.range.start.line}, column ${first.range.start.column}: ${maskSecretsInText(first.message)})` : "";
    return `The new text for ${path} cannot be written safely${where}; nothing was written.`;
  }
  return undefined;
}


/** After --write: migrating each written input again must find nothing, or the migration is not idempotent (a bug). */
function verifySecondRun(outcomes: readonly FileOutcome[], cwd: string): string[] {
  const problems: string[] = [];
  for (const outcome of outcomes) {
    if (!outcome.written || outcome.diagnostics.some((d) => d.code === "migrate/deferred")) continue;
    const rootPath = resolve(cwd, outcome.file);
    const read = readSource(rootPath, outcome.file);
    const parsed = read.ok && read.text !== undefined ? parseConfig(read.text, outcome.file) : undefined;
    const again = parsed?.document ? migrateConfig(parsed.document, { rootPath }) : undefined;
    if (!again) problems.push(`${outcome.file} does not parse after migrating; this is a bug in openclaw-config, please report it.`);
    else if (again.files.length > 0) {
      problems.push(`${outcome.file}: a second run would change ${again.files.map((f) => f.file).join(", ")} again; this is a bug in openclaw-config, please report it.`);
    }
  }
  return problems;
}

/** Findings of every input, one report per file they are in; a finding two inputs share (in a shared include) is shown once. */
function collectFindings(outcomes: readonly FileOutcome[]): FileReport[] {
  const reports = new Map<string, FileReport>();
  const seen = new Set<string>();
  for (const outcome of outcomes) {
    for (const d of outcome.diagnostics) {
      const key = JSON.stringify([d.file, d.range.start.offset, d.range.end.offset, d.code, d.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      let report = reports.get(d.file);
      if (!report) {
        const source = d.file === outcome.file ? outcome.source : outcome.result?.sources.get(d.file);
        report = { file: d.file, ...(source !== undefined ? { source } : {}), diagnostics: [] };
        reports.set(d.file, report);
      }
      report.diagnostics.push(d);
    }
  }
  return [...reports.values()];
}

type TwoFilesPatch = typeof import("diff").createTwoFilesPatch;
let loadedPatch: TwoFilesPatch | undefined;

/**
 * The `diff` package's patch maker, loaded on first use (from its one module, not the package index
 * and its ~25 files): `migrate` in a pre-commit hook mostly finds nothing to change and prints no diff.
 */
function twoFilesPatch(): TwoFilesPatch {
  loadedPatch ??= (createRequire(import.meta.url)("diff/lib/patch/create.js") as { createTwoFilesPatch: TwoFilesPatch }).createTwoFilesPatch;
  return loadedPatch;
}

/** A unified diff of one file, with credential literals masked (a diff is output like any other). */
export function formatDiff(file: string, before: string, after: string): string {
  const patch = twoFilesPatch()(`a/${file}`, `b/${file}`, before, after, undefined, undefined, { context: 3 });
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
        // Each edit indexes its own file's text before the step.
        const lines = new Map<string, LineIndex>();
        const linesOf = (file: string): LineIndex => {
          let index = lines.get(file);
          if (!index) lines.set(file, (index = new LineIndex(step.includedTexts?.[file] ?? step.text)));
          return index;
        };
        return {
          id: step.id,
          edits: step.edits.map((e) => ({ file: e.file, range: linesOf(e.file).range(e.start, e.end), text: e.text })),
        };
      }),
      diagnostics: o.diagnostics.map(maskSecretsInDiagnostic),
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
