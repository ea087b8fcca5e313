import { readFileSync, statSync } from "node:fs";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { LineIndex } from "../document/lines.js";
import { fileTooLarge, MAX_FILE_BYTES } from "../stages/parse.js";

/** A file's decoded text, a decoding diagnostic, or a reason it could not be read at all. */
export type ReadResult =
  | { ok: true; text: string; mtimeMs?: number }
  | { ok: true; text?: undefined; diagnostic: Diagnostic }
  | { ok: false; error: string };

/** Reads a file and decodes it as UTF-8 (or UTF-16 with a BOM); never throws. */
export function readSource(path: string, display: string = path): ReadResult {
  let bytes: Buffer;
  let mtimeMs: number | undefined;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { ok: false, error: `${display}: is a directory` };
    // Refused before reading: a huge file would cost seconds and hundreds of MiB to read and decode.
    if (stat.size > MAX_FILE_BYTES) return { ok: true, diagnostic: fileTooLarge(stat.size, display) };
    mtimeMs = stat.mtimeMs;
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, error: `${display}: ${describeFsError(error)}` };
  }
  const decoded = decodeBytes(bytes, display);
  return "diagnostic" in decoded ? { ok: true, diagnostic: decoded.diagnostic } : { ok: true, text: decoded.text, ...(mtimeMs !== undefined ? { mtimeMs } : {}) };
}

/** Decodes bytes: UTF-8 (BOM kept as U+FEFF), UTF-16 LE/BE with BOM; invalid UTF-8 is a diagnostic. */
export function decodeBytes(bytes: Uint8Array, file: string): { text: string } | { diagnostic: Diagnostic } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: `\uFEFF${new TextDecoder("utf-16le").decode(bytes.subarray(2))}` };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: `\uFEFF${new TextDecoder("utf-16be").decode(bytes.subarray(2))}` };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const prefix = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(0, bad));
    const lines = new LineIndex(prefix);
    const at = lines.position(prefix.length);
    return {
      diagnostic: {
        code: "parse/invalid-utf8",
        severity: "error",
        message: `File is not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, "0")} at byte offset ${bad}).`,
        file,
        range: { start: at, end: { ...at, column: at.column + 1, offset: at.offset + 1 } },
        path: [],
        notes: ["OpenClaw reads its config as UTF-8; re-save the file with UTF-8 encoding."],
      },
    };
  }
}

/** Byte offset of the first byte that breaks UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    // The second byte's range also rules out overlong forms, UTF-16 surrogates and code points above U+10FFFF.
    const [low, high] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80 || (k === 1 && (next < low || next > high))) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}

/** A short reason for a file-system error, without a stack trace. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    case "ELOOP":
      return "too many symbolic links";
    default:
      return (error as Error).message ?? String(error);
  }
}
