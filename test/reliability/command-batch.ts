// Entry point bundled by built-cli.ts: runs several CLI invocations in one process (one start-up
// instead of one per command), the way src/cli.ts does (the lint fast path, else main()), and
// prints their outcomes as JSON on stdout.
import { readFileSync } from "node:fs";
import { tryFastCommand } from "../../src/cli/fast-path.js";
import type { CliIO } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

/** One invocation of the batch: arguments and where it runs. */
export interface BatchCommand {
  args: string[];
  cwd: string;
}

/** What one invocation printed and returned. */
export interface BatchOutcome {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

const commands = JSON.parse(readFileSync(process.argv[2] as string, "utf8")) as BatchCommand[];
const outcomes: BatchOutcome[] = [];
for (const command of commands) {
  let stdout = "";
  let stderr = "";
  const started = performance.now();
  let code: number;
  const io: CliIO = {
    stdout: { write: (t) => void (stdout += t), isTTY: false },
    stderr: { write: (t) => void (stderr += t), isTTY: false },
    // Standard input is tested through the real entry point (src/cli.ts decodes it); here it is empty.
    readStdin: async () => "",
    env: { NO_COLOR: "1" },
    cwd: command.cwd,
  };
  try {
    code = (await tryFastCommand(command.args, io)) ?? (await main(command.args, io));
  } catch (error) {
    // Neither promises to throw; record it as the failure it is.
    code = -1;
    stderr += `main() threw: ${(error as Error)?.stack ?? String(error)}`;
  }
  outcomes.push({ args: command.args, code, stdout, stderr, ms: performance.now() - started });
}
process.stdout.write(JSON.stringify(outcomes));
