import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.js";

/*
 * The lint flags of the auth and cache rules: --fix / --fix-dry-run, --auth, --env-file,
 * --use-process-env, --auth-profiles, --state-dir, and --rule on the cache rules.
 */

const LEGACY = `{
  // keep me
  agents: {
    defaults: {
      model: "anthropic/claude-opus-4-6",
      models: {
        "anthropic/claude-opus-4-6": { params: { cacheControlTtl: "1h" } },
        "openai/gpt-5": { params: { cacheRetention: "standard" } },
      },
    },
  },
}
`;
const MIGRATED = LEGACY.replace('cacheControlTtl: "1h"', 'cacheRetention: "long"');
const API_KEY_ENV = "ANTHROPIC_API_KEY=sk-ant-api03-example-not-a-real-key\n";

interface JsonReport {
  files: { file: string; auth?: { mode: string; source: string }; diagnostics: { code: string; severity: string; message: string }[] }[];
}
const findingsOf = (stdout: string) =>
  (JSON.parse(stdout) as JsonReport).files.map((f) => [f.file, f.auth?.mode, f.diagnostics.map((d) => `${d.severity} ${d.code}`)]);

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "occ-auth-fix-"));
  writeFileSync(join(dir, "legacy.json5"), LEGACY);
  writeFileSync(join(dir, "api.env"), API_KEY_ENV);
});

describe("lint --fix", () => {
  it("applies the safe fixes in place, reports what is left, and a second run changes nothing", async () => {
    const first = await runCli(["lint", "--fix", "-f", "json", "--env-file", "api.env", "legacy.json5"], { cwd: dir });
    expect(readFileSync(join(dir, "legacy.json5"), "utf8")).toBe(MIGRATED);
    expect(findingsOf(first.stdout)).toEqual([["legacy.json5", "api-key", ["error lint/invalid-cache-retention"]]]);
    expect(first.code).toBe(1);
    const second = await runCli(["lint", "--fix", "-f", "json", "--env-file", "api.env", "legacy.json5"], { cwd: dir });
    expect(readFileSync(join(dir, "legacy.json5"), "utf8")).toBe(MIGRATED);
    expect(second.stdout).toBe(first.stdout);
  });

  it("--fix-dry-run prints the fixed text and leaves the file alone", async () => {
    const run = await runCli(["lint", "--fix-dry-run", "legacy.json5"], { cwd: dir });
    expect(run.stdout).toBe(MIGRATED);
    expect(run.stderr).toContain("lint/invalid-cache-retention");
    expect(readFileSync(join(dir, "legacy.json5"), "utf8")).toBe(LEGACY);
  });

  it("--fix-dry-run over several files prints each changed file under a header", async () => {
    writeFileSync(join(dir, "clean.json5"), "{}\n");
    const run = await runCli(["lint", "--fix-dry-run", "clean.json5", "legacy.json5"], { cwd: dir });
    expect(run.stdout).toBe(`==> legacy.json5 <==\n${MIGRATED}`);
  });

  it("--fix-dry-run reads standard input", async () => {
    const run = await runCli(["lint", "--fix-dry-run", "-"], { cwd: dir, stdin: LEGACY });
    expect(run.stdout).toBe(MIGRATED);
  });

  const usage: [string, string[], string][] = [
    ["--fix with --fix-dry-run", ["--fix", "--fix-dry-run", "legacy.json5"], "openclaw-config: Use either --fix or --fix-dry-run, not both.\n"],
    ["--fix on standard input", ["--fix", "-"], "openclaw-config: --fix cannot write standard input; use --fix-dry-run to print the fixed text.\n"],
  ];
  it.each(usage)("usage error: %s", async (_name, args, message) => {
    const run = await runCli(["lint", ...args], { cwd: dir, stdin: "{}" });
    expect(run.code).toBe(2);
    expect(run.stderr.split("Run 'openclaw-config --help'")[0]).toBe(message);
  });
});

describe("lint --rule on the cache rules", () => {
  const cases: [string, string[], string[]][] = [
    ["defaults", [], ["warning lint/deprecated-cache-ttl", "warning lint/shadowed-legacy-ttl", "error lint/invalid-cache-retention"]],
    ["off", ["--rule", "shadowed-legacy-ttl=off", "--rule", "invalid-cache-retention=off"], ["warning lint/deprecated-cache-ttl"]],
    [
      "raised and lowered",
      ["--rule", "deprecated-cache-ttl=error", "--rule", "invalid-cache-retention=warn"],
      ["error lint/deprecated-cache-ttl", "warning lint/shadowed-legacy-ttl", "warning lint/invalid-cache-retention"],
    ],
  ];
  it.each(cases)("%s", async (_name, args, expected) => {
    const run = await runCli(["lint", "-f", "json", "--env-file", "api.env", ...args, "legacy.json5"], { cwd: dir });
    expect(findingsOf(run.stdout)).toEqual([["legacy.json5", "api-key", expected]]);
  });
});

