import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.js";

/*
 * The four examples the issue starts from, end to end through the CLI: each config produces
 * exactly these findings (code, range, message), with the auth mode the JSON report names.
 * Inputs: test/fixtures/seeds/. The headers case is the rules-part-2 rule and comes last.
 */
const SEEDS = join(import.meta.dirname, "fixtures", "seeds");

interface JsonDiagnostic {
  code: string;
  message: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
}

const describeFinding = (d: JsonDiagnostic) =>
  `${d.code} ${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column} ${d.message}`;

// [name, arguments after `lint -f json`, auth mode, exit code, findings]
const cases: [string, string[], string, number, string[]][] = [
  [
    'API key with a global cacheRetention "long"',
    ["api-key-long-retention.json5"],
    "api-key",
    0,
    [
      'lint/shadowed-global-retention 11:33-11:39 agents.defaults.params sets cacheRetention "long", but under API-key auth OpenClaw runs anthropic/claude-opus-4-6 with "short".',
    ],
  ],
  [
    "setup-token with cache params",
    ["setup-token-cache-params.json5"],
    "subscription",
    1,
    [
      'lint/subscription-cache-settings 13:21-13:35 cacheRetention "long" on anthropic/claude-opus-4-6 has no effect: Anthropic auth is a subscription (setup-token or OAuth), which does not use prompt caching.',
    ],
  ],
  [
    'cacheControlTtl "1h" with an API key from an env file',
    ["--env-file", "api-key.env", "legacy-ttl-1h.json5"],
    "api-key",
    0,
    [
      'lint/deprecated-cache-ttl 8:21-8:36 cacheControlTtl is deprecated; use cacheRetention: "long".',
      'lint/shadowed-legacy-ttl 8:38-8:42 cacheControlTtl "1h" (cacheRetention "long") is lost under API-key auth: OpenClaw runs anthropic/claude-sonnet-4-5 with "short".',
    ],
  ],
  [
    "anthropic-beta header override without the cache beta flag",
    ["--env-file", "api-key.env", "headers-without-cache-beta.json5"],
    "api-key",
    1,
    ['lint/missing-cache-beta-flag 7:38-7:61 The anthropic-beta header of provider "anthropic" does not include extended-cache-ttl-2025-04-11.'],
  ],
];

describe("the seeds' examples", () => {
  it.each(cases)("%s", async (_name, args, mode, code, expected) => {
    const run = await runCli(["lint", "-f", "json", ...args], { cwd: SEEDS });
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as { files: { file: string; auth?: { mode: string }; diagnostics: JsonDiagnostic[] }[] };
    expect(report.files.map((f) => f.file)).toEqual([args.at(-1)]);
    expect(report.files[0]?.auth?.mode).toBe(mode);
    expect(report.files[0]?.diagnostics.map(describeFinding)).toEqual(expected);
    expect(run.code).toBe(code);
  });

  // [name, arguments, what --fix-dry-run prints]
  const fixed: [string, string[], string][] = [
    [
      "the global value is written into the model's own params",
      ["api-key-long-retention.json5"],
      `// Anthropic API key; the 1-hour cache set once for every model.
{
  auth: {
    profiles: {
      "anthropic:default": { provider: "anthropic", mode: "api_key" },
    },
  },
  agents: {
    defaults: {
      model: { primary: "anthropic/claude-opus-4-6" },
      params: { cacheRetention: "long" },
      models: {
        "anthropic/claude-opus-4-6": { alias: "opus", params: { cacheRetention: "long" } },
      },
    },
  },
}
`,
    ],
    [
      "the legacy key is migrated, its comment kept",
      ["--env-file", "api-key.env", "legacy-ttl-1h.json5"],
      `// The API key comes from ~/.openclaw/.env (here: api-key.env); the one-hour cache is written the legacy way.
{
  agents: {
    defaults: {
      model: { primary: "anthropic/claude-sonnet-4-5" },
      models: {
        "anthropic/claude-sonnet-4-5": {
          params: { cacheRetention: "long" }, // one-hour cache
        },
      },
    },
  },
}
`,
    ],
  ];
  it.each(fixed)("--fix-dry-run: %s, and nothing is left to report", async (_name, args, expected) => {
    const run = await runCli(["lint", "--fix-dry-run", "-f", "json", ...args], { cwd: SEEDS });
    expect(run.stdout).toBe(expected);
    const report = JSON.parse(run.stderr) as { files: { diagnostics: unknown[] }[] };
    expect(report.files[0]?.diagnostics).toEqual([]);
    expect(run.code).toBe(0);
  });
});
