import { fstatSync, writeSync } from "node:fs";
import type { OutputStream } from "./io.js";

/*
 * Standard output and error for the CLI, written with fs.writeSync instead of process.stdout /
 * process.stderr: creating those streams loads Node's stream stack (net, tty or a pipe wrapper),
 * ~10 ms of a ~60 ms pre-commit run. The streams are still created when they are needed: to ask a
 * character device whether it is a terminal, and to take over when the descriptor is
 * non-blocking and full (EAGAIN), so output is never lost or reordered.
 */

/** Writes bytes to a descriptor, returning how many were written (fs.writeSync; tests pass their own). */
export type WriteBytes = (fd: number, data: Uint8Array, offset: number, length: number) => number;

/**
 * Output on a file descriptor (1 or 2). `stream` returns the matching process stream (created on
 * first use); `onReaderGone` runs once when the reader has closed the pipe (EPIPE).
 */
export function descriptorOutput(
  fd: number,
  stream: () => NodeJS.WritableStream & { isTTY?: boolean },
  onReaderGone: () => void,
  writeBytes: WriteBytes = writeSync,
): OutputStream {
  let fallback: NodeJS.WritableStream | undefined;
  let gone = false;
  let terminal: boolean | undefined;
  return {
    get isTTY(): boolean {
      terminal ??= isTerminal(fd, stream);
      return terminal;
    },
    write(text: string): void {
      if (gone) return;
      // Once the stream has taken over, everything goes through it to keep the order.
      if (fallback) {
        fallback.write(text);
        return;
      }
      const data = Buffer.from(text, "utf8");
      let offset = 0;
      while (offset < data.length) {
        try {
          offset += writeBytes(fd, data, offset, data.length - offset);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === "EAGAIN") {
            fallback = stream();
            fallback.write(data.subarray(offset));
            return;
          }
          if (code === "EPIPE") {
            // A reader that stops early (`| head`) closed the pipe: its choice, not a failure to report.
            gone = true;
            onReaderGone();
            return;
          }
          throw error;
        }
      }
    },
  };
}

/** Only a character device can be a terminal; a pipe or a file is answered without loading tty. */
function isTerminal(fd: number, stream: () => { isTTY?: boolean }): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return stream().isTTY === true;
}
