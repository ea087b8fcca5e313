import { LINT_OPTIONS, runLint } from "./commands/lint.js";
import type { LintArgs } from "./commands/lint.js";
import type { CliIO } from "./io.js";
import { reportInternalError, reportUsageError, UsageError } from "./io.js";
import { parsePlainArgs } from "./option-table.js";

/**
 * Runs `lint`/`check` without loading yargs when the arguments use only plain option forms.
 * Pre-commit runs lint on every commit, and yargs with its help layout is the largest part of
 * start-up (docs/decisions/0004-lint-fast-path.md). Returns undefined when yargs must handle it.
 */
export async function tryFastLint(argv: readonly string[], io: CliIO): Promise<number | undefined> {
  const [command, ...rest] = argv;
  if (command !== "lint" && command !== "check") return undefined;
  const args = rest.map((arg) => (arg === "-" ? "--stdin" : arg));
  if (args.some((arg) => arg === "--help" || arg === "-h" || arg === "--version")) return undefined;
  const parsed = parsePlainArgs(args, LINT_OPTIONS);
  if (!parsed) return undefined;
  try {
    return await runLint({ ...parsed.values, files: parsed.positionals } as unknown as LintArgs, io);
  } catch (error) {
    return error instanceof UsageError ? reportUsageError(io, error.message) : reportInternalError(io, error);
  }
}