describe("lint auth inputs", () => {
  it("--auth overrides detection, and the JSON report says so", async () => {
    const run = await runCli(["lint", "-f", "json", "--env-file", "api.env", "--auth", "subscription", "legacy.json5"], { cwd: dir });
    const [file] = (JSON.parse(run.stdout) as JsonReport).files;
    expect(file?.auth).toEqual({ mode: "subscription", source: "--auth subscription was given on the command line" });
    expect(file?.diagnostics.map((d) => d.code)).toEqual(["lint/deprecated-cache-ttl", "lint/subscription-cache-settings", "lint/invalid-cache-retention"]);
  });

  const env: [string, string[], NodeJS.ProcessEnv, string, string][] = [
    ["nothing decides", [], { ANTHROPIC_API_KEY: "sk-ant-api03-x" }, "unknown", "no Anthropic auth profile decides, and neither ANTHROPIC_OAUTH_TOKEN nor ANTHROPIC_API_KEY is set"],
    [
      "--use-process-env",
      ["--use-process-env"],
      { ANTHROPIC_API_KEY: "sk-ant-api03-x" },
      "api-key",
      "no Anthropic auth profile decides, and ANTHROPIC_API_KEY is set in the process environment",
    ],
    ["--env-file", ["--env-file", "api.env"], {}, "api-key", "no Anthropic auth profile decides, and ANTHROPIC_API_KEY is set in api.env line 1"],
  ];
  it.each(env)("environment: %s", async (_name, args, processEnv, mode, source) => {
    const run = await runCli(["lint", "-f", "json", ...args, "legacy.json5"], { cwd: dir, env: processEnv });
    expect((JSON.parse(run.stdout) as JsonReport).files[0]?.auth).toEqual({ mode, source });
  });

  it("--auth-profiles decides the mode; the store's own problems are reported once, under its name", async () => {
    writeFileSync(join(dir, "other.json5"), "{}\n");
    writeFileSync(join(dir, "auth-profiles.json"), '{ "version": 1, "profiles": { "anthropic:sub": { "type": "token", "provider": "anthropic", "token": "x", "expires": 5 } } }\n');
    const run = await runCli(["lint", "-f", "json", "--auth-profiles", "auth-profiles.json", "legacy.json5", "other.json5"], { cwd: dir });
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.files.map((f) => [f.file, f.auth?.mode])).toEqual([
      ["legacy.json5", "subscription"],
      ["other.json5", "subscription"],
      ["auth-profiles.json", undefined],
    ]);
    const store = report.files[2]?.diagnostics.map((d) => d.code) ?? [];
    expect(store).toContain("auth-store/expires-in-seconds");
    expect(new Set(store).size).toBe(store.length);
  });

  it("--state-dir reads each agent's store", async () => {
    mkdirSync(join(dir, "state", "agents", "main", "agent"), { recursive: true });
    writeFileSync(join(dir, "state", "agents", "main", "agent", "auth-profiles.json"), '{ "version": 1, "profiles": { "anthropic:default": { "type": "api_key", "provider": "anthropic", "key": "k" } } }');
    const run = await runCli(["lint", "-f", "json", "--state-dir", "state", "legacy.json5"], { cwd: dir });
    expect((JSON.parse(run.stdout) as JsonReport).files[0]?.auth?.mode).toBe("api-key");
  });

  const usage: [string, string[], string][] = [
    ["a missing env file", ["--env-file", "nope.env"], "openclaw-config: --env-file: cannot read nope.env"],
    ["a missing auth store", ["--auth-profiles", "nope.json"], "openclaw-config: --auth-profiles: cannot read nope.json"],
    ["a state dir that is not a directory", ["--state-dir", "legacy.json5"], "openclaw-config: --state-dir: legacy.json5 is not a directory."],
    ["an unknown auth mode", ["--auth", "oauth"], "openclaw-config: Invalid values:"],
  ];
  it.each(usage)("usage error: %s", async (_name, args, message) => {
    const run = await runCli(["lint", ...args, "legacy.json5"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith(message)).toBe(true);
  });
});
