import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import type { BatchCommand, BatchOutcome } from "./command-batch.js";

/*
 * Runs the CLI the way users do: bundled, in its own process, so a stack overflow, an endless loop
 * or a memory blow-up shows as what it is (a signal, a timeout, a peak RSS) instead of taking the
 * test worker down. The bundle is built from the current sources into a private folder, so tests
 * never race with someone rebuilding dist/.
 */

const REPO = resolve(import.meta.dirname, "..", "..");

/** A bundled CLI in a temp folder, and the preload that records the process's peak memory. */
export interface BuiltCli {
  dir: string;
  cli: string;
  /** Runs several invocations in one process (see command-batch.ts). */
  batch: string;
  probe: string;
  dispose(): void;
}

/** Bundles src/cli.ts with the same esbuild settings as scripts/build.mjs, into a fresh temp folder. */
export async function buildCli(): Promise<BuiltCli> {
  const dir = mkdtempSync(join(tmpdir(), "occ-built-cli-"));
  await build({
    absWorkingDir: REPO,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    splitting: true,
    outdir: dir,
    packages: "bundle",
    legalComments: "none",
    banner: { js: "import { createRequire as __ocCreateRequire } from 'node:module'; const require = __ocCreateRequire(import.meta.url);" },
    logLevel: "silent",
    entryPoints: { cli: "src/cli.ts", "command-batch": "test/reliability/command-batch.ts" },
  });
  const probe = join(dir, "peak-rss-probe.mjs");
  // maxRSS is in KiB; written on exit (also after an uncaught exception) to the file the parent names.
  writeFileSync(
    probe,
    [
      "import { writeFileSync } from 'node:fs';",
      "process.on('exit', () => {",
      "  const file = process.env.OCC_PEAK_RSS_FILE;",
      "  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));",
      "});",
      "",
    ].join("\n"),
  );
  return { dir, cli: join(dir, "cli.js"), batch: join(dir, "command-batch.js"), probe, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The outcome of one CLI process. */
export interface ProcessRun {
  /** Exit code; null when the process was killed (timeout) or died of a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the CLI process in MiB (undefined if it died before reporting). */
  peakRssMiB?: number;
  /** Wall time in milliseconds. */
  ms: number;
  timedOut: boolean;
}

/** Runs the built CLI with a time limit (the process is killed when it runs over) and records peak memory. */
export function runBuiltCli(cli: BuiltCli, args: readonly string[], options: RunOptions = {}): Promise<ProcessRun> {
  return runScript(cli, cli.cli, args, options);
}

/** Options of a CLI process. */
export interface RunOptions {
  cwd?: string;
  stdin?: string | Buffer;
  /** Killed after this long (default 20 s). */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** Runs several invocations in one process; the process's exit, time and peak memory cover all of them. */
export async function runBatch(cli: BuiltCli, commands: readonly BatchCommand[], options: RunOptions = {}): Promise<{ run: ProcessRun; outcomes: BatchOutcome[] }> {
  const list = join(cli.dir, `batch-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(list, JSON.stringify(commands));
  try {
    const run = await runScript(cli, cli.batch, [list], options);
    let outcomes: BatchOutcome[] = [];
    if (run.code === 0) outcomes = JSON.parse(run.stdout) as BatchOutcome[];
    return { run, outcomes };
  } finally {
    rmSync(list, { force: true });
  }
}

function runScript(cli: BuiltCli, script: string, args: readonly string[], options: RunOptions): Promise<ProcessRun> {
  const rssFile = join(cli.dir, `rss-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const nodeArgs = ["--import", pathToFileURL(cli.probe).href];
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
      cwd: options.cwd ?? cli.dir,
      // A minimal environment: no CI or GitHub variables from the test runner change the format, no colour.
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...options.env, OCC_PEAK_RSS_FILE: rssFile },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 20_000);
    child.on("error", fail);
    child.stdin.on("error", () => {
      // The CLI may exit before reading all of stdin; that is its business.
    });
    child.stdin.end(options.stdin ?? "");
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      let peakRssMiB: number | undefined;
      try {
        peakRssMiB = Number(readFileSync(rssFile, "utf8")) / 1024;
        rmSync(rssFile, { force: true });
      } catch {
        peakRssMiB = undefined;
      }
      done({
        code,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        ...(peakRssMiB !== undefined ? { peakRssMiB } : {}),
        ms: performance.now() - started,
        timedOut,
      });
    });
  });
}

/**
 * A stack frame line (`    at fn (/x/y.js:1:2)`, `    at file:///x.js:1:2`, `    at node:fs:3:4`), which
 * must never reach a user. Stylish output also has `at <key path>` lines; those have no file:line:col.
 */
export const STACK_TRACE_LINE = /^\s+at (?:async )?(?:[^\s(]+ \()?(?:file:\/\/|\/|node:|[A-Za-z]:\\)[^\s)]*:\d+:\d+\)?\s*$/m;
