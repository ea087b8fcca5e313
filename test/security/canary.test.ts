import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeBody, fakeHex } from "../../src/auth/fake-credential.test-support.js";
import { runCli } from "../cli-harness.js";

/*
 * SPEC §5 "no secret value ever appears in any output format unless --show-secrets". Distinctive
 * fake credentials (built at run time: nothing credential-shaped is committed) are planted in every
 * place a config, an included file, an env file or an auth store can hold one, including places
 * where a diagnostic quotes a value, a code frame shows a line, or a diff shows context. Every
 * command in every format must print none of them, not even a 12-character piece of one. With
 * --show-secrets, resolve must print them (so the canary can fail).
 */

/** A planted secret: its full text and the random part that must never be printed, even in part. */
interface Canary {
  name: string;
  value: string;
  body: string;
}

function canary(name: string, prefix: string, body: string, suffix = ""): Canary {
  return { name, value: `${prefix}${body}${suffix}`, body };
}

// Seeds 7000+ are used nowhere else, so no other test's fixture can trip (or hide) these.
const C = {
  apiKey: canary("API key in the env block", "sk-ant-api03-", fakeBody(7001, 93), "AA"),
  setupToken: canary("setup-token as a provider apiKey", "sk-ant-oat01-", fakeBody(7002, 93), "AA"),
  telegram: canary("Telegram bot token", `${fakeBody(7003, 10, "0123456789")}:AA`, fakeBody(7004, 33)),
  password: canary("gateway password", "", fakeBody(7005, 28)),
  viaEnvFile: canary("OpenAI key reached through ${VAR} from --env-file", "sk-proj-", fakeBody(7006, 120)),
  viaEnvBlock: canary("gateway token reached through ${VAR} from env.vars", "", fakeHex(7007, 48)),
  inInclude: canary("Slack token in an included file", `xoxb-${fakeBody(7008, 12, "0123456789")}-${fakeBody(7009, 13, "0123456789")}-`, fakeBody(7010, 24)),
  inWrongField: canary("API key pasted into cacheRetention", "sk-ant-api03-", fakeBody(7011, 93), "AA"),
  inComment: canary("old key left in a comment", "sk-ant-api03-", fakeBody(7012, 93), "AA"),
  inBrokenString: canary("key in an unterminated string", "sk-ant-api03-", fakeBody(7013, 93), "AA"),
  inAuthStore: canary("token in an auth-profiles.json", "sk-ant-oat01-", fakeBody(7014, 93), "AA"),
  inAgentStore: canary("key in an agent's auth store", "sk-ant-api03-", fakeBody(7015, 93), "AA"),
  inDotenvError: canary("key on a malformed env-file line", "sk-ant-api03-", fakeBody(7016, 93), "AA"),
  inHeader: canary("bearer token in a provider header", "", fakeBody(7017, 40)),
  asModelKey: canary("key used as a models map key", "sk-ant-api03-", fakeBody(7018, 93), "AA"),
  inProfileMode: canary("key pasted into an auth profile's mode", "sk-ant-api03-", fakeBody(7019, 93), "AA"),
};
const CANARIES: Canary[] = Object.values(C);
/**
 * Secret-shaped values written where a value is not a secret (a retention, a map key, a profile
 * mode): diagnostics quote such values to say what is wrong, so they are checked one source at a
 * time below, and left out of the command matrix so each leak shows up once, under its own name.
 */
const QUOTED = [C.inWrongField, C.asModelKey, C.inProfileMode];
const PLANTED = CANARIES.filter((c) => !QUOTED.includes(c));

