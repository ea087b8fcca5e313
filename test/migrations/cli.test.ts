import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../cli-harness.js";

const LEGACY = '{\n  // cache for an hour\n  agents: { defaults: { params: { cacheControlTtl: "1h" } } },\n}\n';
const MIGRATED = '{\n  // cache for an hour\n  agents: { defaults: { params: { cacheRetention: "long" } } },\n}\n';
const DIFF = [
  "--- a/openclaw.json5",
  "+++ b/openclaw.json5",
  "@@ -1,4 +1,4 @@",
  " {",
  "   // cache for an hour",
  '-  agents: { defaults: { params: { cacheControlTtl: "1h" } } },',
  '+  agents: { defaults: { params: { cacheRetention: "long" } } },',
  " }",
  "",
].join("\n");

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "occ-migrate-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

describe("migrate command", () => {
  it("prints a unified diff and exits 1 when something is pending", async () => {
    write("openclaw.json5", LEGACY);
    expect(await runCli(["migrate", "openclaw.json5"], { cwd: dir })).toEqual({ code: 1, stdout: DIFF, stderr: "" });
    expect(readFileSync(join(dir, "openclaw.json5"), "utf8")).toBe(LEGACY);
  });

  it("prints nothing and exits 0 when nothing is pending", async () => {
    write("openclaw.json5", MIGRATED);
    expect(await runCli(["migrate", "openclaw.json5"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("--write applies the changes, and a second run finds nothing to do", async () => {
    write("openclaw.json5", LEGACY);
    expect(await runCli(["migrate", "--write", "openclaw.json5"], { cwd: dir })).toEqual({
      code: 0,
      stdout: "Migrated openclaw.json5 (cache-control-ttl-to-retention)\n",
      stderr: "",
    });
    expect(readFileSync(join(dir, "openclaw.json5"), "utf8")).toBe(MIGRATED);
    expect(await runCli(["migrate", "--write", "openclaw.json5"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(await runCli(["migrate", "openclaw.json5"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("--write refuses a read-only file with exit 2", async () => {
    write("openclaw.json5", LEGACY);
    chmodSync(join(dir, "openclaw.json5"), 0o444);
    expect(await runCli(["migrate", "--write", "openclaw.json5"], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: `openclaw-config: ${join(dir, "openclaw.json5")} is read-only; nothing was written. Make it writable (chmod u+w) to apply the changes.\n`,
    });
    expect(readFileSync(join(dir, "openclaw.json5"), "utf8")).toBe(LEGACY);
  });

  it("--format json lists the edits", async () => {
    write("openclaw.json5", LEGACY);
    const run = await runCli(["migrate", "--format", "json", "openclaw.json5"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      version: 1,
      tool: "openclaw-config",
      command: "migrate",
      write: false,
      files: [
        {
          file: "openclaw.json5",
          pending: true,
          written: false,
          migrations: [
            {
              id: "cache-control-ttl-to-retention",
              edits: [
                {
                  file: "openclaw.json5",
                  range: { start: { line: 3, column: 35, offset: 59 }, end: { line: 3, column: 50, offset: 74 } },
                  text: "cacheRetention",
                },
                {
                  file: "openclaw.json5",
                  range: { start: { line: 3, column: 52, offset: 76 }, end: { line: 3, column: 56, offset: 80 } },
                  text: '"long"',
                },
              ],
            },
          ],
          diagnostics: [],
        },
      ],
    });
  });

  it("reads standard input and names it with --stdin-filename", async () => {
    const run = await runCli(["migrate", "-", "--stdin-filename", "openclaw.json5"], { cwd: dir, stdin: LEGACY });
    expect(run).toEqual({ code: 1, stdout: DIFF, stderr: "" });
  });

  it("refuses --write with standard input", async () => {
    const run = await runCli(["migrate", "--write", "-"], { cwd: dir, stdin: LEGACY });
    expect(run).toEqual({
      code: 2,
      stdout: "",
      stderr: "openclaw-config: --write cannot write to standard input; name the file instead.\nRun 'openclaw-config --help' for usage.\n",
    });
  });

  it("reports what it could not migrate on stderr and exits 0", async () => {
    write("openclaw.json5", '{ agents: { defaults: { params: { cacheControlTtl: "30m" } } } }\n');
    const run = await runCli(["migrate", "openclaw.json5"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('openclaw.json5\n  1:52    warning  cacheControlTtl is "30m", which is neither "5m" nor "1h"; it was not migrated.  migrate/invalid-cache-ttl\n');
  });

  it("exits 1 on a file that does not parse", async () => {
    write("openclaw.json5", "{\n  a: 1\n  b: 2\n}\n");
    const run = await runCli(["migrate", "openclaw.json5"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('openclaw.json5\n  3:3     error  Unexpected "b" (not valid JSON5).  parse/unexpected-token\n');
  });

  it("masks credentials in diff context lines", async () => {
    const key = "sk-ant-api03-Xk9fQ2mZ7pL4vR8tW1yB6nC3hJ5sD0gA-qE2rT7uY9iO4pK1lM8zX6cV3bN5mQ";
    write("openclaw.json5", `{\n  env: { ANTHROPIC_API_KEY: "${key}" },\n  agents: { defaults: { params: { cacheControlTtl: "5m" } } },\n}\n`);
    const run = await runCli(["migrate", "openclaw.json5"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain(key);
    expect(run.stdout).toContain('   env: { ANTHROPIC_API_KEY: "…(redacted)" },\n');
  });

  it("exits 2 when a named file is missing", async () => {
    const run = await runCli(["migrate", "missing.json5"], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: "", stderr: "openclaw-config: cannot read missing.json5: no such file\n" });
  });
});
