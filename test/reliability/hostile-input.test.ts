import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuiltCli, ProcessRun } from "./built-cli.js";
import { buildCli, runBatch, runBuiltCli, STACK_TRACE_LINE } from "./built-cli.js";
import type { BatchOutcome } from "./command-batch.js";

/*
 * SPEC §5 "never crash on any input": every hostile input below goes through every command in a
 * child process (the bundled CLI), with a time limit and a peak-memory check. Each must end with
 * diagnostics (exit 0 or 1) or exit 2 with a one-line `openclaw-config:` message: never a stack
 * trace, an "internal error", a signal or a timeout, and `lint --fix` / `migrate --write` never
 * change a byte of a file they cannot improve.
 */

/** Deterministic bytes (xorshift32), so a "random" case fails the same way every run. */
function seededBytes(seed: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** A config of about `bytes` bytes: many small members under a passthrough section. */
function bigConfig(bytes: number): string {
  const parts = ["{\n  // generated\n  gateway: {\n"];
  let length = parts[0]?.length ?? 0;
  for (let n = 0; length < bytes; n++) {
    const line = `    key${n}: "value number ${n} of a big file",\n`;
    parts.push(line);
    length += line.length;
  }
  parts.push("  },\n}\n");
  return parts.join("");
}

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
const SMALL = "{\n  gateway: { port: 18789 },\n}\n";
const MIB = 1024 * 1024;

/** What `lint --format json` must report for one input. */
interface Expected {
  exit: 0 | 1 | 2;
  /** Every diagnostic as `line:column code message`, in order. */
  diagnostics: string[];
}

interface HostileCase {
  name: string;
  bytes: () => Buffer | string;
  lint: Expected;
  /** A valid config: every command exits 0. */
  clean?: true;
  /** Wall-time limit for all commands on this input together, and peak memory of their process. */
  limitMs?: number;
  limitMiB?: number;
}

const CASES: HostileCase[] = [
  {
    name: "100,000 nested arrays",
    bytes: () => "[".repeat(100_000) + "]".repeat(100_000),
    lint: { exit: 1, diagnostics: ["1:1001 parse/too-deep Nesting is deeper than 1000 levels."] },
  },
  {
    name: "100,000 nested objects",
    bytes: () => '{"a":'.repeat(100_000) + "1" + "}".repeat(100_000),
    lint: { exit: 1, diagnostics: ["1:5001 parse/too-deep Nesting is deeper than 1000 levels."] },
  },
  {
    name: "100,000 nested arrays inside a config value",
    bytes: () => `{\n  gateway: { x: ${"[".repeat(100_000)}${"]".repeat(100_000)} },\n}\n`,
    lint: { exit: 1, diagnostics: ["2:1015 parse/too-deep Nesting is deeper than 1000 levels."] },
  },
  {
    name: "100,000 unclosed brackets",
    bytes: () => "{ a: ".repeat(100_000),
    lint: { exit: 1, diagnostics: ["1:5001 parse/too-deep Nesting is deeper than 1000 levels."] },
  },
  {
    name: "50 MB file",
    bytes: () => bigConfig(50 * MIB),
    lint: { exit: 1, diagnostics: ["1:1 parse/file-too-large File is 50.0 MiB; the limit is 32.0 MiB."] },
    // Refused on its size, before it is read.
    limitMs: 10_000,
    limitMiB: 160,
  },
  {
    name: "1 MB string value",
    bytes: () => `{\n  gateway: { banner: "${"x".repeat(MIB)}" },\n}\n`,
    lint: { exit: 0, diagnostics: [] },
    clean: true,
  },
  {
    name: "1 MB single line with a syntax error at its end",
    bytes: () => `{ gateway: { banner: "${"x".repeat(MIB)}" } ]`,
    lint: { exit: 1, diagnostics: ['1:1048603 parse/unexpected-token Unexpected "]" (not valid JSON5).'] },
  },
  {
    name: "64 KiB of random bytes",
    bytes: () => seededBytes(0x5eed, 64 * 1024),
    lint: { exit: 1, diagnostics: ["1:5 parse/invalid-utf8 File is not valid UTF-8 (byte 0xf2 at byte offset 4)."] },
  },
  {
    name: "random printable ASCII",
    bytes: () => Buffer.from(seededBytes(7, 4096).map((b) => 0x20 + (b % 0x5f))),
    lint: { exit: 1, diagnostics: ["1:1 parse/unexpected-token Unexpected \"I'ceaU{wp*_Fi`eUO<\\\\K\" (not valid JSON5)."] },
  },
  {
    name: "invalid UTF-8 inside a string",
    bytes: () => Buffer.concat([Buffer.from('{\n  gateway: { name: "caf'), Buffer.from([0xc3, 0x28]), Buffer.from('" },\n}\n')]),
    lint: { exit: 1, diagnostics: ["2:24 parse/invalid-utf8 File is not valid UTF-8 (byte 0xc3 at byte offset 25)."] },
  },
  {
    name: "UTF-8-encoded surrogate (CESU-8)",
    bytes: () => Buffer.concat([Buffer.from('{\n  gateway: { name: "'), Buffer.from([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]), Buffer.from('" },\n}\n')]),
    lint: { exit: 1, diagnostics: ["2:21 parse/invalid-utf8 File is not valid UTF-8 (byte 0xed at byte offset 22)."] },
  },
  {
    name: "overlong UTF-8 encoding of '/'",
    bytes: () => Buffer.concat([Buffer.from('{ gateway: { path: "a'), Buffer.from([0xe0, 0x80, 0xaf]), Buffer.from('" } }')]),
    lint: { exit: 1, diagnostics: ["1:22 parse/invalid-utf8 File is not valid UTF-8 (byte 0xe0 at byte offset 21)."] },
  },
  {
    name: "UTF-16 LE with BOM",
    bytes: () => utf16le(SMALL),
    lint: { exit: 0, diagnostics: [] },
    clean: true,
  },
  {
    name: "UTF-16 BE with BOM",
    bytes: () => utf16be(SMALL),
    lint: { exit: 0, diagnostics: [] },
    clean: true,
  },
  {
    name: "UTF-16 LE without BOM",
    bytes: () => Buffer.from(SMALL, "utf16le"),
    lint: { exit: 1, diagnostics: ["1:2 parse/binary File contains a NUL character; it is not a text file."] },
  },
  {
    name: "UTF-8 BOM",
    bytes: () => `\uFEFF${SMALL}`,
    lint: { exit: 0, diagnostics: [] },
    clean: true,
  },
  {
    name: "a BOM and nothing else",
    bytes: () => "\uFEFF",
    lint: { exit: 1, diagnostics: ["1:1 parse/empty-file File is empty."] },
  },
  {
    name: "empty file",
    bytes: () => "",
    lint: { exit: 1, diagnostics: ["1:1 parse/empty-file File is empty."] },
  },
  {
    name: "only a comment",
    bytes: () => "// openclaw config goes here\n/* nothing yet */\n",
    lint: { exit: 1, diagnostics: ["1:1 parse/empty-file File contains only comments."] },
  },
  {
    name: "unterminated block comment",
    bytes: () => "{\n  gateway: {},\n  /* never closed\n",
    lint: { exit: 1, diagnostics: ["4:1 parse/unexpected-eof Unexpected end of file (not valid JSON5)."] },
  },
  {
    name: "unterminated string",
    bytes: () => '{\n  gateway: { name: "open\n',
    lint: { exit: 1, diagnostics: ["2:25 parse/unexpected-character Unexpected character \"\\n\" (not valid JSON5)."] },
  },
  {
    name: "NUL bytes",
    bytes: () => "{ gateway: { name: \"a\u0000b\" } }",
    lint: { exit: 1, diagnostics: ["1:22 parse/binary File contains a NUL character; it is not a text file."] },
  },
  {
    name: "duplicate keys",
    bytes: () => "{\n  gateway: { port: 1 },\n  gateway: { port: 2 },\n}\n",
    lint: {
      exit: 0,
      diagnostics: [
        '3:3 parse/duplicate-key Duplicate key "gateway": it is already set on line 2; JSON5 keeps this later value and silently drops the earlier one. [first definition at 2:3]',
      ],
    },
    clean: true,
  },
  {
    name: "__proto__, constructor and prototype keys",
    bytes: () =>
      [
        "{",
        "  __proto__: { polluted: true },",
        '  "constructor": { prototype: { polluted: true } },',
        "  prototype: 1,",
        "  agents: { defaults: { params: { __proto__: { polluted: true }, constructor: 1 } } },",
        "  gateway: { __proto__: { polluted: true } },",
        "}",
        "",
      ].join("\n"),
    lint: {
      exit: 1,
      diagnostics: [
        "2:3 schema/unknown-key Unknown key `__proto__` at the top level.",
        "3:3 schema/unknown-key Unknown key `constructor` at the top level.",
        "4:3 schema/unknown-key Unknown key `prototype` at the top level.",
      ],
    },
  },
  {
    name: "numbers: 1e400, -0, NaN, Infinity, hex",
    bytes: () => "{\n  gateway: { big: 1e400, negZero: -0, nan: NaN, inf: -Infinity, hex: 0xFF, dot: .5, plus: +1 },\n}\n",
    lint: { exit: 0, diagnostics: [] },
    clean: true,
  },
  {
    name: "1e400 where a whole number is required",
    bytes: () => "{\n  env: { shellEnv: { timeoutMs: 1e400 } },\n}\n",
    lint: { exit: 1, diagnostics: ["2:33 schema/invalid-type Expected a number, but found a number (Infinity)."] },
  },
  {
    name: "NaN where a number is required",
    bytes: () => "{\n  env: { shellEnv: { timeoutMs: NaN } },\n}\n",
    lint: { exit: 1, diagnostics: ["2:33 schema/invalid-type Expected a number, but found a number (NaN)."] },
  },
  {
    name: "-0 and hex where a whole number is required",
    bytes: () => "{\n  env: { shellEnv: { timeoutMs: -0, enabled: true } },\n  agents: { defaults: { params: { maxTokens: 0x1000 } } },\n}\n",
    lint: { exit: 0, diagnostics: [] },
    clean: true,
  },
  {
    name: "100,000 keys in one object",
    bytes: () => `{\n  gateway: {\n${Array.from({ length: 100_000 }, (_, i) => `    k${i}: ${i},`).join("\n")}\n  },\n}\n`,
    lint: { exit: 0, diagnostics: [] },
    clean: true,
    limitMs: 90_000,
    limitMiB: 1024,
  },
  {
    name: "5,000 duplicate keys",
    bytes: () => `{\n  gateway: {\n${Array.from({ length: 5_000 }, () => "    same: 1,").join("\n")}\n  },\n}\n`,
    lint: { exit: 0, diagnostics: [] },
    clean: true,
    limitMs: 90_000,
  },
  {
    name: "lone CR, CRLF, U+2028 and U+2029 line breaks",
    bytes: () => "{\r  gateway: {\r\n    name: 'a\u2028b',\u2029    port: 1,\r  },\r  agnets: {},\r\n}\r\n",
    lint: { exit: 1, diagnostics: ["7:3 schema/unknown-key Unknown key `agnets` at the top level; did you mean `agents`?"] },
  },
];

/** The 5,000-duplicates case reports every repeat; its expectation is built rather than written out. */
const DUPLICATES = CASES.find((c) => c.name === "5,000 duplicate keys");
if (DUPLICATES) {
  DUPLICATES.lint.diagnostics = Array.from(
    { length: 4_999 },
    (_, i) =>
      `${i + 4}:5 parse/duplicate-key Duplicate key "same": it is already set on line ${i + 3}; JSON5 keeps this later value and silently drops the earlier one. [first definition at ${i + 3}:5]`,
  );
}

/** Numbers gathered for the closing report of the issue. */
const measurements: { name: string; lint: string; others: string; ms: number; peakMiB: number }[] = [];

let cli: BuiltCli;
let dir = "";
beforeAll(async () => {
  cli = await buildCli();
  dir = mkdtempSync(join(tmpdir(), "occ-hostile-"));
});
afterAll(() => {
  cli?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (measurements.length > 0 && process.env.OPENCLAW_RELIABILITY_REPORT) {
    const rows = measurements.map((m) => `${m.name.padEnd(52)} lint ${m.lint.padEnd(28)} others ${m.others.padEnd(16)} ${Math.round(m.ms)} ms ${m.peakMiB.toFixed(0)} MiB`);
    process.stdout.write(`\nhostile inputs (all commands, one process each):\n${rows.join("\n")}\n`);
  }
});

/** A diagnostic as the table writes it. */
function describeDiagnostic(d: {
  range: { start: { line: number; column: number } };
  code: string;
  message: string;
  related?: { range: { start: { line: number; column: number } }; message: string }[];
}): string {
  const related = (d.related ?? []).map((r) => ` [${r.message} at ${r.range.start.line}:${r.range.start.column}]`).join("");
  return `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}${related}`;
}

/** The checks every command's outcome must pass, whatever the input. */
function expectControlledOutcome(outcome: BatchOutcome): void {
  const label = outcome.args.join(" ");
  expect([0, 1, 2], label).toContain(outcome.code);
  expect(outcome.stderr, label).not.toMatch(STACK_TRACE_LINE);
  expect(outcome.stdout, label).not.toMatch(STACK_TRACE_LINE);
  expect(outcome.stderr, label).not.toMatch(/internal error|main\(\) threw/);
  if (outcome.code === 2) expect(outcome.stderr, label).toMatch(/^openclaw-config: .+$/m);
}

function expectHealthyProcess(run: ProcessRun, limitMs: number, limitMiB: number): void {
  expect(run.timedOut, `ran over ${limitMs} ms`).toBe(false);
  expect(run.signal).toBeNull();
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.peakRssMiB ?? Infinity).toBeLessThan(limitMiB);
}

