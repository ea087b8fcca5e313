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
