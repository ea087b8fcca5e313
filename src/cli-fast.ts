// The CLI's fast bundle (dist/cli-fast.bundle.cjs): `--version`, and `lint`/`check`/`migrate` with
// plain options, without yargs, the other commands and their help. The pre-commit hooks run this on
// every commit, and every kilobyte of bundle is read, decoded and deserialised at each start
// (docs/decisions/0005-cli-code-cache.md). The bin loads the whole CLI (src/cli.ts) when this declines.
// First import: configures Zod before any schema module is evaluated.
import "./cli/zod-setup.js";
import { tryFastCommand } from "./cli/fast-path.js";
import { processIO } from "./cli/process-io.js";

/**
 * Runs the command when it needs nothing the fast bundle lacks, and returns true; returns false,
 * having read and written nothing, when the whole CLI must run it.
 */
export async function runFast(argv: string[]): Promise<boolean> {
  // tryFastCommand declines from the arguments alone, before it reads or writes anything.
  const code = await tryFastCommand(argv, processIO());
  if (code === undefined) return false;
  process.exitCode = code;
  return true;
}