describe("hostile input: every command ends with diagnostics or exit 2, in bounded time and memory", () => {
  it.each(CASES)("$name", { timeout: 150_000 }, async (c) => {
    const limitMs = c.limitMs ?? 30_000;
    const limitMiB = c.limitMiB ?? 512;
    const caseDir = mkdtempSync(join(dir, "case-"));
    const file = join(caseDir, "openclaw.json5");
    const bytes = c.bytes();
    writeFileSync(file, bytes);
    const original = readFileSync(file);

    const { run, outcomes } = await runBatch(
      cli,
      [
        { args: ["lint", "--format", "json", "openclaw.json5"], cwd: caseDir },
        { args: ["lint", "--format", "stylish", "openclaw.json5"], cwd: caseDir },
        { args: ["resolve", "openclaw.json5"], cwd: caseDir },
        { args: ["resolve", "--explain", "openclaw.json5"], cwd: caseDir },
        { args: ["cache", "openclaw.json5"], cwd: caseDir },
        { args: ["migrate", "openclaw.json5"], cwd: caseDir },
        { args: ["lint", "--fix", "openclaw.json5"], cwd: caseDir },
        { args: ["migrate", "--write", "openclaw.json5"], cwd: caseDir },
      ],
      { timeoutMs: limitMs },
    );
    expectHealthyProcess(run, limitMs, limitMiB);
    for (const outcome of outcomes) expectControlledOutcome(outcome);

    const [lintJson, , ...others] = outcomes as [BatchOutcome, BatchOutcome, ...BatchOutcome[]];
    expect(lintJson.code).toBe(c.lint.exit);
    const report = JSON.parse(lintJson.stdout) as { files: { diagnostics: Parameters<typeof describeDiagnostic>[0][] }[] };
    expect(report.files.flatMap((f) => f.diagnostics.map(describeDiagnostic))).toEqual(c.lint.diagnostics);
    if (c.clean) for (const outcome of outcomes) expect(outcome.code, outcome.args.join(" ")).toBe(0);
    // Nothing here has a fix or a migration: the writers must leave every byte alone.
    expect(readFileSync(file).equals(original)).toBe(true);

    measurements.push({
      name: c.name,
      lint: `exit ${lintJson.code}, ${c.lint.diagnostics.length > 3 ? `${c.lint.diagnostics.length} diagnostics` : c.lint.diagnostics.map((d) => d.split(" ")[1]).join(",") || "clean"}`,
      others: others.map((o) => `${o.code}(${Math.round(o.ms)})`).join("/"),
      ms: run.ms,
      peakMiB: run.peakRssMiB ?? Number.NaN,
    });
  });
});

