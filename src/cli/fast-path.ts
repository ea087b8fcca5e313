import { LINT_OPTIONS, runLint } from "./commands/lint.js";
import type { LintArgs } from "./commands/lint.js";
import { MIGRATE_OPTIONS } from "./commands/migrate-options.js";
import type { MigrateArgs } from "./commands/migrate.js";
import type { CliIO } from "./io.js";
import { reportInternalError, reportUsageError, UsageError } from "./io.js";
import type { OptionSpec } from "./option-table.js";
import { parsePlainArgs } from "./option-table.js";
import { VERSION } from "../version.js";

interface FastCommand {
  options: Record<string, OptionSpec>;
  run: (args: Record<string, unknown>, io: CliIO) => Promise<number>;
}

const LINT: FastCommand = { options: LINT_OPTIONS, run: (args, io) => runLint(args as unknown as LintArgs, io) };

/** The commands the fast path runs: each one's option table and how it runs. */
const FAST_COMMANDS: Record<string, FastCommand> = {
  lint: LINT,
  check: LINT,
  migrate: {
    options: MIGRATE_OPTIONS,
    // Loaded when run: `migrate` brings the `diff` package, which a lint does not need.
    run: async (args, io) => (await import("./commands/migrate.js")).runMigrate(args as unknown as MigrateArgs, io),
  },
};

/** Names of the commands the fast path may run (the bin, scripts/cli-loader.cjs, lists the same). */
export const FAST_COMMAND_NAMES: readonly string[] = Object.keys(FAST_COMMANDS);

/**
 * Answers `--version`, and runs `lint`/`check` and `migrate` when the arguments use only plain option
 * forms, without loading yargs. Pre-commit runs both commands on every commit, and yargs with its
 * help layout is the largest part of start-up (docs/decisions/0004-lint-fast-path.md). Returns
 * undefined, having read and written nothing, when yargs must handle the command.
 */
export async function tryFastCommand(argv: readonly string[], io: CliIO): Promise<number | undefined> {
  // Scripts and editor integrations ask for the version often.
  if (argv.length === 1 && argv[0] === "--version") {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = argv;
  const fast = command !== undefined && Object.hasOwn(FAST_COMMANDS, command) ? FAST_COMMANDS[command] : undefined;
  if (!fast) return undefined;
  const args = rest.map((arg) => (arg === "-" ? "--stdin" : arg));
  if (args.some((arg) => arg === "--help" || arg === "-h" || arg === "--version")) return undefined;
  const parsed = parsePlainArgs(args, fast.options);
  if (!parsed) return undefined;
  try {
    return await fast.run({ ...parsed.values, files: parsed.positionals }, io);
  } catch (error) {
    return error instanceof UsageError ? reportUsageError(io, error.message) : reportInternalError(io, error);
  }
}
