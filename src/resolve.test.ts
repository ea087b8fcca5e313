import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, expectTypeOf, it } from "vitest";
import { FAKE } from "./auth/fake-credential.test-support.js";
import type { OpenClawConfig } from "./schema/root.js";
import { compileConfig, describePromptCache, resolveConfig } from "./resolve.js";

const DIR = mkdtempSync(join(tmpdir(), "occ-resolve-"));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
mkdirSync(join(DIR, "conf"), { recursive: true });
writeFileSync(join(DIR, "conf", "gateway.json5"), "{ port: 18789 }\n");
writeFileSync(
  join(DIR, "conf", "openclaw.json5"),
  '{\n  gateway: { $include: "./gateway.json5" },\n  models: { providers: { anthropic: { apiKey: "${ANTHROPIC_API_KEY}" } } },\n  agents: { defaults: { model: "anthropic/claude-opus-4-6" } },\n}\n',
);

describe("resolveConfig", () => {
  it("resolves a path and types the result with the schema's z.infer type", () => {
    const result = resolveConfig("conf/openclaw.json5", { cwd: DIR, auth: "api-key", processEnv: { ANTHROPIC_API_KEY: FAKE.anthropicApiKey } });
    expectTypeOf(result.config).toEqualTypeOf<OpenClawConfig | undefined>();
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.config).toEqual({
      gateway: { port: 18789 },
      models: { providers: { anthropic: { apiKey: "sk-ant-api03-…(redacted)" } } },
      agents: { defaults: { model: "anthropic/claude-opus-4-6", models: { "anthropic/claude-opus-4-6": { params: { cacheRetention: "short" } } } } },
    });
    expect(result.config?.agents?.defaults?.models?.["anthropic/claude-opus-4-6"]?.params?.cacheRetention).toBe("short");
    expect(result.defaults.map((d) => d.id)).toEqual(["api-key-cache-retention"]);
    expect(result.auth.mode).toBe("api-key");
  });

  it("reports where each leaf came from, with secrets redacted in the provenance too", () => {
    const result = resolveConfig("conf/openclaw.json5", { cwd: DIR, processEnv: { ANTHROPIC_API_KEY: FAKE.anthropicApiKey } });
    expect(result.provenance.get(["gateway", "port"])).toEqual({
      path: ["gateway", "port"],
      file: "conf/gateway.json5",
      line: 1,
      column: 9,
      steps: [{ kind: "include", file: "conf/gateway.json5", from: { file: "conf/openclaw.json5", line: 2 } }],
    });
    const key = result.provenance.get(["models", "providers", "anthropic", "apiKey"]);
    expect(key?.steps).toEqual([
      {
        kind: "env",
        template: "${ANTHROPIC_API_KEY}",
        references: [{ variable: "ANTHROPIC_API_KEY", source: "the process environment", secret: true }],
        segments: [{ text: "sk-ant-api03-…(redacted)", variable: "ANTHROPIC_API_KEY", secret: true }],
      },
    ]);
    expect(JSON.stringify(result)).not.toContain(FAKE.anthropicApiKey);
  });

  it("keeps secrets only when asked", () => {
    const result = resolveConfig("conf/openclaw.json5", { cwd: DIR, showSecrets: true, processEnv: { ANTHROPIC_API_KEY: FAKE.anthropicApiKey } });
    expect(result.config?.models?.providers?.["anthropic"]?.apiKey).toBe(FAKE.anthropicApiKey);
  });

  it("reads the process environment only when asked", () => {
    process.env.OCC_RESOLVE_TEST_VAR = "from-process";
    try {
      const text = '{ gateway: { mode: "${OCC_RESOLVE_TEST_VAR}" } }';
      expect(resolveConfig(text).config?.gateway).toEqual({ mode: "${OCC_RESOLVE_TEST_VAR}" });
      expect(resolveConfig(text, { processEnv: true }).config?.gateway).toEqual({ mode: "from-process" });
    } finally {
      delete process.env.OCC_RESOLVE_TEST_VAR;
    }
  });

  const inputs: { name: string; input: Parameters<typeof resolveConfig>[0]; file?: string; gateway: unknown; firstDiagnostic?: string }[] = [
    { name: "text starting with {", input: "{ gateway: { port: 1 } }", gateway: { port: 1 } },
    { name: "text starting with a comment", input: "// c\n{ gateway: { port: 2 } }", gateway: { port: 2 } },
    { name: "{ text, file } anchors includes at the file's folder", input: { text: '{ gateway: { $include: "./gateway.json5" } }', file: "conf/x.json5" }, gateway: { port: 18789 } },
    { name: "{ file }", input: { file: "conf/gateway.json5" }, gateway: undefined },
    { name: "a missing path", input: "conf/nope.json5", gateway: undefined, firstDiagnostic: "read/unreadable: Cannot read conf/nope.json5: no such file." },
  ];
  it.each(inputs)("accepts $name", ({ input, gateway, firstDiagnostic }) => {
    const result = resolveConfig(input, { cwd: DIR });
    expect(result.config?.gateway).toEqual(gateway);
    if (firstDiagnostic) expect(result.diagnostics.map((d) => `${d.code}: ${d.message}`)[0]).toBe(firstDiagnostic);
  });

  it("flags an invalid config without throwing", () => {
    const result = resolveConfig('{ agent: {}, gateway: { $include: "./missing.json5" } }', { cwd: DIR });
    expect(result.valid).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["schema/unknown-key", "include/missing-file"]);
  });

  it("reports unreadable env files as diagnostics", () => {
    const result = resolveConfig("{}", { cwd: DIR, envFiles: ["missing.env"] });
    expect(result.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual(["env-file/unreadable: Cannot read env file missing.env: no such file."]);
  });
});

