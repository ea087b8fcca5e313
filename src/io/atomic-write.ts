import { accessSync, chmodSync, chownSync, closeSync, constants, fsyncSync, lstatSync, openSync, readFileSync, realpathSync, renameSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseConfig } from "../stages/parse.js";
import { decodeBytes, describeFsError } from "./read-source.js";

/** Why a write was refused. */
export type WriteRefusal = "changed" | "symlink" | "not-a-file" | "read-only" | "invalid-json5" | "io-error";

/** The outcome of an atomic write: done, or refused with a one-line reason and nothing on disk changed. */
export type WriteResult = { ok: true } | { ok: false; reason: WriteRefusal; message: string };

/** Hooks for tests; production callers pass nothing. */
export interface AtomicWriteOptions {
  /** Moves the finished temp file over the target (default: fs.renameSync); a test makes it fail to simulate a crash. */
  rename?: (from: string, to: string) => void;
}

/**
 * Replaces a config file's text atomically: the new text goes to a temp file in the same folder
 * with the same mode, is flushed to disk, and is renamed over the file, so a crash leaves either
 * the old file or the new one, never half of each. Refuses (as a value) when the file changed
 * since `expected.originalText` was read, is a symlink, is read-only, or when the new text does
 * not parse as JSON5. The original encoding (UTF-8, or UTF-16 with a BOM) is kept.
 */
export function writeFileAtomic(path: string, newText: string, expected: { originalText: string }, options: AtomicWriteOptions = {}): WriteResult {
  const refuse = (reason: WriteRefusal, message: string): WriteResult => ({ ok: false, reason, message });

  let stat;
  try {
    stat = lstatSync(path);
  } catch (error) {
    return refuse((error as { code?: string }).code === "ENOENT" ? "changed" : "io-error", `${path}: ${describeFsError(error)} (it existed when it was read); nothing was written.`);
  }
  if (stat.isSymbolicLink()) {
    let target: string | undefined;
    try {
      target = realpathSync(path);
    } catch {
      target = undefined;
    }
    return refuse(
      "symlink",
      target
        ? `${path} is a symbolic link to ${target}; nothing was written. Run the command on ${target} to change the real file.`
        : `${path} is a symbolic link whose target does not exist; nothing was written.`,
    );
  }
  if (!stat.isFile()) return refuse("not-a-file", `${path} is not a regular file; nothing was written.`);
  const mode = stat.mode & 0o7777;
  if (!isWritable(path, mode)) return refuse("read-only", `${path} is read-only; nothing was written. Make it writable (chmod u+w) to apply the changes.`);

  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return refuse("io-error", `${path}: ${describeFsError(error)}; nothing was written.`);
  }
  const decoded = decodeBytes(bytes, path);
  if (!("text" in decoded) || decoded.text !== expected.originalText) {
    return refuse("changed", `${path} changed on disk since it was read; nothing was written. Run the command again.`);
  }

  const parsed = parseConfig(newText, path);
  if (!parsed.document) {
    const first = parsed.diagnostics[0];
    const where = first ? ` (line ${first.range.start.line}, column ${first.range.start.column}: ${first.message})` : "";
    return refuse("invalid-json5", `The new text for ${path} does not parse as JSON5${where}; nothing was written.`);
  }

  // The suffix only has to make a clash unlikely: "wx" refuses an existing file (or symlink), so a
  // clash is a refused write, never an overwrite. (node:crypto would cost every lint run ~10 ms to load.)
  const suffix = Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, "0");
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${suffix}.tmp`);
  try {
    const fd = openSync(temp, "wx", mode);
    try {
      const data = encodeLike(bytes, newText);
      let written = 0;
      while (written < data.length) written += writeSync(fd, data, written, data.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // openSync's mode is reduced by the umask; the file must end up exactly as it was.
    chmodSync(temp, mode);
    keepOwner(temp, stat.uid, stat.gid);
    // Last look before the rename: an editor may have saved the file while we were writing.
    if (!readFileSync(path).equals(bytes)) {
      removeQuietly(temp);
      return refuse("changed", `${path} changed on disk while it was being written; nothing was written. Run the command again.`);
    }
    (options.rename ?? renameSync)(temp, path);
  } catch (error) {
    removeQuietly(temp);
    return refuse("io-error", `${path}: ${describeFsError(error)}; nothing was written.`);
  }
  syncDirectory(dirname(path));
  return { ok: true };
}

/** Whether the user may write `path`; a file without write bits counts as read-only even for root. */
export function isWritable(path: string, mode = 0o222): boolean {
  // root passes access(W_OK) on any file; a file without write bits is still meant to be left alone.
  if ((mode & 0o222) === 0) return false;
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Encodes text the way the original bytes were encoded: UTF-16 LE/BE when they start with its BOM, else UTF-8. */
function encodeLike(original: Uint8Array, text: string): Buffer {
  // The decoded text keeps the BOM as U+FEFF; the byte-order mark is written back from it.
  if (original[0] === 0xff && original[1] === 0xfe) return Buffer.from(text, "utf16le");
  if (original[0] === 0xfe && original[1] === 0xff) return Buffer.from(text, "utf16le").swap16();
  return Buffer.from(text, "utf8");
}

function keepOwner(path: string, uid: number, gid: number): void {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return;
  try {
    chownSync(path, uid, gid);
  } catch {
    // Best effort: only root can give a file away, and the mode already matches.
  }
}

function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename itself is still atomic.
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