/** The config: every secret next to something a rule, the schema or a migration reports, so frames and diffs show its line. */
function configText(): string {
  return [
    "{",
    "  env: {",
    `    // previous key, rotated: ${C.inComment.value}`,
    `    ANTHROPIC_API_KEY: "${C.apiKey.value}",`,
    `    vars: { GATEWAY_TOKEN: "${C.viaEnvBlock.value}" },`,
    "  },",
    "  agents: {",
    "    defaults: {",
    `      params: { cacheControlTtl: "1h", cacheRetention: "${C.inWrongField.value}" },`,
    "      models: {",
    `        "anthropic/claude-opus-4-6": { params: { cacheControlTtl: "1h" } },`,
    `        "${C.asModelKey.value}": { params: { cacheRetention: "long" } },`,
    "      },",
    "    },",
    "    list: [{ id: \"main\", default: true, model: \"anthropic/claude-opus-4-6\" }],",
    "  },",
    "  models: {",
    "    providers: {",
    `      anthropic: { apiKey: "${C.setupToken.value}", auth: "api_key", headers: { "anthropic-beta": "prompt-caching-2024-07-31", authorization: "Bearer ${C.inHeader.value}" } },`,
    '      openai: { apiKey: "${OPENAI_API_KEY}", baseUrl: "https://api.openai.com/v1" },',
    "    },",
    "  },",
    "  auth: {",
    `    profiles: { "anthropic:default": { provider: "anthropic", mode: "${C.inProfileMode.value}" } },`,
    '    order: { anthropic: ["anthropic:default", "anthropic:missing"] },',
    "  },",
    `  channels: { telegram: { botToken: "${C.telegram.value}" } },`,
    `  gateway: { auth: { password: "${C.password.value}", token: "\${GATEWAY_TOKEN}" }, $include: "gateway-extra.json5" },`,
    "}",
    "",
  ].join("\n");
}

const INCLUDED = () => `{\n  slack: { botToken: "${C.inInclude.value}" },\n  params: { cacheControlTtl: "1h" },\n}\n`;
const ENV_FILE = () => `OPENAI_API_KEY=${C.viaEnvFile.value}\nthis line is broken ${C.inDotenvError.value}\n`;
const AUTH_STORE = (secret: string) =>
  JSON.stringify(
    { version: 1, profiles: { "anthropic:default": { type: "token", provider: "anthropic", token: secret, expires: 1_000 }, "anthropic:key": { type: "api_key", provider: "anthropic", key: secret } } },
    null,
    2,
  );
/** A config that does not parse, with a secret on the broken line. */
const BROKEN = () => `{\n  models: {\n    providers: {\n      anthropic: { apiKey: "${C.inBrokenString.value}\n    },\n  },\n}\n`;

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "occ-canary-"));
  writeFileSync(join(dir, "openclaw.json5"), configText());
  writeFileSync(join(dir, "gateway-extra.json5"), INCLUDED());
  writeFileSync(join(dir, "secrets.env"), ENV_FILE());
  writeFileSync(join(dir, "broken.json5"), BROKEN());
  writeFileSync(join(dir, "auth-profiles.json"), AUTH_STORE(C.inAuthStore.value));
  mkdirSync(join(dir, "state", "agents", "main", "agent"), { recursive: true });
  writeFileSync(join(dir, "state", "agents", "main", "agent", "auth-profiles.json"), AUTH_STORE(C.inAgentStore.value));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Whether the canary's value, or any 12-character piece of its random part, appears in `text`. */
function leaked(c: Canary, text: string): boolean {
  if (text.includes(c.value)) return true;
  for (let i = 0; i + 12 <= c.body.length; i++) if (text.includes(c.body.slice(i, i + 12))) return true;
  return false;
}

/** Names of the planted canaries that leaked into `text`. */
function leaks(text: string): string[] {
  return PLANTED.filter((c) => leaked(c, text)).map((c) => c.name);
}

const AUTH_INPUTS = ["--env-file", "secrets.env", "--auth-profiles", "auth-profiles.json", "--state-dir", "state"];
const LINT_FORMATS = ["stylish", "json", "sarif", "github", "junit"];

