#!/usr/bin/env node
import { UsageError } from "./cli/io.js";
import { main } from "./cli/main.js";
import { decodeBytes } from "./io/read-source.js";

/** Reads all of standard input and decodes it as files are (UTF-8, or UTF-16 with a BOM); bytes that are not text are a usage error. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // Never a lossy decode: replacing bad bytes with U+FFFD would lint, print or fix text the user never wrote.
  const decoded = decodeBytes(Buffer.concat(chunks), "<stdin>");
  if ("text" in decoded) return decoded.text;
  throw new UsageError(`cannot read standard input: ${decoded.diagnostic.message.replace(/^File is /, "it is ")}`);
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
