import type { CliIO } from "./io.js";
import { UsageError } from "./io.js";
import { descriptorOutput } from "./stdio.js";
import { decodeBytes } from "../io/read-source.js";

/** Reads all of standard input and decodes it as files are (UTF-8, or UTF-16 with a BOM); bytes that are not text are a usage error. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // Never a lossy decode: replacing bad bytes with U+FFFD would lint, print or fix text the user never wrote.
  const decoded = decodeBytes(Buffer.concat(chunks), "<stdin>");
  if ("text" in decoded) return decoded.text;
  throw new UsageError(`cannot read standard input: ${decoded.diagnostic.message.replace(/^File is /, "it is ")}`);
}

/** The process stream for fd 1 or 2, created on first use, quiet when the reader has gone. */
function processStream(get: () => NodeJS.WriteStream): () => NodeJS.WriteStream {
  let stream: NodeJS.WriteStream | undefined;
  return () => {
    if (!stream) {
      stream = get();
      // A reader that stops early (`| head`) closes the pipe: that is the reader's choice, not a failure to report.
      stream.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
        throw error;
      });
    }
    return stream;
  };
}

const readerGone = () => process.exit(process.exitCode ?? 0);

/** The CLI's view of this process: its descriptors, standard input, environment and working directory. */
export function processIO(): CliIO {
  return {
    // Thunks: reading process.stdout creates the stream, which is what descriptorOutput avoids.
    stdout: descriptorOutput(1, processStream(() => process.stdout), readerGone),
    stderr: descriptorOutput(2, processStream(() => process.stderr), readerGone),
    readStdin,
    env: process.env,
    cwd: process.cwd(),
  };
}
