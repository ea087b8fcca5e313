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

describe("migrate across $include", () => {
  const SHARED = '{\n  params: {\n    cacheControlTtl: "1h", // an hour\n    maxTokens: 1024,\n  },\n}\n';
  const SHARED_MIGRATED = '{\n  params: {\n    cacheRetention: "long", // an hour\n    maxTokens: 1024,\n  },\n}\n';
  const SHARED_DIFF = [
    "--- a/shared.json5",
    "+++ b/shared.json5",
    "@@ -1,6 +1,6 @@",
    " {",
    "   params: {",
    '-    cacheControlTtl: "1h", // an hour',
    '+    cacheRetention: "long", // an hour',
    "     maxTokens: 1024,",
    "   },",
    " }",
    "",
  ].join("\n");
  const read = (name: string) => readFileSync(join(dir, name), "utf8");

  it("changes a file two root configs include once, with one diff section", async () => {
    write("a.json5", '{\n  // shared defaults\n  agents: { defaults: { $include: "./shared.json5" } },\n}\n');
    write("b.json5", '{\n  agents: { defaults: { $include: "./shared.json5" } }, // same place\n  gateway: { port: 18789 },\n}\n');
    write("shared.json5", SHARED);
    expect(await runCli(["migrate", "a.json5", "b.json5"], { cwd: dir })).toEqual({ code: 1, stdout: SHARED_DIFF, stderr: "" });
    expect(await runCli(["migrate", "--write", "a.json5", "b.json5"], { cwd: dir })).toEqual({
      code: 0,
      stdout: "Migrated shared.json5 (cache-control-ttl-to-retention)\n",
      stderr: "",
    });
    expect(read("shared.json5")).toBe(SHARED_MIGRATED);
    expect(await runCli(["migrate", "a.json5", "b.json5"], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("changes a root config that another root includes once (migrate on a folder)", async () => {
    write("openclaw.json5", '{\n  $include: "./base.json5",\n  gateway: { port: 18789 },\n}\n');
    write("base.json5", '{\n  // base settings\n  agents: { defaults: { params: { cacheControlTtl: "5m" } } },\n}\n');
    expect(await runCli(["migrate", "--write", "."], { cwd: dir })).toEqual({
      code: 0,
      stdout: "Migrated base.json5 (cache-control-ttl-to-retention)\n",
      stderr: "",
    });
    expect(read("base.json5")).toBe('{\n  // base settings\n  agents: { defaults: { params: { cacheRetention: "short" } } },\n}\n');
    expect(await runCli(["migrate", "."], { cwd: dir })).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("refuses, and writes nothing, when two root configs need different changes in a shared file", async () => {
    // a.json5 sets cacheRetention beside the include, so for it the legacy key is redundant (deleted);
    // for b.json5 it is the only cache setting (renamed). No single text serves both.
    write("a.json5", '{ agents: { defaults: { $include: "./shared.json5", params: { cacheRetention: "long" } } } }\n');
    const b = '{\n  agents: {\n    defaults: { $include: "./shared.json5" },\n    list: [{ id: "main", params: { cacheControlTtl: "5m" } }],\n  },\n}\n';
    write("b.json5", b);
    write("shared.json5", SHARED);
    const conflict = "openclaw-config: shared.json5: a.json5 and b.json5 include it and need different changes on line 3; it was left as it was. Change it by hand.\n";
    expect(await runCli(["migrate", "a.json5", "b.json5"], { cwd: dir })).toEqual({
      code: 2,
      stdout: [
        "--- a/b.json5",
        "+++ b/b.json5",
        "@@ -1,6 +1,6 @@",
        " {",
        "   agents: {",
        '     defaults: { $include: "./shared.json5" },',
        '-    list: [{ id: "main", params: { cacheControlTtl: "5m" } }],',
        '+    list: [{ id: "main", params: { cacheRetention: "short" } }],',
        "   },",
        " }",
        "",
      ].join("\n"),
      stderr: conflict,
    });
    expect(await runCli(["migrate", "--write", "a.json5", "b.json5"], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: `${conflict}openclaw-config: nothing was written, because of the conflict above.\n`,
    });
    expect(read("shared.json5")).toBe(SHARED);
    expect(read("b.json5")).toBe(b);
  });

  it("checks every file before writing any: a read-only included file leaves the root unwritten too", async () => {
    const root = '{\n  agents: {\n    defaults: { $include: "./shared.json5" },\n    list: [{ id: "main", params: { cacheControlTtl: "5m" } }],\n  },\n}\n';
    write("openclaw.json5", root);
    write("shared.json5", SHARED);
    chmodSync(join(dir, "shared.json5"), 0o444);
    expect(await runCli(["migrate", "--write", "openclaw.json5"], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: `openclaw-config: ${join(dir, "shared.json5")} is read-only; nothing was written. Make it writable (chmod u+w) to apply the changes.\n`,
    });
    expect(read("openclaw.json5")).toBe(root);
    expect(read("shared.json5")).toBe(SHARED);
  });

  it("shows, but does not write, an included file whose top level is an array; nothing else is written either", async () => {
    const root = '{\n  agents: {\n    defaults: { params: { cacheControlTtl: "1h" } },\n    list: { $include: "./list.json5" },\n  },\n}\n';
    const list = '[\n  { id: "main", params: { cacheControlTtl: "5m" } }, // main agent\n]\n';
    write("openclaw.json5", root);
    write("list.json5", list);
    const diff = await runCli(["migrate", "openclaw.json5"], { cwd: dir });
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('--- a/list.json5\n+++ b/list.json5\n@@ -1,3 +1,3 @@\n [\n-  { id: "main", params: { cacheControlTtl: "5m" } }, // main agent\n+  { id: "main", params: { cacheRetention: "short" } }, // main agent\n ]\n');
    expect(await runCli(["migrate", "--write", "openclaw.json5"], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: `openclaw-config: ${join(dir, "list.json5")} holds an array or a single value at its top level, which --write cannot replace safely yet; nothing was written. Apply the change that migrate shows by hand.\n`,
    });
    expect(read("openclaw.json5")).toBe(root);
    expect(read("list.json5")).toBe(list);
  });

  it("--format json names the included file of each edit, with ranges in that file", async () => {
    write("openclaw.json5", '{ agents: { defaults: { $include: "./shared.json5" } } }\n');
    write("shared.json5", SHARED);
    const run = await runCli(["migrate", "--format", "json", "openclaw.json5"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).files).toEqual([
      {
        file: "openclaw.json5",
        pending: true,
        written: false,
        migrations: [
          {
            id: "cache-control-ttl-to-retention",
            edits: [
              {
                file: "shared.json5",
                range: { start: { line: 3, column: 5, offset: 18 }, end: { line: 3, column: 20, offset: 33 } },
                text: "cacheRetention",
              },
              {
                file: "shared.json5",
                range: { start: { line: 3, column: 22, offset: 35 }, end: { line: 3, column: 26, offset: 39 } },
                text: '"long"',
              },
            ],
          },
        ],
        diagnostics: [],
      },
    ]);
  });

  it("follows includes from standard input relative to the current folder", async () => {
    write("shared.json5", SHARED);
    const run = await runCli(["migrate", "-", "--stdin-filename", "openclaw.json5"], { cwd: dir, stdin: '{ agents: { defaults: { $include: "./shared.json5" } } }\n' });
    expect(run).toEqual({ code: 1, stdout: SHARED_DIFF, stderr: "" });
  });

  it("shows a finding in an included file once, under that file with its code frame", async () => {
    write("a.json5", '{ agents: { defaults: { $include: "./shared.json5" } } }\n');
    write("b.json5", '{ agents: { defaults: { $include: "./shared.json5" } } }\n');
    write("shared.json5", '{\n  params: { cacheControlTtl: "30m" },\n}\n');
    const run = await runCli(["migrate", "a.json5", "b.json5"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      'shared.json5\n  2:30    warning  cacheControlTtl is "30m", which is neither "5m" nor "1h"; it was not migrated.  migrate/invalid-cache-ttl\n          at agents.defaults.params.cacheControlTtl\n      1 | {\n    > 2 |   params: { cacheControlTtl: "30m" },\n',
    );
    expect(run.stderr.match(/migrate\/invalid-cache-ttl/g)).toHaveLength(1);
  });

  it("reports include problems (outside the config's folder, missing) on stderr and exits 1", async () => {
    write("openclaw.json5", '{ agents: { $include: "../outside.json5" }, gateway: { $include: "missing.json5" } }\n');
    const run = await runCli(["migrate", "openclaw.json5"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('openclaw.json5\n  1:23    error  Included file "../outside.json5" is outside the config\'s folder.  include/outside-root\n');
    expect(run.stderr).toContain('  1:66    error  Included file "missing.json5" does not exist (looked for missing.json5).  include/missing-file\n');
  });
});