describe("hostile input on standard input: decoded like a file, never lossily", () => {
  const cases: { name: string; bytes: () => Buffer | string; exit: number; stdout: RegExp | ""; stderr: string }[] = [
    { name: "UTF-16 LE with BOM", bytes: () => utf16le(SMALL), exit: 0, stdout: "", stderr: "" },
    { name: "UTF-16 BE with BOM", bytes: () => utf16be(SMALL), exit: 0, stdout: "", stderr: "" },
    { name: "UTF-8 BOM", bytes: () => `\uFEFF${SMALL}`, exit: 0, stdout: "", stderr: "" },
    {
      name: "invalid UTF-8",
      bytes: () => Buffer.concat([Buffer.from('{ gateway: { name: "caf'), Buffer.from([0xc3, 0x28]), Buffer.from('" } }')]),
      exit: 2,
      stdout: "",
      stderr: "openclaw-config: cannot read standard input: it is not valid UTF-8 (byte 0xc3 at byte offset 23).\nRun 'openclaw-config --help' for usage.\n",
    },
    {
      name: "NUL bytes",
      bytes: () => "{ gateway: { name: \"a\u0000b\" } }",
      exit: 1,
      stdout: /^<stdin>\n  1:22 +error  File contains a NUL character; it is not a text file\.  parse\/binary\n/,
      stderr: "",
    },
  ];
  it.each(cases)("$name", async (c) => {
    const run = await runBuiltCli(cli, ["lint", "-"], { stdin: c.bytes(), timeoutMs: 20_000 });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: c.exit, stderr: c.stderr });
    if (c.stdout === "") expect(run.stdout).toBe("");
    else expect(run.stdout).toMatch(c.stdout);
  });

  it("--fix-dry-run never prints replacement characters for bytes it could not decode", async () => {
    const bytes = Buffer.concat([Buffer.from("{ agents: { defaults: { params: { cacheControlTtl: '1h' } } }, gateway: { name: \"caf"), Buffer.from([0xe9]), Buffer.from('" } }')]);
    const run = await runBuiltCli(cli, ["lint", "--fix-dry-run", "-"], { stdin: bytes, timeoutMs: 20_000 });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stdout + run.stderr).not.toContain("\uFFFD");
  });
});

