#!/usr/bin/env node
import { main } from "./cli/main.js";

/** Reads all of standard input as UTF-8. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

main(process.argv.slice(2), {
  stdout: { write: (t) => void process.stdout.write(t), isTTY: process.stdout.isTTY },
  stderr: { write: (t) => void process.stderr.write(t), isTTY: process.stderr.isTTY },
  readStdin,
  env: process.env,
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`openclaw-config: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
