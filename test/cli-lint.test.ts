import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.js";

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "occ-lint-"));
  writeFileSync(join(dir, "clean.json5"), "{ gateway: { port: 1 } }\n");
  writeFileSync(join(dir, "unknown.json5"), "{\n  agent: {}\n}\n");
  writeFileSync(join(dir, "syntax.json5"), '{\n  "a": 1\n  "b": 2\n}\n');
  writeFileSync(join(dir, "dup.json5"), '{\n  "gateway": {},\n  "gateway": {}\n}\n');
  mkdirSync(join(dir, "nested", "node_modules"), { recursive: true });
  writeFileSync(join(dir, "nested", "openclaw.json"), "{}");
  writeFileSync(join(dir, "nested", "other.json"), "not a config");
  writeFileSync(join(dir, "nested", "node_modules", "openclaw.json"), "broken");
});

describe("lint exit codes", () => {
  const cases: { name: string; args: () => string[]; code: number }[] = [
    { name: "clean file", args: () => ["lint", join(dir, "clean.json5")], code: 0 },
    { name: "error finding", args: () => ["lint", join(dir, "unknown.json5")], code: 1 },
    { name: "syntax error", args: () => ["lint", join(dir, "syntax.json5")], code: 1 },
    { name: "warning only", args: () => ["lint", join(dir, "dup.json5")], code: 0 },
    { name: "warnings over --max-warnings", args: () => ["lint", "--max-warnings", "0", join(dir, "dup.json5")], code: 1 },
    { name: "warnings within --max-warnings", args: () => ["lint", "--max-warnings", "1", join(dir, "dup.json5")], code: 0 },
    { name: "missing file", args: () => ["lint", join(dir, "nope.json5")], code: 2 },
    { name: "no files", args: () => ["lint"], code: 2 },
    { name: "unknown option", args: () => ["lint", "--bogus", join(dir, "clean.json5")], code: 2 },
    { name: "bad --rule", args: () => ["lint", "--rule", "nonsense", join(dir, "clean.json5")], code: 2 },
    { name: "bad --format", args: () => ["lint", "--format", "xml", join(dir, "clean.json5")], code: 2 },
    { name: "unknown command", args: () => ["frobnicate"], code: 2 },
  ];
  it.each(cases)("$name -> $code", async ({ args, code }) => {
    const run = await runCli(args());
    expect(run.code).toBe(code);
    if (code === 2) {
      expect(run.stderr).toMatch(/^openclaw-config: /);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
  });

  it("goes on with other files after a syntax error", async () => {
    const run = await runCli(["lint", "--format", "json", join(dir, "syntax.json5"), join(dir, "unknown.json5")]);
    const report = JSON.parse(run.stdout);
    expect(report.files.map((f: { diagnostics: { code: string }[] }) => f.diagnostics.map((d) => d.code))).toEqual([
      ["parse/unexpected-token"],
      ["schema/unknown-key"],
    ]);
  });
});

describe("lint output", () => {
  it("stylish shows position, message, code, path and a code frame", async () => {
    const run = await runCli(["lint", "unknown.json5"], { cwd: dir });
    expect(run.stdout).toBe(
      [
        "unknown.json5",
        "  2:3     error  Unknown key `agent` at the top level; did you mean `agents`?  schema/unknown-key",
        "          at agent",
        "      1 | {",
        "    > 2 |   agent: {}",
        "        |   ^^^^^",
        "      3 | }",
        "    note: `agent` is the legacy single-agent form; current OpenClaw expects `agents.defaults` (run `openclaw doctor` to migrate).",
        "    note: OpenClaw refuses to start when the config has an unknown top-level key.",
        "",
        "✖ 1 problem (1 error, 0 warnings) in 1 file",
        "",
      ].join("\n"),
    );
  });

  it("json is versioned and carries ranges and key paths", async () => {
    const run = await runCli(["lint", "-f", "json", "unknown.json5"], { cwd: dir });
    const report = JSON.parse(run.stdout);
    expect(report.version).toBe(1);
    expect(report.summary).toEqual({ files: 1, errors: 1, warnings: 0, infos: 0, fixable: 0 });
    expect(report.files[0].diagnostics[0]).toMatchObject({
      code: "schema/unknown-key",
      severity: "error",
      file: "unknown.json5",
      range: { start: { line: 2, column: 3, offset: 4 }, end: { line: 2, column: 8, offset: 9 } },
      path: ["agent"],
      pathText: "agent",
    });
  });

  it("reads stdin with --stdin-filename", async () => {
    const run = await runCli(["lint", "-", "--stdin-filename", "piped.json5", "-f", "json"], { stdin: "{ agent: 1 }" });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).files[0].file).toBe("piped.json5");
  });

  it("--quiet hides warnings", async () => {
    const run = await runCli(["lint", "--quiet", "dup.json5"], { cwd: dir });
    expect(run.stdout).toBe("");
    expect(run.code).toBe(0);
  });

  it("colours only on a TTY and never with NO_COLOR", async () => {
    const tty = await runCli(["lint", "unknown.json5"], { cwd: dir, tty: true, env: {} });
    expect(tty.stdout).toContain("\u001b[31m");
    const noColor = await runCli(["lint", "unknown.json5"], { cwd: dir, tty: true, env: { NO_COLOR: "1" } });
    expect(noColor.stdout).not.toContain("\u001b[");
    const pipe = await runCli(["lint", "unknown.json5"], { cwd: dir, tty: false });
    expect(pipe.stdout).not.toContain("\u001b[");
  });

  it("expands directories to config files, skipping node_modules", async () => {
    const run = await runCli(["lint", "-f", "json", "nested"], { cwd: dir });
    expect(JSON.parse(run.stdout).files.map((f: { file: string }) => f.file)).toEqual(["nested/openclaw.json"]);
  });

  it("expands globs", async () => {
    const run = await runCli(["lint", "-f", "json", "*.json5"], { cwd: dir });
    expect(JSON.parse(run.stdout).files.map((f: { file: string }) => f.file)).toEqual([
      "clean.json5",
      "dup.json5",
      "syntax.json5",
      "unknown.json5",
    ]);
  });

  it("follows $include: findings in an included file point at that file", async () => {
    mkdirSync(join(dir, "inc"), { recursive: true });
    writeFileSync(join(dir, "inc", "root.json5"), '{\n  agents: { $include: "./agents.json5" },\n}\n');
    writeFileSync(join(dir, "inc", "agents.json5"), '{\n  defaults: {\n    worksapce: "~/w",\n  },\n}\n');
    const run = await runCli(["lint", "-f", "json", "inc/root.json5"], { cwd: dir });
    const files = JSON.parse(run.stdout).files as { file: string; diagnostics: never[] }[];
    expect(files.map((f) => f.file)).toEqual(["inc/root.json5", "inc/agents.json5"]);
    expect(files.flatMap((f) => f.diagnostics).map((d: { code: string; file: string; range: { start: { line: number; column: number } }; message: string }) => [d.code, d.file, d.range.start.line, d.range.start.column, d.message])).toEqual([
      ["schema/unknown-key", "inc/agents.json5", 3, 5, "Unknown key `worksapce` in agents.defaults; did you mean `workspace`?"],
    ]);
    expect(run.code).toBe(1);
  });

  it("reports a missing included file at the $include value", async () => {
    mkdirSync(join(dir, "inc2"), { recursive: true });
    writeFileSync(join(dir, "inc2", "root.json5"), '{\n  agents: { $include: "./nope.json5" },\n}\n');
    const run = await runCli(["lint", "-f", "json", "inc2/root.json5"], { cwd: dir });
    const [d] = JSON.parse(run.stdout).files[0].diagnostics;
    expect([d.code, d.range.start.line, d.range.start.column]).toEqual(["include/missing-file", 2, 23]);
  });

  it("prints help for lint", async () => {
    const run = await runCli(["lint", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("--max-warnings");
    expect(run.stdout).toContain("--stdin-filename");
  });
});
