/** A stream a command writes to. */
export interface OutputStream {
  write(text: string): void;
  isTTY?: boolean;
}

/** Everything a command touches outside itself, injectable for in-process tests. */
export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  readStdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Exit codes shared by every command. */
export const EXIT = { clean: 0, findings: 1, usage: 2 } as const;

/** Thrown inside command handlers for a usage error; main() turns it into exit 2 and a one-line message. */
export class UsageError extends Error {}

/** Prints a usage error the way every command does; returns the usage exit code. */
export function reportUsageError(io: CliIO, message: string): number {
  io.stderr.write(`openclaw-config: ${message}\nRun 'openclaw-config --help' for usage.\n`);
  return EXIT.usage;
}

/** Prints an unexpected failure as one line (the stack only with OPENCLAW_CONFIG_DEBUG); returns exit 2. */
export function reportInternalError(io: CliIO, error: unknown): number {
  io.stderr.write(`openclaw-config: internal error: ${(error as Error)?.message ?? String(error)}\n`);
  if (io.env.OPENCLAW_CONFIG_DEBUG) io.stderr.write(`${(error as Error)?.stack ?? ""}\n`);
  return EXIT.usage;
}