describe("the largest input handled", () => {
  /*
   * The biggest file parseConfig accepts is just under its 32 MiB limit. CI lints an 8 MiB file;
   * OPENCLAW_RELIABILITY_LARGE=1 lints a 31 MiB one (about 13 s and 800 MiB on a 2-core machine).
   */
  const large = process.env.OPENCLAW_RELIABILITY_LARGE === "1";
  const size = large ? 31 * MIB : 8 * MIB;
  it(`a valid ${size / MIB} MiB config: every command finishes clean within its time and memory budget`, { timeout: 600_000 }, async () => {
    const caseDir = mkdtempSync(join(dir, "large-"));
    writeFileSync(join(caseDir, "openclaw.json5"), bigConfig(size));
    const budget = { ms: large ? 120_000 : 45_000, mib: large ? 2048 : 1024 };
    const rows: string[] = [];
    for (const args of [["lint", "--format", "json"], ["resolve"], ["cache"], ["migrate"], ["lint", "--fix"]]) {
      const run = await runBuiltCli(cli, [...args, "openclaw.json5"], { cwd: caseDir, timeoutMs: budget.ms });
      expect(run.timedOut, `${args.join(" ")} ran over ${budget.ms} ms`).toBe(false);
      expect(run.code, `${args.join(" ")}: ${run.stderr.slice(0, 300)}`).toBe(0);
      expect(run.peakRssMiB ?? Infinity, args.join(" ")).toBeLessThan(budget.mib);
      rows.push(`${args.join(" ").padEnd(20)} ${Math.round(run.ms)} ms ${Math.round(run.peakRssMiB ?? 0)} MiB`);
    }
    if (process.env.OPENCLAW_RELIABILITY_REPORT) process.stdout.write(`\nlargest input (${size / MIB} MiB):\n${rows.join("\n")}\n`);
  });
});

