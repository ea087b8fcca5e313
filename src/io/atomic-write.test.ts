import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "./atomic-write.js";

const BEFORE = "{\n  // keep me\n  a: 1,\n}\n";
const AFTER = "{\n  // keep me\n  b: 1,\n}\n";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "occ-atomic-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string | Buffer, mode = 0o644): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

describe("writeFileAtomic", () => {
  it("replaces the text and keeps the mode, leaving no temp file", () => {
    const path = file("openclaw.json5", BEFORE, 0o640);
    expect(writeFileAtomic(path, AFTER, { originalText: BEFORE })).toEqual({ ok: true });
    expect(readFileSync(path, "utf8")).toBe(AFTER);
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["openclaw.json5"]);
  });

  it("keeps UTF-16 LE with its BOM", () => {
    const path = file("utf16.json5", Buffer.from(`\uFEFF${BEFORE}`, "utf16le"));
    expect(writeFileAtomic(path, `\uFEFF${AFTER}`, { originalText: `\uFEFF${BEFORE}` })).toEqual({ ok: true });
    expect(readFileSync(path).equals(Buffer.from(`\uFEFF${AFTER}`, "utf16le"))).toBe(true);
  });

  it("keeps UTF-16 BE with its BOM", () => {
    const path = file("utf16be.json5", Buffer.from(`\uFEFF${BEFORE}`, "utf16le").swap16());
    expect(writeFileAtomic(path, `\uFEFF${AFTER}`, { originalText: `\uFEFF${BEFORE}` })).toEqual({ ok: true });
    expect(readFileSync(path).equals(Buffer.from(`\uFEFF${AFTER}`, "utf16le").swap16())).toBe(true);
  });

  it("keeps a UTF-8 BOM", () => {
    const path = file("bom.json5", `\uFEFF${BEFORE}`);
    expect(writeFileAtomic(path, `\uFEFF${AFTER}`, { originalText: `\uFEFF${BEFORE}` })).toEqual({ ok: true });
    expect(readFileSync(path).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  const refusals: { name: string; setup: () => string; text?: string; reason: string; message: (path: string) => string }[] = [
    {
      name: "the file changed since it was read",
      setup: () => file("changed.json5", "{ a: 2 }\n"),
      reason: "changed",
      message: (p) => `${p} changed on disk since it was read; nothing was written. Run the command again.`,
    },
    {
      name: "the file was deleted since it was read",
      setup: () => join(dir, "gone.json5"),
      reason: "changed",
      message: (p) => `${p}: no such file (it existed when it was read); nothing was written.`,
    },
    {
      name: "the file is read-only",
      setup: () => file("ro.json5", BEFORE, 0o444),
      reason: "read-only",
      message: (p) => `${p} is read-only; nothing was written. Make it writable (chmod u+w) to apply the changes.`,
    },
    {
      name: "the new text does not parse",
      setup: () => file("bad.json5", BEFORE),
      text: "{\n  a: 1\n  b: 2\n}\n",
      reason: "invalid-json5",
      message: (p) => `The new text for ${p} does not parse as JSON5 (line 3, column 3: Unexpected "b" (not valid JSON5).); nothing was written.`,
    },
    {
      name: "the path is a directory",
      setup: () => dir,
      reason: "not-a-file",
      message: (p) => `${p} is not a regular file; nothing was written.`,
    },
  ];
  it.each(refusals)("refuses when $name", ({ setup, text, reason, message }) => {
    const path = setup();
    const before = statSafe(path);
    expect(writeFileAtomic(path, text ?? AFTER, { originalText: BEFORE })).toEqual({ ok: false, reason, message: message(path) });
    expect(statSafe(path)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses a symlink and names the real file", () => {
    const real = file("real.json5", BEFORE);
    const link = join(dir, "link.json5");
    symlinkSync(real, link);
    expect(writeFileAtomic(link, AFTER, { originalText: BEFORE })).toEqual({
      ok: false,
      reason: "symlink",
      message: `${link} is a symbolic link to ${real}; nothing was written. Run the command on ${real} to change the real file.`,
    });
    expect(readFileSync(real, "utf8")).toBe(BEFORE);
  });

  it("refuses a dangling symlink", () => {
    const link = join(dir, "dangling.json5");
    symlinkSync(join(dir, "missing.json5"), link);
    expect(writeFileAtomic(link, AFTER, { originalText: BEFORE })).toEqual({
      ok: false,
      reason: "symlink",
      message: `${link} is a symbolic link whose target does not exist; nothing was written.`,
    });
  });

  it("leaves the original intact when the rename fails, and removes the temp file", () => {
    const path = file("crash.json5", BEFORE);
    const result = writeFileAtomic(path, AFTER, { originalText: BEFORE }, {
      rename: () => {
        throw Object.assign(new Error("EIO: i/o error, rename"), { code: "EIO" });
      },
    });
    expect(result).toEqual({ ok: false, reason: "io-error", message: `${path}: EIO: i/o error, rename; nothing was written.` });
    expect(readFileSync(path, "utf8")).toBe(BEFORE);
    expect(readdirSync(dir)).toEqual(["crash.json5"]);
  });

  it("leaves the original intact when the process dies between write and rename", () => {
    const path = file("killed.json5", BEFORE, 0o600);
    let temp = "";
    // A rename that never happens is what a crash at that moment looks like from the disk.
    writeFileAtomic(path, AFTER, { originalText: BEFORE }, { rename: (from) => void (temp = from) });
    expect(readFileSync(path, "utf8")).toBe(BEFORE);
    // The temp file was complete, flushed, in the same folder and with the same mode before the rename.
    expect(temp.startsWith(join(dir, ".killed.json5."))).toBe(true);
    expect(readFileSync(temp, "utf8")).toBe(AFTER);
    expect(statSync(temp).mode & 0o777).toBe(0o600);
  });
});

function statSafe(path: string): { mtimeMs: number; size: number } | undefined {
  try {
    const s = statSync(path);
    return { mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return undefined;
  }
}
