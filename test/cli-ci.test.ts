import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { runCli } from "./cli-harness.js";

/** One error (invalid-cache-retention) and one fixable warning (deprecated-cache-ttl). */
const ONE_ERROR_ONE_WARNING = `{
  agents: {
    defaults: {
      models: {
        "anthropic/claude-opus-4-6": { params: { cacheControlTtl: "5m" } },
        "anthropic/claude-sonnet-4-5": { params: { cacheRetention: "standard" } },
      },
    },
  },
}
`;

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "occ-ci-"));
  writeFileSync(join(dir, "openclaw.json5"), ONE_ERROR_ONE_WARNING);
  writeFileSync(join(dir, "clean.json5"), "{}\n");
  writeFileSync(join(dir, "also-clean.json5"), "{}\n");
  mkdirSync(join(dir, "team"));
  writeFileSync(join(dir, "team", "openclaw.json5"), ONE_ERROR_ONE_WARNING);
  writeFileSync(join(dir, "team", ".openclaw-config.json5"), '{ rules: { "deprecated-cache-ttl": "off", "invalid-cache-retention": "warn" } }\n');
  mkdirSync(join(dir, "broken"));
  writeFileSync(join(dir, "broken", "openclaw.json5"), "{}\n");
  writeFileSync(join(dir, "broken", ".openclaw-config.json5"), '{\n  rules: { "deprecated-cache-ttl": "of" },\n}\n');
  mkdirSync(join(dir, "many"));
  for (let i = 0; i < 51; i++) writeFileSync(join(dir, "many", `openclaw-${String(i).padStart(2, "0")}.json`), "{}\n");
});

const WARNING_LINE =
  '::warning file=openclaw.json5,line=5,endLine=5,col=50,endColumn=65,title=lint/deprecated-cache-ttl::cacheControlTtl is deprecated; use cacheRetention: "short".';
const ERROR_LINE = '::error file=openclaw.json5,line=6,endLine=6,col=68,endColumn=78,title=lint/invalid-cache-retention::Invalid cacheRetention "standard": expected "none", "short" or "long".';

describe("GitHub Actions", () => {
  it("chooses the github format when GITHUB_ACTIONS=true and no --format is given", async () => {
    const run = await runCli(["lint", "openclaw.json5"], { cwd: dir, env: { GITHUB_ACTIONS: "true" } });
    expect(run.code).toBe(1);
    const lines = run.stdout.split("\n");
    expect(lines.map((l) => l.split("%0A")[0])).toEqual([WARNING_LINE, ERROR_LINE, ""]);
  });

  it("keeps an explicit --format", async () => {
    const run = await runCli(["lint", "-f", "stylish", "openclaw.json5"], { cwd: dir, env: { GITHUB_ACTIONS: "true" } });
    expect(run.stdout.startsWith("openclaw.json5\n  5:50    warning")).toBe(true);
  });

  it("uses stylish outside GitHub Actions", async () => {
    const run = await runCli(["lint", "openclaw.json5"], { cwd: dir, env: { GITHUB_ACTIONS: "false" } });
    expect(run.stdout.startsWith("openclaw.json5\n")).toBe(true);
  });

  it("appends a Markdown summary to $GITHUB_STEP_SUMMARY", async () => {
    const summary = join(dir, "step-summary.md");
    writeFileSync(summary, "earlier step\n");
    const run = await runCli(["lint", "openclaw.json5", "clean.json5"], { cwd: dir, env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary } });
    expect(run.code).toBe(1);
    expect(readFileSync(summary, "utf8")).toBe(
      [
        "earlier step",
        "### openclaw-config",
        "",
        "❌ 2 files checked: 1 error, 1 warning, 1 fixable with `--fix`.",
        "",
        "| file | line | severity | rule | message |",
        "|---|---|---|---|---|",
        '| openclaw.json5 | 5:50 | 🟡 warning | `lint/deprecated-cache-ttl` | cacheControlTtl is deprecated; use cacheRetention: "short". |',
        '| openclaw.json5 | 6:68 | 🔴 error | `lint/invalid-cache-retention` | Invalid cacheRetention "standard": expected "none", "short" or "long". |',
        "",
        "",
      ].join("\n"),
    );
  });

  it("warns on stderr but keeps the exit code when the summary cannot be written", async () => {
    const run = await runCli(["lint", "clean.json5"], { cwd: dir, env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: join(dir, "no", "such", "dir") } });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^openclaw-config: cannot append to GITHUB_STEP_SUMMARY: /);
  });
});

