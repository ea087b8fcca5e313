import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../cli-harness.js";

/**
 * Each folder of include-cases/ holds a config split over `$include`d files: `before/` (the root is
 * `openclaw.json5`), `after/` (every file, compared byte for byte after `migrate --write`),
 * `diff.txt` (what `migrate` prints) and `write.txt` (what `migrate --write` prints).
 */
const CASES_DIR = join(import.meta.dirname, "include-cases");

/** Every file below `dir`, by `/`-separated relative path, with its bytes (as latin1: one character per byte, still readable in a diff). */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path).split("\\").join("/")] = readFileSync(path, "latin1");
  }
  return files;
}

let work = "";
afterEach(() => {
  if (work) rmSync(work, { recursive: true, force: true });
  work = "";
});

describe("migrate across $include (golden files)", () => {
  const cases = readdirSync(CASES_DIR).sort();

  it("has a case with the legacy keys in included files and one with the key in the root", () => {
    expect(cases).toEqual(["legacy-key-in-root", "legacy-keys-in-included-files"]);
  });

  it.each(cases)("%s", async (name) => {
    const dir = join(CASES_DIR, name);
    work = mkdtempSync(join(tmpdir(), "occ-migrate-include-"));
    cpSync(join(dir, "before"), work, { recursive: true });
    const before = tree(work);

    expect(await runCli(["migrate", "openclaw.json5"], { cwd: work })).toEqual({ code: 1, stdout: readFileSync(join(dir, "diff.txt"), "utf8"), stderr: "" });
    expect(tree(work)).toEqual(before);

    expect(await runCli(["migrate", "--write", "openclaw.json5"], { cwd: work })).toEqual({ code: 0, stdout: readFileSync(join(dir, "write.txt"), "utf8"), stderr: "" });
    expect(tree(work)).toEqual(tree(join(dir, "after")));

    // A second run finds nothing to do.
    expect(await runCli(["migrate", "openclaw.json5"], { cwd: work })).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});
