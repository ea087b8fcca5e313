import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeBody } from "../../src/auth/fake-credential.test-support.js";
import { MAX_INCLUDE_BYTES, MAX_INCLUDE_DEPTH } from "../../src/stages/includes.js";
import { resolveConfig } from "../../src/resolve.js";
import { buildCli, runBuiltCli, STACK_TRACE_LINE } from "../reliability/built-cli.js";
import type { BuiltCli } from "../reliability/built-cli.js";
import { runCli } from "../cli-harness.js";

/*
 * SPEC §1/§5: `$include` paths must stay inside the root config's folder. `../`, absolute paths
 * elsewhere, symlinks (to files or folders) that point out are refused with a located diagnostic,
 * and nothing of the file outside reaches the output; depth, cycle and size limits hold, and an
 * include graph built to explode (the same file included ten times at each of ten levels) ends
 * in bounded time and memory.
 */

/** Text that must never appear in output: it lives only in files outside the config's folder. */
const OUTSIDE_MARKER = `outside-${fakeBody(8101, 24)}`;

let base = "";
let root = "";
let outside = "";
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), "occ-include-"));
  root = join(base, "config");
  outside = join(base, "elsewhere");
  mkdirSync(join(root, "sub", "deeper"), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, "outside.json5"), `{ stolen: "${OUTSIDE_MARKER}" }\n`);
  writeFileSync(join(root, "inside.json5"), "{ port: 18789 }\n");
  writeFileSync(join(root, "sub", "inside.json5"), "{ bind: 'loopback' }\n");
  symlinkSync(join(outside, "outside.json5"), join(root, "link-out.json5"));
  symlinkSync(outside, join(root, "dir-link-out"));
  symlinkSync(join(root, "inside.json5"), join(root, "link-in.json5"));
  symlinkSync("/dev/zero", join(root, "zero.json5"));
  writeFileSync(join(root, "sub", "escapes.json5"), `{ $include: "../../elsewhere/outside.json5" }\n`);
});
afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

/** Writes openclaw.json5 whose gateway includes `target`, and resolves it through the CLI. */
async function resolveWith(target: string): Promise<{ code: number; stdout: string; stderr: string; diagnostics: string[] }> {
  writeFileSync(join(root, "openclaw.json5"), `{\n  gateway: { $include: ${JSON.stringify(target)} },\n}\n`);
  const run = await runCli(["resolve", "openclaw.json5"], { cwd: root });
  const library = resolveConfig({ file: "openclaw.json5" }, { cwd: root });
  return { ...run, diagnostics: library.diagnostics.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`) };
}

describe("includes that leave the config's folder are refused", () => {
  const refused: { name: string; target: () => string; diagnostic: string | (() => string) }[] = [
    {
      name: "../ to a sibling folder",
      target: () => "../elsewhere/outside.json5",
      diagnostic: 'openclaw.json5:2:24 include/outside-root Included file "../elsewhere/outside.json5" is outside the config\'s folder.',
    },
    {
      name: "../ hidden behind a subfolder",
      target: () => "sub/../../elsewhere/outside.json5",
      diagnostic: 'openclaw.json5:2:24 include/outside-root Included file "sub/../../elsewhere/outside.json5" is outside the config\'s folder.',
    },
    {
      name: "an absolute path elsewhere",
      target: () => join(outside, "outside.json5"),
      diagnostic: () => `openclaw.json5:2:24 include/outside-root Included file ${JSON.stringify(join(outside, "outside.json5"))} is outside the config's folder.`,
    },
    {
      name: "an absolute system file",
      target: () => "/etc/passwd",
      diagnostic: 'openclaw.json5:2:24 include/outside-root Included file "/etc/passwd" is outside the config\'s folder.',
    },
    {
      name: "a symlink to a file outside",
      target: () => "link-out.json5",
      diagnostic: 'openclaw.json5:2:24 include/outside-root Included file "link-out.json5" is a symbolic link to a file outside the config\'s folder.',
    },
    {
      name: "a path through a symlinked folder that points outside",
      target: () => "dir-link-out/outside.json5",
      diagnostic: 'openclaw.json5:2:24 include/outside-root Included file "dir-link-out/outside.json5" is a symbolic link to a file outside the config\'s folder.',
    },
    {
      name: "a symlink to a device",
      target: () => "zero.json5",
      diagnostic: 'openclaw.json5:2:24 include/outside-root Included file "zero.json5" is a symbolic link to a file outside the config\'s folder.',
    },
    {
      name: "an included file that itself escapes",
      target: () => "sub/escapes.json5",
      diagnostic: 'sub/escapes.json5:1:13 include/outside-root Included file "../../elsewhere/outside.json5" is outside the config\'s folder.',
    },
  ];
  it.each(refused)("$name", async ({ target, diagnostic }) => {
    const run = await resolveWith(target());
    expect(run.diagnostics).toEqual([typeof diagnostic === "function" ? diagnostic() : diagnostic]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("include/outside-root");
    expect(run.stdout + run.stderr).not.toContain(OUTSIDE_MARKER);
    expect(run.stderr).not.toMatch(STACK_TRACE_LINE);
  });

  const allowed: { name: string; target: () => string; gateway: Record<string, unknown> }[] = [
    { name: "a file beside the config", target: () => "inside.json5", gateway: { port: 18789 } },
    { name: "a file in a subfolder", target: () => "sub/inside.json5", gateway: { bind: "loopback" } },
    { name: "an absolute path inside the folder", target: () => join(root, "sub", "inside.json5"), gateway: { bind: "loopback" } },
    { name: "a symlink that stays inside", target: () => "link-in.json5", gateway: { port: 18789 } },
    { name: "a path that leaves and comes back", target: () => "../config/inside.json5", gateway: { port: 18789 } },
  ];
  it.each(allowed)("allows $name", async ({ target, gateway }) => {
    const run = await resolveWith(target());
    expect(run.diagnostics).toEqual([]);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { gateway: unknown }).gateway).toEqual(gateway);
  });

  const odd: { name: string; target: string; code: string }[] = [
    { name: "an empty path (the folder itself)", target: "", code: "include/unreadable" },
    { name: "a path with a NUL byte", target: "inside.json5\u0000../../x", code: "include/missing-file" },
    { name: "a folder", target: "sub", code: "include/unreadable" },
    { name: "a file: URL", target: "file:///etc/passwd", code: "include/missing-file" },
    { name: "a Windows-style ..\\ path", target: "..\\elsewhere\\outside.json5", code: "include/missing-file" },
  ];
  it.each(odd)("refuses $name with a diagnostic", async ({ target, code }) => {
    const run = await resolveWith(target);
    expect(run.diagnostics.map((d) => d.split(" ")[1])).toEqual([code]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.stdout + run.stderr).not.toContain(OUTSIDE_MARKER);
  });

  it("a FIFO in the folder is refused, not read (no hang)", async () => {
    let hasMkfifo = true;
    try {
      execFileSync("mkfifo", [join(root, "pipe.json5")]);
    } catch {
      hasMkfifo = false;
    }
    if (!hasMkfifo) return;
    const run = await resolveWith("pipe.json5");
    expect(run.diagnostics).toEqual(['openclaw.json5:2:24 include/unreadable Included file "pipe.json5" is not a regular file.']);
  });
});

