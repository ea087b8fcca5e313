import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EnvVar } from "../auth/dotenv.js";
import { FAKE } from "../auth/fake-credential.test-support.js";
import { parseConfig } from "./parse.js";
import { isSecretName, isSecretVariable, redactConfig } from "./redact.js";
import { substituteEnv } from "./substitute-env.js";

describe("isSecretName", () => {
  const cases: [string, boolean][] = [
    ["apiKey", true],
    ["api_key", true],
    ["ANTHROPIC_API_KEY", true],
    ["x-api-key", true],
    ["apiKeys", true],
    ["botToken", true],
    ["token", true],
    ["appSecret", true],
    ["clientSecret", true],
    ["password", true],
    ["GARMIN_PASSWORD", true],
    ["passphrase", true],
    ["Authorization", true],
    ["Cookie", true],
    ["credentials", true],
    ["privateKey", true],
    ["maxTokens", false],
    ["contextTokens", false],
    ["tokenMode", false],
    ["tokenFile", false],
    ["keyFile", false],
    ["apiKeyEnv", false],
    ["apiKeyRef", false],
    ["secretName", false],
    ["tokenUrl", false],
    ["monkey", false],
    ["keepLastAssistants", false],
    ["baseUrl", false],
    ["provider", false],
    ["", false],
  ];
  it.each(cases)("%s -> %s", (name, expected) => {
    expect(isSecretName(name)).toBe(expected);
  });
});

describe("isSecretVariable", () => {
  const cases: [string, string, boolean][] = [
    ["DISCORD_BOT_TOKEN", "anything", true],
    ["DISCORD_BOT_TOKEN", "", false],
    ["OPENAI_BASE_URL", "https://api.example.test", false],
    ["SOMETHING", FAKE.anthropicApiKey, true],
    ["REGION", "eu-west-1", false],
  ];
  it.each(cases)("%s=%s -> %s", (name, value, expected) => {
    expect(isSecretVariable(name, value)).toBe(expected);
  });
});

describe("redactConfig", () => {
  const redact = (text: string, env: Record<string, string> = {}) => {
    const doc = parseConfig(text, "c.json5").document;
    if (!doc) throw new Error("fixture does not parse");
    const vars = new Map<string, EnvVar>(Object.entries(env).map(([name, value]) => [name, { name, value, source: { kind: "process" } }]));
    const substituted = substituteEnv(doc.value, doc.sourceMap, { vars, environmentGiven: true });
    return { doc, ...redactConfig(substituted.value, doc.sourceMap) };
  };

  const cases: { name: string; text: string; env?: Record<string, string>; value: unknown; redacted: string[] }[] = [
    {
      name: "credential-named keys, keeping a vendor prefix",
      text: `{ apiKey: "${FAKE.anthropicApiKey}", password: "hunter2", n: { maxTokens: 5, tokenMode: "tile" } }`,
      value: { apiKey: "sk-ant-api03-…(redacted)", password: "…(redacted)", n: { maxTokens: 5, tokenMode: "tile" } },
      redacted: ['["apiKey"]', '["password"]'],
    },
    {
      name: "credential-shaped values under any key",
      text: `{ note: "${FAKE.setupToken}", list: ["${FAKE.github}", "plain"] }`,
      value: { note: "sk-ant-oat01-…(redacted)", list: ["ghp_…(redacted)", "plain"] },
      redacted: ['["note"]', '["list",0]'],
    },
    {
      name: "every element of an array under a credential name",
      text: '{ apiKeys: ["one-key", "two-key"] }',
      value: { apiKeys: ["…(redacted)", "…(redacted)"] },
      redacted: ['["apiKeys",0]', '["apiKeys",1]'],
    },
    {
      name: "only the substituted secret part of a mixed string",
      text: '{ url: "https://${HOST}/x?key=${SERVICE_KEY}", auth: { header: "Bearer ${SERVICE_TOKEN}" } }',
      env: { HOST: "h.example.test", SERVICE_KEY: FAKE.generic, SERVICE_TOKEN: FAKE.gatewayHex },
      value: { url: "https://h.example.test/x?key=…(redacted)", auth: { header: "Bearer …(redacted)" } },
      redacted: ['["url"]', '["auth","header"]'],
    },
    {
      name: "a value after an auth scheme, whatever its shape",
      text: `{ headers: { "X-Upstream": "Bearer ${FAKE.gatewayHex}", other: "Bearer \${NOT_SET}" } }`,
      value: { headers: { "X-Upstream": "Bearer …(redacted)", other: "Bearer ${NOT_SET}" } },
      redacted: ['["headers","X-Upstream"]'],
    },
    {
      name: "an unresolved ${VAR} under a credential name names the secret and is kept",
      text: '{ apiKey: "${NOT_SET}", token: "" }',
      value: { apiKey: "${NOT_SET}", token: "" },
      redacted: [],
    },
    {
      name: "objects and numbers under credential names are walked, not replaced",
      text: '{ apiKey: { source: "env", id: "ANTHROPIC_API_KEY" }, token: 12345 }',
      value: { apiKey: { source: "env", id: "ANTHROPIC_API_KEY" }, token: 12345 },
      redacted: [],
    },
    {
      name: "credential-shaped map keys, each keeping its own entry",
      text: `{ models: { "${FAKE.anthropicApiKey}": { a: 1 }, "${FAKE.adminKey}": { b: 2 }, "sk-ant-admin01-…(redacted)": 3, "anthropic/claude-opus-4-6": {} } }`,
      value: { models: { "sk-ant-api03-…(redacted)": { a: 1 }, "sk-ant-admin01-…(redacted) (2)": { b: 2 }, "sk-ant-admin01-…(redacted)": 3, "anthropic/claude-opus-4-6": {} } },
      redacted: [],
    },
  ];

  it.each(cases)("$name", ({ text, env, value, redacted }) => {
    const result = redact(text, env);
    expect(result.value).toEqual(value);
    expect(result.redacted.map((p) => JSON.stringify(p))).toEqual(redacted);
  });

  it("keeps the redacted value locatable", () => {
    const result = redact('{\n  channels: { telegram: { botToken: "x" } },\n}');
    expect(result.doc.sourceMap.locate(result.value, ["channels", "telegram", "botToken"])?.range.start.line).toBe(2);
  });

  it("never leaves a credential in the output (property)", () => {
    const secrets = Object.values(FAKE);
    // A bare lower-case hex string is also what hashes and commit ids look like: it is redacted
    // under a credential name or after an auth scheme, not on its own under any key.
    const recognisable = secrets.filter((s) => s !== FAKE.gatewayHex);
    const leaf = fc.oneof(
      fc.constantFrom(...recognisable),
      fc.constantFrom(...secrets).map((s) => `Bearer ${s}`),
      fc.string({ maxLength: 8 }),
      fc.integer(),
    );
    const key = fc.constantFrom("apiKey", "token", "note", "value", "url", "botToken", "x");
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("node"), { maxLength: 3 }), fc.dictionary(key, tie("node"), { maxKeys: 3 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 4 }), (config) => {
        const result = redact(JSON.stringify(config));
        const out = JSON.stringify(result.value);
        for (const secret of secrets) expect(out).not.toContain(secret);
      }),
      { numRuns: 150 },
    );
  });
});