/** Every command and format, over the config, the broken file and standard input. */
const COMMANDS: { name: string; args: string[]; stdin?: () => string; env?: Record<string, string> }[] = [
  ...LINT_FORMATS.map((format) => ({ name: `lint --format ${format}`, args: ["lint", "--format", format, ...AUTH_INPUTS, "openclaw.json5"] })),
  ...LINT_FORMATS.map((format) => ({ name: `lint --format ${format} (broken file)`, args: ["lint", "--format", format, "broken.json5"] })),
  ...LINT_FORMATS.map((format) => ({ name: `lint --format ${format} (stdin)`, args: ["lint", "--format", format, "--stdin-filename", "openclaw.json5", "-"], stdin: configText })),
  { name: "lint --use-process-env", args: ["lint", "--use-process-env", "openclaw.json5"], env: { ANTHROPIC_API_KEY: C.apiKey.value, OPENAI_API_KEY: C.viaEnvFile.value } },
  { name: "lint --quiet --max-warnings 0", args: ["lint", "--quiet", "--max-warnings", "0", ...AUTH_INPUTS, "openclaw.json5"] },
  { name: "lint --auth subscription", args: ["lint", "--auth", "subscription", ...AUTH_INPUTS, "openclaw.json5"] },
  { name: "lint --openclaw-schema (unreadable)", args: ["lint", "--openclaw-schema", "secrets.env", "openclaw.json5"] },
  { name: "resolve", args: ["resolve", "--env-file", "secrets.env", "openclaw.json5"] },
  { name: "resolve --format json5", args: ["resolve", "--format", "json5", "--env-file", "secrets.env", "openclaw.json5"] },
  { name: "resolve --explain", args: ["resolve", "--explain", "--env-file", "secrets.env", "openclaw.json5"] },
  { name: "resolve --explain --format json", args: ["resolve", "--explain", "--format", "json", "--env-file", "secrets.env", "openclaw.json5"] },
  { name: "resolve (stdin)", args: ["resolve", "--env-file", "secrets.env", "--stdin-filename", "openclaw.json5", "-"], stdin: configText },
  { name: "resolve (broken file)", args: ["resolve", "broken.json5"] },
  { name: "resolve --use-process-env", args: ["resolve", "--use-process-env", "openclaw.json5"], env: { OPENAI_API_KEY: C.viaEnvFile.value } },
  { name: "cache", args: ["cache", "--env-file", "secrets.env", "openclaw.json5"] },
  { name: "cache --format json", args: ["cache", "--format", "json", "--env-file", "secrets.env", "openclaw.json5"] },
  { name: "cache --explain", args: ["cache", "--explain", "--env-file", "secrets.env", "openclaw.json5"] },
  { name: "cache (broken file)", args: ["cache", "broken.json5"] },
  { name: "migrate (diff)", args: ["migrate", "openclaw.json5", "gateway-extra.json5"] },
  { name: "migrate --format json", args: ["migrate", "--format", "json", "openclaw.json5", "gateway-extra.json5"] },
  { name: "migrate (broken file)", args: ["migrate", "broken.json5"] },
  { name: "migrate (stdin)", args: ["migrate", "-"], stdin: configText },
  { name: "usage error naming a secret-shaped file", args: ["lint", "--rule", "nonsense", "openclaw.json5"] },
];

