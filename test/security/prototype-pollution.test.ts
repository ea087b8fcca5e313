import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/resolve.js";
import { lintText } from "../../src/pipeline.js";
import { runCli } from "../cli-harness.js";

/*
 * SPEC §5: `__proto__`, `constructor` and `prototype` are ordinary keys. Every input the tool reads
 * (configs, included files, env files, auth stores) carries them; afterwards no built-in prototype
 * has gained or lost a property, and the keys come back out as ordinary keys.
 */

const POISON = [
  "{",
  "  __proto__: { polluted: 'config-root' },",
  '  "constructor": { prototype: { polluted: "config-constructor" } },',
  "  env: { __proto__: 'env-block', vars: { __proto__: 'env-vars', constructor: 'x', toString: 'y' } },",
  "  agents: {",
  "    defaults: {",
  "      params: { __proto__: { polluted: 'params' }, cacheControlTtl: '1h' },",
  "      models: { __proto__: { params: { polluted: 'model' } }, 'anthropic/claude-opus-4-6': { params: { constructor: { prototype: { polluted: 'x' } } } } },",
  "    },",
  "    entries: { __proto__: { params: { polluted: 'agent' } }, constructor: { models: {} } },",
  "    list: [{ id: '__proto__', default: true }, { id: 'constructor' }],",
  "  },",
  "  models: { providers: { __proto__: { baseUrl: 'http://x', headers: { __proto__: 'h' } } } },",
  "  auth: { profiles: { __proto__: { provider: 'anthropic', mode: 'api_key' } }, order: { __proto__: ['__proto__'], anthropic: ['constructor'] } },",
  "  gateway: { __proto__: { polluted: 'gateway' }, $include: 'part.json5' },",
  "}",
  "",
].join("\n");

const PART = "{ __proto__: { polluted: 'include' }, prototype: { polluted: 'include' }, list: [1] }\n";
const ENV_FILE = "__proto__=dotenv\nconstructor=dotenv\nprototype=dotenv\nANTHROPIC_API_KEY=${__proto__}\n";
const AUTH_STORE = JSON.stringify({ version: 1, profiles: { __proto__: { type: "api_key", provider: "anthropic" }, "anthropic:x": { type: "token", provider: "__proto__" } } });

/** Own property names of every built-in prototype a merge or a lookup could reach. */
function snapshot(): string {
  const protos = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype, Map: Map.prototype };
  return JSON.stringify(Object.fromEntries(Object.entries(protos).map(([name, proto]) => [name, Reflect.ownKeys(proto).map(String).sort()])));
}

function expectNoPollution(before: string): void {
  expect(snapshot()).toBe(before);
  const probe: Record<string, unknown> = {};
  expect(probe.polluted).toBeUndefined();
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
  expect(Object.getPrototypeOf([])).toBe(Array.prototype);
}

let dir = "";
let before = "";
beforeAll(() => {
  before = snapshot();
  dir = mkdtempSync(join(tmpdir(), "occ-proto-"));
  writeFileSync(join(dir, "openclaw.json5"), POISON);
  writeFileSync(join(dir, "part.json5"), PART);
  writeFileSync(join(dir, ".env"), ENV_FILE);
  writeFileSync(join(dir, "auth-profiles.json"), AUTH_STORE);
  for (const agent of ["__proto__", "constructor"]) {
    mkdirSync(join(dir, "state", "agents", agent, "agent"), { recursive: true });
    writeFileSync(join(dir, "state", "agents", agent, "agent", "auth-profiles.json"), AUTH_STORE);
  }
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("prototype keys are ordinary keys and pollute nothing", () => {
  const commands: { name: string; args: string[] }[] = [
    { name: "lint", args: ["lint", "--format", "json", "--env-file", ".env", "--auth-profiles", "auth-profiles.json", "--state-dir", "state", "openclaw.json5"] },
    { name: "lint --fix-dry-run", args: ["lint", "--fix-dry-run", "--env-file", ".env", "openclaw.json5"] },
    { name: "resolve", args: ["resolve", "--env-file", ".env", "openclaw.json5"] },
    { name: "resolve --explain", args: ["resolve", "--explain", "--env-file", ".env", "openclaw.json5"] },
    { name: "resolve --format json5 --show-secrets", args: ["resolve", "--format", "json5", "--show-secrets", "--env-file", ".env", "openclaw.json5"] },
    { name: "cache", args: ["cache", "--format", "json", "--env-file", ".env", "openclaw.json5"] },
    { name: "migrate", args: ["migrate", "--format", "json", "openclaw.json5"] },
  ];
  it.each(commands)("$name", async ({ args }) => {
    const run = await runCli(args, { cwd: dir });
    expect([0, 1]).toContain(run.code);
    expect(run.stderr).not.toMatch(/internal error/);
    expectNoPollution(before);
  });

  it("lint reports them as unknown keys where the schema is strict, at their own positions", () => {
    const result = lintText(POISON, "openclaw.json5");
    const unknown = result.diagnostics.filter((d) => d.code === "schema/unknown-key").map((d) => `${d.range.start.line}:${d.range.start.column} ${d.message}`);
    expect(unknown).toContain("2:3 Unknown key `__proto__` at the top level.");
    expect(unknown).toContain("3:3 Unknown key `constructor` at the top level.");
    // No note of an Object.prototype member leaks into a message ("[object Object]", "function Object()").
    const text = JSON.stringify(result.diagnostics);
    expect(text).not.toMatch(/\[object Object\]|\[native code\]|function Object/);
    expectNoPollution(before);
  });

  it("resolve keeps them as own keys of the effective config, includes and env files included", () => {
    const result = resolveConfig({ file: join(dir, "openclaw.json5") }, { envFiles: [join(dir, ".env")], showSecrets: true });
    const config = result.config as unknown as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect(Object.hasOwn(config, "__proto__")).toBe(true);
    const gateway = config.gateway as Record<string, unknown>;
    expect(Object.getPrototypeOf(gateway)).toBe(Object.prototype);
    expect(Object.hasOwn(gateway, "__proto__")).toBe(true);
    expect(gateway.prototype).toEqual({ polluted: "include" });
    expect(JSON.stringify(result.config)).toContain('"__proto__":{"polluted":"config-root"}');
    expectNoPollution(before);
  });

  it("resolve's JSON output prints them as ordinary keys", async () => {
    const run = await runCli(["resolve", "openclaw.json5"], { cwd: dir });
    const printed = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.hasOwn(printed, "__proto__")).toBe(true);
    expect(Object.hasOwn(printed.gateway as object, "__proto__")).toBe(true);
    expectNoPollution(before);
  });
});