describe("lint checks includes too", () => {
  it("lint reports an include that leaves the folder", async () => {
    writeFileSync(join(root, "openclaw.json5"), `{\n  gateway: { $include: "../elsewhere/outside.json5" },\n}\n`);
    const run = await runCli(["lint", "--format", "json", "openclaw.json5"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("include/outside-root");
    expect(run.stdout).not.toContain(OUTSIDE_MARKER);
  });
});

describe("include limits hold", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "occ-include-limits-"));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A chain openclaw.json5 -> f1 -> ... -> f<n>; the last file holds a value. */
  function chain(folder: string, n: number): void {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "openclaw.json5"), `{\n  gateway: { $include: "f1.json5" },\n}\n`);
    for (let i = 1; i <= n; i++) writeFileSync(join(folder, `f${i}.json5`), i === n ? "{ port: 1 }\n" : `{ $include: "f${i + 1}.json5" }\n`);
  }

  it(`a chain of ${MAX_INCLUDE_DEPTH} nested includes resolves`, () => {
    const folder = join(dir, "chain-ok");
    chain(folder, MAX_INCLUDE_DEPTH);
    const result = resolveConfig({ file: "openclaw.json5" }, { cwd: folder });
    expect(result.diagnostics).toEqual([]);
    expect((result.config as { gateway: unknown }).gateway).toEqual({ port: 1 });
  });

  it(`a chain of ${MAX_INCLUDE_DEPTH + 1} is refused where the 11th include is written`, () => {
    const folder = join(dir, "chain-deep");
    chain(folder, MAX_INCLUDE_DEPTH + 1);
    const result = resolveConfig({ file: "openclaw.json5" }, { cwd: folder });
    expect(result.diagnostics.map((d) => `${d.file}:${d.range.start.line} ${d.code} ${d.message}`)).toEqual([
      `f10.json5:1 include/too-deep Including "f11.json5" nests includes more than ${MAX_INCLUDE_DEPTH} files deep.`,
    ]);
  });

  it("a cycle is refused", () => {
    const folder = join(dir, "cycle");
    mkdirSync(folder);
    writeFileSync(join(folder, "openclaw.json5"), `{ gateway: { $include: "a.json5" } }\n`);
    writeFileSync(join(folder, "a.json5"), `{ $include: "b.json5" }\n`);
    writeFileSync(join(folder, "b.json5"), `{ x: { $include: "a.json5" } }\n`);
    const result = resolveConfig({ file: "openclaw.json5" }, { cwd: folder });
    expect(result.diagnostics.map((d) => `${d.file} ${d.code} ${d.message}`)).toEqual(["b.json5 include/cycle Include cycle: a.json5 -> b.json5 -> a.json5."]);
  });

  it("a file including itself is refused", () => {
    const folder = join(dir, "self");
    mkdirSync(folder);
    writeFileSync(join(folder, "openclaw.json5"), `{ gateway: { $include: "openclaw.json5" } }\n`);
    const result = resolveConfig({ file: "openclaw.json5" }, { cwd: folder });
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(["include/cycle Include cycle: openclaw.json5 -> openclaw.json5."]);
  });

  it("an included file over the size limit is refused before it is read; one at the limit is read", () => {
    const folder = join(dir, "size");
    mkdirSync(folder);
    const padded = (bytes: number) => `{ port: 1 }\n${" ".repeat(bytes - 12)}`;
    writeFileSync(join(folder, "at-limit.json5"), padded(MAX_INCLUDE_BYTES));
    writeFileSync(join(folder, "over-limit.json5"), padded(MAX_INCLUDE_BYTES + 1));
    writeFileSync(join(folder, "openclaw.json5"), `{ gateway: { $include: "at-limit.json5" }, ui: { $include: "over-limit.json5" } }\n`);
    const result = resolveConfig({ file: "openclaw.json5" }, { cwd: folder });
    expect(result.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      'include/file-too-large Included file "over-limit.json5" is 2.0 MiB; OpenClaw reads included files up to 2 MiB.',
    ]);
    expect((result.config as { gateway: unknown }).gateway).toEqual({ port: 1 });
  });
});