describe("secrets canary: no command prints a planted secret", () => {
  it("plants every canary in the inputs (the test would prove nothing otherwise)", () => {
    const planted = [configText(), INCLUDED(), ENV_FILE(), BROKEN(), AUTH_STORE(C.inAuthStore.value), AUTH_STORE(C.inAgentStore.value)].join("\n");
    expect(CANARIES.filter((c) => !planted.includes(c.value)).map((c) => c.name)).toEqual([]);
    expect(CANARIES).toHaveLength(16);
    // The matrix would pass vacuously if leak detection were broken: it must see a secret in the file's own text.
    expect(leaks(configText())).toContain(C.apiKey.name);
  });

  it.each(COMMANDS)("$name", async ({ args, stdin, env }) => {
    const run = await runCli(args, { cwd: dir, ...(stdin ? { stdin: stdin() } : {}), ...(env ? { env } : {}) });
    expect(run.stderr).not.toMatch(/internal error/);
    expect(leaks(run.stdout + run.stderr)).toEqual([]);
  });

  it("lint --output writes a report file without secrets", async () => {
    const run = await runCli(["lint", "--format", "json", "-o", "report.json", ...AUTH_INPUTS, "openclaw.json5"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(leaks(readFileSync(join(dir, "report.json"), "utf8"))).toEqual([]);
  });

  it("lint --format github writes a step summary without secrets", async () => {
    const summary = join(dir, "step-summary.md");
    writeFileSync(summary, "");
    const run = await runCli(["lint", "--format", "github", ...AUTH_INPUTS, "openclaw.json5"], { cwd: dir, env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary } });
    expect(run.code).toBe(1);
    expect(readFileSync(summary, "utf8")).not.toBe("");
    expect(leaks(readFileSync(summary, "utf8"))).toEqual([]);
  });

  it("lint --fix-dry-run prints the fixed file itself on stdout (secrets kept, so it can be piped back) and its report on stderr without them", async () => {
    const run = await runCli(["lint", "--fix-dry-run", "--stdin-filename", "openclaw.json5", "-"], { cwd: dir, stdin: configText() });
    expect(run.stdout).toContain(C.apiKey.value);
    expect(run.stdout).toContain("cacheRetention");
    expect(leaks(run.stderr)).toEqual([]);
  });

  it("lint --fix and migrate --write report without secrets (and keep them in the file)", async () => {
    const work = mkdtempSync(join(dir, "write-"));
    writeFileSync(join(work, "openclaw.json5"), configText());
    writeFileSync(join(work, "gateway-extra.json5"), INCLUDED());
    for (const args of [["lint", "--fix", "openclaw.json5"], ["migrate", "--write", "openclaw.json5", "gateway-extra.json5"]]) {
      const run = await runCli(args, { cwd: work });
      expect(run.stderr).not.toMatch(/internal error/);
      expect(leaks(run.stdout + run.stderr)).toEqual([]);
    }
    // The writers edit tokens; they never redact the user's own file.
    const written = readFileSync(join(work, "openclaw.json5"), "utf8");
    for (const c of [C.apiKey, C.telegram, C.password, C.setupToken]) expect(written).toContain(c.value);
  });
});

describe("secret-shaped values that a diagnostic or an explanation quotes", () => {
  const sources: { name: string; canary: Canary; args: string[] }[] = [
    { name: "lint/invalid-cache-retention quotes the value", canary: C.inWrongField, args: ["lint", "--format", "json", "--rule", "conflicting-cache-settings=off", "openclaw.json5"] },
    { name: "lint/conflicting-cache-settings quotes the value", canary: C.inWrongField, args: ["lint", "--format", "json", "--rule", "invalid-cache-retention=off", "openclaw.json5"] },
    { name: "migrate's conflict warning quotes the value", canary: C.inWrongField, args: ["migrate", "openclaw.json5"] },
    { name: "cache --explain lists the layer's value", canary: C.inWrongField, args: ["cache", "--explain", "openclaw.json5"] },
    { name: "lint/invalid-model-ref quotes the models key", canary: C.asModelKey, args: ["lint", "--format", "json", "openclaw.json5"] },
    { name: "resolve prints the models key", canary: C.asModelKey, args: ["resolve", "openclaw.json5"] },
    { name: "schema/invalid-value quotes the auth profile mode", canary: C.inProfileMode, args: ["lint", "--format", "json", "openclaw.json5"] },
  ];
  it.each(sources)("$name", async ({ canary: c, args }) => {
    const run = await runCli(args, { cwd: dir });
    expect(run.stderr).not.toMatch(/internal error/);
    expect(leaked(c, run.stdout + run.stderr)).toBe(false);
  });
});

describe("--show-secrets shows them (so the canary can fail)", () => {
  it("resolve --show-secrets prints the literal and substituted secrets", async () => {
    const run = await runCli(["resolve", "--show-secrets", "--env-file", "secrets.env", "openclaw.json5"], { cwd: dir });
    const shown = run.stdout;
    for (const c of [C.apiKey, C.telegram, C.password, C.viaEnvFile, C.viaEnvBlock, C.inInclude, C.setupToken]) expect(shown, c.name).toContain(c.value);
  });

  it("resolve without it prints redacted placeholders where the secrets were", async () => {
    const run = await runCli(["resolve", "--env-file", "secrets.env", "openclaw.json5"], { cwd: dir });
    const config = JSON.parse(run.stdout) as { env: { ANTHROPIC_API_KEY: string }; channels: { telegram: { botToken: string } }; gateway: { auth: { password: string; token: string } } };
    expect(config.env.ANTHROPIC_API_KEY).toBe("sk-ant-api03-…(redacted)");
    expect(config.channels.telegram.botToken).toBe("…(redacted)");
    expect(config.gateway.auth.password).toBe("…(redacted)");
    expect(config.gateway.auth.token).toBe("…(redacted)");
  });
});