describe("report files and formats", () => {
  it("-o writes the SARIF report to a file and nothing to stdout", async () => {
    const run = await runCli(["lint", "-f", "sarif", "-o", "report.sarif", "openclaw.json5"], { cwd: dir });
    expect(run).toMatchObject({ code: 1, stdout: "" });
    const log = JSON.parse(readFileSync(join(dir, "report.sarif"), "utf8"));
    expect(log.runs[0].results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level])).toEqual([
      ["lint/deprecated-cache-ttl", "warning"],
      ["lint/invalid-cache-retention", "error"],
    ]);
  });

  it("junit marks both findings as failures", async () => {
    const run = await runCli(["lint", "-f", "junit", "openclaw.json5"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n")[1]).toBe('<testsuites name="openclaw-config" tests="2" failures="2" errors="0" time="0">');
  });

  it("the stylish summary counts files checked, errors, warnings and fixable", async () => {
    const run = await runCli(["lint", "openclaw.json5", "clean.json5", "also-clean.json5"], { cwd: dir });
    expect(run.stdout.split("\n").slice(-3)).toEqual(["✖ 2 problems (1 error, 1 warning) in 1 of 3 files", "  1 fixable with `--fix`.", ""]);
  });
});

describe("project settings", () => {
  it("applies .openclaw-config.json5 beside the linted file", async () => {
    const run = await runCli(["lint", "-f", "json", "team/openclaw.json5"], { cwd: dir });
    const report = JSON.parse(run.stdout);
    expect(report.files.flatMap((f: { diagnostics: { code: string; severity: string }[] }) => f.diagnostics.map((d) => [d.code, d.severity]))).toEqual([
      ["lint/invalid-cache-retention", "warning"],
    ]);
    expect(run.code).toBe(0);
  });

  it("--rule wins over the settings file", async () => {
    const run = await runCli(["lint", "-f", "json", "--rule", "invalid-cache-retention=error", "team/openclaw.json5"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).summary).toMatchObject({ errors: 1, warnings: 0 });
  });

  it("--config replaces the nearest settings file", async () => {
    const run = await runCli(["lint", "-f", "json", "--config", "broken/.openclaw-config.json5", "team/openclaw.json5"], { cwd: dir });
    const report = JSON.parse(run.stdout);
    expect(report.files.map((f: { file: string }) => f.file)).toEqual(["broken/.openclaw-config.json5", "team/openclaw.json5"]);
    expect(report.summary).toMatchObject({ errors: 2, warnings: 1 });
  });

  it("reports a mistake in the settings file at its line and column", async () => {
    const run = await runCli(["lint", "broken"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        "broken/.openclaw-config.json5",
        '  2:36    error  Invalid value "of" for `rules["deprecated-cache-ttl"]`: expected "off", "warn", "warning" or "error". Did you mean "off"?  settings/invalid-value',
        '          at rules["deprecated-cache-ttl"]',
        "      1 | {",
        '    > 2 |   rules: { "deprecated-cache-ttl": "of" },',
        "        |                                    ^^^^",
        "      3 | }",
        "    note: .openclaw-config.json5 is ignored until its errors are fixed; files are linted with the command-line options only.",
        "",
        "✖ 1 problem (1 error, 0 warnings) in 1 of 2 files",
        "",
      ].join("\n"),
    );
  });

  it("is never linted as a config when a directory or glob is expanded", async () => {
    for (const args of [["team"], ["team/*.json5"], ["**/.openclaw-config.json5", "team"]]) {
      const run = await runCli(["lint", "-f", "json", ...args], { cwd: dir });
      expect(JSON.parse(run.stdout).files.map((f: { file: string }) => f.file)).toEqual(["team/openclaw.json5"]);
    }
  });
});

describe("many files", () => {
  async function runWithStderr(isTTY: boolean, args: string[]): Promise<{ code: number; stderr: string }> {
    let stderr = "";
    const code = await main(args, {
      stdout: { write: () => {}, isTTY: false },
      stderr: { write: (t) => void (stderr += t), isTTY },
      readStdin: async () => "",
      env: {},
      cwd: dir,
    });
    return { code, stderr };
  }

  it("shows a progress line on a terminal for more than 50 files and erases it", async () => {
    const run = await runWithStderr(true, ["lint", "many"]);
    expect(run.code).toBe(0);
    const updates = run.stderr.split("\r\u001b[2K");
    expect(updates[0]).toBe("");
    expect(updates.slice(1, 3)).toEqual(["openclaw-config: linting 1/51 files…", "openclaw-config: linting 2/51 files…"]);
    expect(updates.slice(-2)).toEqual(["openclaw-config: linting 51/51 files…", ""]);
    expect(updates.length).toBe(53);
  });

  const quiet: { name: string; tty: boolean; args: string[] }[] = [
    { name: "not a terminal", tty: false, args: ["lint", "many"] },
    { name: "50 files or fewer", tty: true, args: ["lint", "many", "--ignore-pattern", "openclaw-50.json"] },
  ];
  it.each(quiet)("no progress line when $name", async ({ tty, args }) => {
    expect(await runWithStderr(tty, args)).toEqual({ code: 0, stderr: "" });
  });
});
