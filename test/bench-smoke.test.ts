import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

describe("npm run bench -- --short", () => {
  it.skipIf(!existsSync(join(root, "dist", "cli.cjs")))("runs every measurement on small inputs and prints each ratio line", { timeout: 240_000 }, () => {
    const run = spawnSync(process.execPath, [join(root, "bench", "run.mjs"), "--short"], { cwd: root, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    for (const name of ["cold start", "large file", "scaling", "batch", "peak RSS"]) {
      expect(run.stdout).toMatch(new RegExp(`^[✓✗] ${name}.* = [0-9.]+x`, "m"));
    }
    expect(run.stdout).toContain("short mode: all measurements ran");
  });
});
