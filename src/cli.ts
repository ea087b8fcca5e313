#!/usr/bin/env node
// The whole CLI (dist/cli.bundle.cjs). The bin tries dist/cli-fast.bundle.cjs first for `lint`,
// `check`, `migrate` and `--version` (src/cli-fast.ts), and loads this one when that declines or for
// any other command.
// First import: configures Zod before any schema module is evaluated.
import "./cli/zod-setup.js";
import { tryFastCommand } from "./cli/fast-path.js";
import { processIO } from "./cli/process-io.js";

const io = processIO();

/** `--version` and plain `lint` and `migrate` invocations skip loading yargs; everything else goes through the full CLI. */
async function run(argv: string[]): Promise<number> {
  const fast = await tryFastCommand(argv, io);
  if (fast !== undefined) return fast;
  const { main } = await import("./cli/main.js");
  return main(argv, io);
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    io.stderr.write(`openclaw-config: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
