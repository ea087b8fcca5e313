import { describe, expect, it } from "vitest";
import { FAKE } from "../auth/fake-credential.test-support.js";
import { lintText } from "../pipeline.js";
import { inlineSecret } from "./inline-secret.js";
import { findings, MALFORMED_SECTIONS, runRule, spanOf } from "./rule-test-kit.js";

const CHANNEL_AND_GATEWAY = `{ channels: { telegram: { botToken: "${FAKE.telegram}" } }, gateway: { auth: { token: "${FAKE.gatewayHex}" } } }`;
const HEADER_AND_ARRAY = `{ mcp: { servers: { vexa: { headers: { Authorization: "Bearer ${FAKE.generic}" } } } }, plugins: { entries: { x: { config: { keys: ["${FAKE.github}"] } } } } }`;
const WHY = "Anyone who can read this file (a backup, a dotfiles repository, a pasted snippet) can use the credential; rotate it if the file has been shared.";

describe("inline-secret", () => {
  const valid: [string, string][] = [
    ["env references", '{ models: { providers: { openai: { apiKey: "${OPENAI_API_KEY}" } } }, env: { vars: { X_TOKEN: "${X}" } } }'],
    ["other tools' reference syntax", '{ models: { providers: { minimax: { apiKey: "{env:MINIMAX_API_KEY}" } } } }'],
    ["documentation placeholders", '{ env: { ANTHROPIC_API_KEY: "sk-ant-..." }, channels: { telegram: { botToken: "YOUR_BOT_TOKEN" } } }'],
    ["redacted copies", '{ gateway: { auth: { token: "<REDACTED>" } }, env: { OPENROUTER_API_KEY: "sk-or-v1-***" } }'],
    ["replace-me markers", '{ models: { providers: { x: { apiKey: "REPLACE_ME_WITH_KEY" } } } }'],
    ["model ids, URLs, paths and hashes", '{ $schema: "https://openclaw.ai/schema.json", agents: { defaults: { model: "openrouter/anthropic/claude-sonnet-4-5", workspace: "~/work/a1b2c3d4e5f6a7b8c9d0" } }, meta: { lastTouchedVersion: "2026.1.24-3" } }'],
    ["a short token", '{ gateway: { auth: { token: "abc123" } } }'],
    ["a secret reference object", '{ models: { providers: { openai: { apiKey: { source: "env", provider: "default", id: "OPENAI_API_KEY" } } } } }'],
    ["a long word-like value under a secret name", '{ plugins: { entries: { x: { config: { secret: "product_manager_secret_for_the_demo" } } } } }'],
  ];
  it.each(valid)("valid: %s", (_name, source) => {
    expect(findings(inlineSecret, source)).toEqual([]);
  });

  const invalid: [string, string, string[]][] = [
    [
      "a provider apiKey",
      `{ models: { providers: { minimax: { apiKey: "${FAKE.jwt}" } } } }`,
      [`1:45-1:${45 + FAKE.jwt.length + 2} warning models.providers.minimax.apiKey holds a literal secret.`],
    ],
    [
      "env block and env.vars entries",
      `{\n  env: {\n    OPENROUTER_API_KEY: "${FAKE.openrouter}",\n    vars: { GROQ_API_KEY: '${FAKE.groq}' },\n  },\n}`,
      [
        `3:25-3:${25 + FAKE.openrouter.length + 2} warning env.OPENROUTER_API_KEY holds a literal secret.`,
        `4:27-4:${27 + FAKE.groq.length + 2} warning env.vars.GROQ_API_KEY holds a literal secret.`,
      ],
    ],
    [
      "channel and gateway tokens",
      CHANNEL_AND_GATEWAY,
      [
        `${spanOf(CHANNEL_AND_GATEWAY, `"${FAKE.telegram}"`)} warning channels.telegram.botToken holds a literal secret.`,
        `${spanOf(CHANNEL_AND_GATEWAY, `"${FAKE.gatewayHex}"`)} warning gateway.auth.token holds a literal secret.`,
      ],
    ],
    [
      "a bearer header and a vendor key in an array",
      HEADER_AND_ARRAY,
      [
        `${spanOf(HEADER_AND_ARRAY, `"Bearer ${FAKE.generic}"`)} warning mcp.servers.vexa.headers.Authorization holds a literal secret.`,
        `${spanOf(HEADER_AND_ARRAY, `"${FAKE.github}"`)} warning plugins.entries.x.config.keys[0] holds a literal secret.`,
      ],
    ],
  ];
  it.each(invalid)("invalid: %s", (_name, source, expected) => {
    expect(findings(inlineSecret, source)).toEqual(expected);
  });

  const advice: [string, string, string][] = [
    ["provider apiKey", `{ models: { providers: { minimax: { apiKey: "${FAKE.jwt}" } } } }`, 'Put it in ~/.openclaw/.env as MINIMAX_API_KEY=… and write "${MINIMAX_API_KEY}" here; OpenClaw substitutes the variable when it loads the config.'],
    ["env block entry", `{ env: { OPENROUTER_API_KEY: "${FAKE.openrouter}" } }`, "Move it to ~/.openclaw/.env as OPENROUTER_API_KEY=… and delete this entry; OpenClaw loads that file at startup."],
    ["env.vars entry", `{ env: { vars: { GROQ_API_KEY: "${FAKE.groq}" } } }`, "Move it to ~/.openclaw/.env as GROQ_API_KEY=… and delete this entry; OpenClaw loads that file at startup."],
    ["channel token", `{ channels: { telegram: { botToken: "${FAKE.telegram}" } } }`, 'Put it in ~/.openclaw/.env as TELEGRAM_BOT_TOKEN=… and write "${TELEGRAM_BOT_TOKEN}" here; OpenClaw substitutes the variable when it loads the config.'],
    ["gateway token", `{ gateway: { auth: { token: "${FAKE.gatewayHex}" } } }`, 'Put it in ~/.openclaw/.env as GATEWAY_TOKEN=… and write "${GATEWAY_TOKEN}" here; OpenClaw substitutes the variable when it loads the config.'],
    ["account secret", `{ channels: { feishu: { accounts: { main: { appSecret: "${FAKE.generic}" } } } } }`, 'Put it in ~/.openclaw/.env as FEISHU_MAIN_APP_SECRET=… and write "${FEISHU_MAIN_APP_SECRET}" here; OpenClaw substitutes the variable when it loads the config.'],
    ["bearer header keeps its scheme", `{ mcp: { servers: { vexa: { headers: { Authorization: "Bearer ${FAKE.generic}" } } } } }`, 'Put it in ~/.openclaw/.env as MCP_VEXA_AUTHORIZATION=… and write "Bearer ${MCP_VEXA_AUTHORIZATION}" here; OpenClaw substitutes the variable when it loads the config.'],
    ["provider id with dots", `{ models: { providers: { "claudex.us.ci": { apiKey: "${FAKE.openaiLegacy}" } } } }`, 'Put it in ~/.openclaw/.env as CLAUDEX_US_CI_API_KEY=… and write "${CLAUDEX_US_CI_API_KEY}" here; OpenClaw substitutes the variable when it loads the config.'],
  ];
  it.each(advice)("suggests a variable: %s", (_name, source, note) => {
    const [finding] = runRule(inlineSecret, source).diagnostics;
    expect(finding?.notes).toEqual([WHY, note]);
  });

  it("never puts the secret in a diagnostic", () => {
    const values = Object.values(FAKE);
    const source = `{ env: { vars: { ${values.map((v, i) => `K${i}_TOKEN: "${v}"`).join(", ")} } } }`;
    const { diagnostics } = runRule(inlineSecret, source);
    expect(diagnostics).toHaveLength(values.length);
    const output = JSON.stringify(diagnostics);
    for (const value of values) expect(output).not.toContain(value.slice(-16));
  });

  it("checks the value as written, not after env substitution", () => {
    const { diagnostics } = runRule(inlineSecret, '{ models: { providers: { openai: { apiKey: "${OPENAI_API_KEY}" } } } }');
    expect(diagnostics).toEqual([]);
  });

  it.each(MALFORMED_SECTIONS)("ignores malformed sections: %s", (_name, source) => {
    expect(findings(inlineSecret, source, {})).toEqual([]);
  });

  // A map of 256+ keys is walked through the key list the lint context already made (model catalogues).
  it.each([10, 300])("finds a secret inside a models map of %i entries", (count) => {
    const lines = ["{ agents: { defaults: { models: {"];
    for (let i = 0; i < count; i++) {
      lines.push(i === count - 1 ? `"openai/m${i}": { params: { apiKey: "${FAKE.openrouter}" } },` : `"openai/m${i}": { alias: "m${i}" },`);
    }
    lines.push("} } } }");
    const found = lintText(lines.join("\n"), "catalogue.json5").diagnostics.filter((d) => d.code === "lint/inline-secret");
    expect(found.map((d) => [d.range.start.line, d.path])).toEqual([[count + 1, ["agents", "defaults", "models", `openai/m${count - 1}`, "params", "apiKey"]]]);
  });
});
