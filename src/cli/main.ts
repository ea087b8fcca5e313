import yargs from "yargs";
import type { Argv } from "yargs";
import { cacheCommand } from "./commands/cache.js";
import { lintCommand } from "./commands/lint.js";
import { migrateCommand } from "./commands/migrate.js";
import { resolveCommand } from "./commands/resolve.js";
import { rulesCommand } from "./commands/rules.js";
import { schemaCommand } from "./commands/schema.js";
import type { CliIO } from "./io.js";
import { VERSION } from "../version.js";
import { EXIT, reportInternalError, reportUsageError, UsageError } from "./io.js";

export { VERSION } from "../version.js";

/** A command: registers itself on yargs and returns its exit code through `done`. */
export type CommandFactory = (io: CliIO, done: (code: number) => void) => (y: Argv) => Argv;

/** Every command, in help order. */
const COMMANDS: CommandFactory[] = [lintCommand, migrateCommand, resolveCommand, cacheCommand, rulesCommand, schemaCommand];

/** Runs the CLI with the given arguments; returns the exit code and never throws. */
export async function main(rawArgv: readonly string[], io: CliIO): Promise<number> {
  // yargs drops a lone "-" positional; it means standard input, as `--stdin` does.
  const argv = rawArgv.map((arg) => (arg === "-" ? "--stdin" : arg));
  let exitCode: number | undefined;
  const done = (code: number) => {
    exitCode = code;
  };
  let usageError: string | undefined;
  let output = "";
  let parser = yargs([...argv])
    .scriptName("openclaw-config")
    .usage("$0 <command> [options]\n\nLint, migrate and resolve OpenClaw gateway configs (openclaw.json, JSON5).")
    .strict()
    .demandCommand(1, "Name a command: lint, migrate, resolve, cache, schema or rules.")
    .recommendCommands()
    .help()
    .alias("h", "help")
    .version(VERSION)
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      // Throwing stops yargs: returning would let it run the command's handler after a failed validation.
      if (error && !(error instanceof UsageError)) throw error;
      throw error ?? new UsageError(message);
    });
  for (const register of COMMANDS) parser = register(io, done)(parser);
  try {
    await parser.parseAsync([...argv], {}, (_err, _argv, text) => {
      output = text;
    });
  } catch (error) {
    if (error instanceof UsageError) usageError = error.message;
    else return reportInternalError(io, error);
  }
  if (usageError !== undefined) return reportUsageError(io, usageError);
  if (output) io.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
  return exitCode ?? EXIT.clean;
}
