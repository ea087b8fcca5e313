import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import JSON5 from "json5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE } from "../../src/auth/fake-credential.test-support.js";
import { emitJson5 } from "../../src/cli/commands/resolve.js";
import { runCli } from "../cli-harness.js";

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "occ-resolve-cli-"));
  mkdirSync(join(dir, "conf"));
  writeFileSync(join(dir, "conf", "gateway.json5"), "{ port: 18789 }\n");
  writeFileSync(join(dir, "a.json5"), '{ models: { providers: { anthropic: { apiKey: "${ANTHROPIC_API_KEY}" } } }, agents: { defaults: { model: "anthropic/claude-opus-4-6" } } }\n');
  writeFileSync(join(dir, "b.json5"), '{ auth: { profiles: { "anthropic:me": { provider: "anthropic", mode: "token" } } }, agents: { defaults: { model: "anthropic/claude-sonnet-4-6" } } }\n');
  writeFileSync(join(dir, "syntax.json5"), '{ "a": 1 "b": 2 }\n');
  writeFileSync(join(dir, ".env"), `ANTHROPIC_API_KEY=${FAKE.anthropicApiKey}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("resolve and cache exit codes", () => {
  const cases: { name: string; args: string[]; code: number; stderr?: string }[] = [
    { name: "resolve, clean", args: ["resolve", "a.json5", "--env-file", ".env"], code: 0 },
    { name: "resolve, unset variable without an environment is a warning", args: ["resolve", "a.json5"], code: 0 },
    { name: "resolve, unset variable with an environment is an error", args: ["resolve", "a.json5", "--use-process-env"], code: 1 },
    { name: "resolve, syntax error", args: ["resolve", "syntax.json5"], code: 1 },
    { name: "resolve, two files", args: ["resolve", "a.json5", "b.json5"], code: 2, stderr: "openclaw-config: resolve prints one config, but 2 inputs were named; run it once per file.\n" },
    { name: "resolve, no file", args: ["resolve"], code: 2, stderr: "openclaw-config: Name a config file (or - for stdin).\n" },
    { name: "resolve, missing file", args: ["resolve", "nope.json5"], code: 2, stderr: "openclaw-config: cannot read nope.json5: no such file\n" },
    { name: "resolve, missing env file", args: ["resolve", "a.json5", "--env-file", "nope.env"], code: 2, stderr: "openclaw-config: cannot read env file nope.env: no such file\n" },
    { name: "resolve, bad format", args: ["resolve", "a.json5", "--format", "yaml"], code: 2 },
    { name: "resolve, bad auth", args: ["resolve", "a.json5", "--auth", "oauth"], code: 2 },
    { name: "cache, two files", args: ["cache", "a.json5", "b.json5"], code: 0 },
    { name: "cache, bad format", args: ["cache", "a.json5", "--format", "json5"], code: 2 },
    { name: "cache, glob matching nothing", args: ["cache", "none/*.json5"], code: 2, stderr: "openclaw-config: no config files match 'none/*.json5'\n" },
  ];
  it.each(cases)("$name -> $code", async ({ args, code, stderr }) => {
    const run = await runCli(args, { cwd: dir });
    expect(run.code).toBe(code);
    if (stderr !== undefined) expect(run.stderr.endsWith(stderr) || run.stderr.startsWith(stderr.trimEnd())).toBe(true);
    if (code === 2) {
      expect(run.stdout).toBe("");
      expect(run.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m); // no stack trace
    }
  });
});

describe("resolve output", () => {
  it("reads standard input, resolving includes beside --stdin-filename", async () => {
    const run = await runCli(["resolve", "-", "--stdin-filename", "conf/openclaw.json5", "--format", "json5"], {
      cwd: dir,
      stdin: '{ gateway: { $include: "./gateway.json5" } }',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("{\n  gateway: {\n    port: 18789,\n  },\n}\n");
  });

  it("prints credentials only with --show-secrets", async () => {
    const hidden = await runCli(["resolve", "a.json5", "--env-file", ".env"], { cwd: dir });
    expect(hidden.stdout).not.toContain(FAKE.anthropicApiKey);
    expect(hidden.stdout).toContain('"apiKey": "sk-ant-api03-…(redacted)"');
    const shown = await runCli(["resolve", "a.json5", "--env-file", ".env", "--show-secrets"], { cwd: dir });
    expect(shown.stdout).toContain(`"apiKey": "${FAKE.anthropicApiKey}"`);
  });

  it("uses the process environment only with --use-process-env", async () => {
    const env = { ANTHROPIC_API_KEY: FAKE.anthropicApiKey };
    const without = await runCli(["resolve", "a.json5", "--show-secrets"], { cwd: dir, env });
    expect(without.stdout).toContain('"apiKey": "${ANTHROPIC_API_KEY}"');
    const withEnv = await runCli(["resolve", "a.json5", "--show-secrets", "--use-process-env"], { cwd: dir, env });
    expect(withEnv.stdout).toContain(`"apiKey": "${FAKE.anthropicApiKey}"`);
    // The key in the process environment makes the auth mode API key, so the default applies.
    expect(withEnv.stdout).toContain('"cacheRetention": "short"');
  });

  it("--explain with JSON gives the config and each leaf's provenance", async () => {
    const run = await runCli(["resolve", "a.json5", "--env-file", ".env", "--explain", "--format", "json"], { cwd: dir });
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(["auth", "config", "provenance"]);
    expect(out.auth.mode).toBe("api-key");
    expect(out.provenance).toEqual([
      {
        path: "models.providers.anthropic.apiKey",
        file: "a.json5",
        line: 1,
        column: 47,
        steps: [{ kind: "env", template: "${ANTHROPIC_API_KEY}", references: [{ variable: "ANTHROPIC_API_KEY", source: ".env line 1" }] }],
      },
      { path: "agents.defaults.model", file: "a.json5", line: 1, column: 106 },
      {
        path: 'agents.defaults.models["anthropic/claude-opus-4-6"].params.cacheRetention',
        file: "a.json5",
        line: 1,
        column: 106,
        steps: [{ kind: "default", id: "api-key-cache-retention", description: "OpenClaw's API-key cacheRetention for Anthropic models" }],
      },
    ]);
    expect(run.stdout).not.toContain(FAKE.anthropicApiKey);
  });

  it("prints nothing on stdout when the file does not parse", async () => {
    const run = await runCli(["resolve", "syntax.json5"], { cwd: dir });
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("parse/unexpected-token");
  });
});

describe("cache output", () => {
  it("prints one table per file, each with its own auth mode", async () => {
    const run = await runCli(["cache", "a.json5", "b.json5", "--env-file", ".env"], { cwd: dir });
    expect(run.stdout).toBe(
      [
        "a.json5",
        "auth: api-key (no Anthropic auth profile decides, and ANTHROPIC_API_KEY is set in .env line 1)",
        "",
        "AGENT       MODEL                      RETENTION  TTL  SOURCE             HONOURED",
        "(defaults)  anthropic/claude-opus-4-6  short      5m   default (API key)  yes",
        "",
        "b.json5",
        'auth: subscription (the only Anthropic profile is "anthropic:me" (mode token))',
        "",
        "AGENT       MODEL                        RETENTION  TTL  SOURCE            HONOURED",
        "(defaults)  anthropic/claude-sonnet-4-6  short      5m   OpenClaw default  no [1]",
        "",
        "[1] subscription auth (setup-token/OAuth) ignores prompt-cache settings",
        "",
      ].join("\n"),
    );
  });

  it("--explain lists the params layers behind each row", async () => {
    const run = await runCli(["cache", "a.json5", "--env-file", ".env", "--explain"], { cwd: dir });
    expect(run.stdout).toBe(
      [
        "a.json5",
        "auth: api-key (no Anthropic auth profile decides, and ANTHROPIC_API_KEY is set in .env line 1)",
        "",
        "AGENT       MODEL                      RETENTION  TTL  SOURCE             HONOURED",
        "(defaults)  anthropic/claude-opus-4-6  short      5m   default (API key)  yes",
        "",
        "(defaults) × anthropic/claude-opus-4-6: short from default (API key)",
        '  defaults.models agents.defaults.models["anthropic/claude-opus-4-6"].params: cacheRetention "short" at a.json5:1',
        "",
      ].join("\n"),
    );
  });
});

describe("emitJson5", () => {
  const cases: { name: string; value: unknown; text: string }[] = [
    { name: "scalars", value: { a: 1, b: "x", c: true, d: null }, text: '{\n  a: 1,\n  b: "x",\n  c: true,\n  d: null,\n}\n' },
    { name: "keys that need quotes", value: { "a-b": 1, "anthropic/x": 2, $ok: 3, "1": 4 }, text: '{\n  "1": 4,\n  "a-b": 1,\n  "anthropic/x": 2,\n  $ok: 3,\n}\n' },
    { name: "empty containers", value: { a: {}, b: [] }, text: "{\n  a: {},\n  b: [],\n}\n" },
    { name: "non-finite numbers and -0", value: [Number.NaN, Infinity, -Infinity, -0], text: "[\n  NaN,\n  Infinity,\n  -Infinity,\n  -0,\n]\n" },
  ];
  it.each(cases)("$name", ({ value, text }) => {
    expect(emitJson5(value)).toBe(text);
  });

  it("round-trips through a JSON5 parser (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // Compared with the value itself: JSON would turn -0 into 0, JSON5 keeps it.
        expect(JSON5.parse(emitJson5(value))).toEqual(value);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps comments on one line whatever the explanation says", () => {
    const text = emitJson5({ a: 1 }, { header: ["h"], leaf: () => "line one\nline two" });
    expect(text).toBe("// h\n{\n  a: 1, // line one line two\n}\n");
    expect(JSON5.parse(text)).toEqual({ a: 1 });
  });
});
