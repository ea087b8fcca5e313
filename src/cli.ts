#!/usr/bin/env node
// The whole CLI (dist/cli.bundle.cjs). The bin tries dist/cli-fast.bundle.cjs first for `lint`,
// `check`, `migrate` and `--version` (src/cli-fast.ts), and loads this one when that declines or for
// any other command.
// First import: configures Zod before any schema module is evaluated.
import "./cli/zod-setup.js";
import { tryFastCommand } from "./cli/fast-path.js";
import { exitWith, processIO } from "./cli/process-io.js";
import { VERSION } from "./version.js";

const io = processIO();

/** Plain `lint` and `migrate` invocations skip loading yargs; everything else goes through the full CLI. */
async function run(argv: string[]): Promise<number> {
  // Scripts and editor integrations ask for the version often; yargs is not needed to answer.
  if (argv.length === 1 && argv[0] === "--version") {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const fast = await tryFastCommand(argv, io);
  if (fast !== undefined) return fast;
  const { main } = await import("./cli/main.js");
  return main(argv, io);
}

exitWith(run(process.argv.slice(2)), io);