describe("numbers JSON cannot represent", () => {
  it("resolve does not print NaN, Infinity or 1e400 as null without saying so", async () => {
    const caseDir = mkdtempSync(join(dir, "numbers-"));
    writeFileSync(join(caseDir, "openclaw.json5"), "{\n  gateway: { big: 1e400, nan: NaN, inf: -Infinity, negZero: -0 },\n}\n");
    const json = await runBuiltCli(cli, ["resolve", "openclaw.json5"], { cwd: caseDir });
    const json5 = await runBuiltCli(cli, ["resolve", "--format", "json5", "openclaw.json5"], { cwd: caseDir });
    // JSON5 output can carry them exactly.
    expect(json5.stdout).toBe("{\n  gateway: {\n    big: Infinity,\n    nan: NaN,\n    inf: -Infinity,\n    negZero: -0,\n  },\n}\n");
    // JSON output cannot: silently printing null would change the config; the user must be told where.
    const silentlyNull = /"big": null/.test(json.stdout) && !/gateway\.big/.test(json.stderr);
    expect(silentlyNull, `stdout:\n${json.stdout}\nstderr:\n${json.stderr}`).toBe(false);
  });
});

describe("hostile side inputs: env files and auth stores", () => {
  const cases: { name: string; files: Record<string, Buffer | string>; args: string[]; exit: number; output: RegExp }[] = [
    {
      name: "an env file of random bytes",
      files: { "bin.env": seededBytes(11, 4096) },
      args: ["lint", "--env-file", "bin.env", "openclaw.json5"],
      exit: 2,
      output: /^openclaw-config: --env-file: cannot read bin\.env: File is not valid UTF-8 \(byte 0x[0-9a-f]{2} at byte offset \d+\)\.$/m,
    },
    {
      name: "an env file of 200,000 lines",
      files: { "big.env": Array.from({ length: 200_000 }, (_, i) => `K${i}=v${i}`).join("\n") },
      args: ["lint", "--env-file", "big.env", "openclaw.json5"],
      exit: 0,
      output: /^$/,
    },
    {
      name: "an auth store nested 200,000 deep",
      files: { "auth-profiles.json": "[".repeat(200_000) + "]".repeat(200_000) },
      args: ["lint", "--format", "json", "--auth-profiles", "auth-profiles.json", "openclaw.json5"],
      exit: 1,
      output: /"code": "parse\/too-deep"/,
    },
    {
      name: "an agent's auth store nested 200,000 deep under --state-dir",
      files: { "state/agents/main/agent/auth-profiles.json": `{"version":1,"profiles":${'{"a":'.repeat(200_000)}1${"}".repeat(200_000)}}` },
      args: ["lint", "--format", "json", "--state-dir", "state", "openclaw.json5"],
      exit: 1,
      output: /"code": "parse\/too-deep"/,
    },
  ];
  it.each(cases)("$name", { timeout: 60_000 }, async (c) => {
    const caseDir = mkdtempSync(join(dir, "side-"));
    writeFileSync(join(caseDir, "openclaw.json5"), SMALL);
    for (const [name, content] of Object.entries(c.files)) {
      mkdirSync(dirname(join(caseDir, name)), { recursive: true });
      writeFileSync(join(caseDir, name), content);
    }
    const { run, outcomes } = await runBatch(cli, [{ args: c.args, cwd: caseDir }], { timeoutMs: 30_000 });
    expectHealthyProcess(run, 30_000, 512);
    const [outcome] = outcomes as [BatchOutcome];
    expectControlledOutcome(outcome);
    expect(outcome.code).toBe(c.exit);
    expect(outcome.stdout + outcome.stderr).toMatch(c.output);
  });
});