describe("include graphs built to exhaust the tool end in bounded time and memory", () => {
  let cli: BuiltCli;
  let dir = "";
  beforeAll(async () => {
    cli = await buildCli();
    dir = mkdtempSync(join(tmpdir(), "occ-include-bomb-"));
  });
  afterAll(() => {
    cli?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("the same file included 10 times at each of 10 levels (10^10 copies) is cut short with a diagnostic", { timeout: 90_000 }, async () => {
    const folder = join(dir, "fan-out");
    mkdirSync(folder);
    for (let i = 0; i < 10; i++) {
      const body = i === 9 ? `{ list: [${Array.from({ length: 100 }, (_, k) => k).join(", ")}] }` : `{ $include: [${Array.from({ length: 10 }, () => `"g${i + 1}.json5"`).join(", ")}] }`;
      writeFileSync(join(folder, `g${i}.json5`), `${body}\n`);
    }
    writeFileSync(join(folder, "openclaw.json5"), `{ gateway: { $include: "g0.json5" } }\n`);
    for (const command of ["lint", "resolve", "cache"]) {
      const run = await runBuiltCli(cli, [command, "openclaw.json5"], { cwd: folder, timeoutMs: 30_000 });
      expect(run.timedOut, `${command} ran over 30 s`).toBe(false);
      expect(run.code, command).toBe(1);
      // lint writes its report to stdout; resolve and cache keep stdout for the config and report on stderr.
      expect(command === "lint" ? run.stdout : run.stderr, command).toMatch(/include\/too-many/);
      expect(run.stderr).not.toMatch(STACK_TRACE_LINE);
      expect(run.peakRssMiB ?? Infinity).toBeLessThan(512);
    }
  });

  it("nesting 990 deep in each of 10 chained includes (9,900 levels in all) ends with a diagnostic, not a crash", { timeout: 90_000 }, async () => {
    const folder = join(dir, "deep");
    mkdirSync(folder);
    const depth = 990;
    for (let i = 0; i < 10; i++) {
      const inner = i === 9 ? "1" : `{ $include: "d${i + 1}.json5" }`;
      writeFileSync(join(folder, `d${i}.json5`), `${"{a:".repeat(depth)}${inner}${"}".repeat(depth)}\n`);
    }
    writeFileSync(join(folder, "openclaw.json5"), `{ gateway: { $include: "d0.json5" } }\n`);
    for (const command of ["resolve", "cache", "lint"]) {
      const run = await runBuiltCli(cli, [command, "openclaw.json5"], { cwd: folder, timeoutMs: 60_000 });
      expect(run.timedOut, `${command} ran over 60 s`).toBe(false);
      expect(run.signal).toBeNull();
      expect([0, 1], `${command}: ${run.stderr.slice(0, 300)}`).toContain(run.code);
      expect(run.stderr).not.toMatch(STACK_TRACE_LINE);
      expect(run.stderr).not.toMatch(/internal error/);
    }
  });
});