describe("describePromptCache", () => {
  const rows = (text: string, auth?: "api-key" | "subscription") =>
    describePromptCache(compileConfig({ text, file: "c.json5" }, { cwd: DIR, ...(auth ? { auth } : {}) })).rows.map(
      (r) => `${r.agent} ${r.model} ${r.retention} ${r.ttl} ${r.source.text} ${r.honoured}${r.reasons.length ? ` (${r.reasons.join("; ")})` : ""}`,
    );

  const cases: { name: string; text: string; auth?: "api-key" | "subscription"; rows: string[] }[] = [
    {
      name: "unknown auth: honour unknown, OpenClaw's runtime default for direct Anthropic",
      text: '{ agents: { defaults: { model: "anthropic/claude-opus-4-6" } } }',
      rows: [
        "(defaults) anthropic/claude-opus-4-6 short 5m OpenClaw default unknown (the Anthropic auth mode is unknown; caching works only with an API key (pass --auth or an --env-file))",
      ],
    },
    {
      name: "API key: Vertex gets OpenClaw's runtime default, a seeded Bedrock primary the API-key default, an unseeded Bedrock model nothing",
      text: '{ agents: { defaults: { model: "amazon-bedrock/anthropic.claude-opus-4-6-v1:0" }, list: [{ id: "a", model: "anthropic-vertex/claude-opus-4-6" }, { id: "b", model: "amazon-bedrock/anthropic.claude-haiku-4-5-v1:0" }] } }',
      auth: "api-key",
      rows: [
        "a anthropic-vertex/claude-opus-4-6 short 5m OpenClaw default yes",
        "a amazon-bedrock/anthropic.claude-opus-4-6-v1:0 short 5m default (API key) yes",
        "b amazon-bedrock/anthropic.claude-haiku-4-5-v1:0 none none not set yes",
        "b amazon-bedrock/anthropic.claude-opus-4-6-v1:0 short 5m default (API key) yes",
      ],
    },
    {
      name: "API key: an invalid value is skipped as OpenClaw skips it",
      text: '{ agents: { defaults: { model: "anthropic/a", params: { cacheRetention: "long" }, models: { "anthropic/a": { params: { cacheRetention: "standard" } } } } } }',
      auth: "api-key",
      rows: [
        '(defaults) anthropic/a long 1h c.json5:1 no (cacheRetention "standard" at c.json5:1 is not none/short/long; OpenClaw ignores it)',
      ],
    },
    {
      name: "non-Anthropic models get no row",
      text: '{ agents: { defaults: { model: "openai/gpt-5", models: { "google/gemini-3-pro": {} } } } }',
      auth: "api-key",
      rows: [],
    },
  ];
  it.each(cases)("$name", ({ text, auth, rows: expected }) => {
    expect(rows(text, auth)).toEqual(expected);
  });
});
