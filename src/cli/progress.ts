import type { OutputStream } from "./io.js";

/** More files than this, on a terminal, get a progress line. */
export const PROGRESS_THRESHOLD = 50;

/** A progress line for a long run; every method is a no-op when it would not help. */
export interface LintProgress {
  /** Counts the next file as started. */
  next(): void;
  /** Erases the line, so the report starts on a clean line. */
  done(): void;
}

const CLEAR_LINE = "\r\u001b[2K";

/** Shows `linting 12/340 files` on stderr while more than 50 files are linted and stderr is a terminal. */
export function lintProgress(stderr: OutputStream, total: number): LintProgress {
  if (total <= PROGRESS_THRESHOLD || stderr.isTTY !== true) return { next() {}, done() {} };
  let started = 0;
  let shown = false;
  return {
    next() {
      started++;
      // The count alone keeps the line short enough never to wrap, which would defeat the carriage return.
      stderr.write(`${CLEAR_LINE}openclaw-config: linting ${started}/${total} files…`);
      shown = true;
    },
    done() {
      if (shown) stderr.write(CLEAR_LINE);
      shown = false;
    },
  };
}
