#!/usr/bin/env node
"use strict";
// openclaw-config CLI entry (CommonJS: Node's ES module loader alone costs a pre-commit run ~10 ms).
// The CLI is built as two bundles (docs/decisions/0005): `cli-fast` runs `--version`, `lint`,
// `check` and `migrate` with plain options and leaves out yargs and the other commands; `cli` is the whole CLI.
// Each is compiled with the V8 code cache made at build time, so most of the compile work is
// skipped. Without a usable cache (another Node version, a missing file) it compiles normally.
const { readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { Script } = require("node:vm");

/** Compiles and runs dist/<name>.bundle.cjs; returns its exports. */
function load(name) {
  const bundlePath = join(__dirname, `${name}.bundle.cjs`);
  const cachePath = join(__dirname, `${name}.bundle.cache`);
  // The build writes each bundle as pure ASCII, already wrapped in a CommonJS function expression,
  // so it is read straight into a one-byte string (no UTF-8 decoding, no copy to add the wrapper).
  const source = readFileSync(bundlePath, "latin1");
  let cachedData;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(source, { filename: bundlePath, ...(cachedData ? { cachedData } : {}) });
  const bundleModule = { exports: {} };
  // The bundles sit next to this file, so this file's `require` resolves their external packages (ajv, diff).
  script.runInThisContext()(bundleModule.exports, require, bundleModule, bundlePath, __dirname);
  if (process.env.OPENCLAW_CONFIG_WRITE_CODE_CACHE === name) {
    // Build step: after a representative run, store the compiled code (lazily compiled functions included).
    process.on("exit", () => writeFileSync(cachePath, script.createCachedData()));
  }
  return bundleModule.exports;
}

/** The commands src/cli/fast-path.ts runs (a test checks the two lists agree). */
const FAST_COMMANDS = ["lint", "check", "migrate"];

const argv = process.argv.slice(2);
if (FAST_COMMANDS.includes(argv[0]) || (argv.length === 1 && argv[0] === "--version")) {
  // The fast bundle declines (having read and written nothing) when the arguments need yargs, such as `lint --help`.
  load("cli-fast")
    .runFast(argv)
    .then(
      (done) => {
        if (!done) load("cli");
      },
      (error) => {
        process.stderr.write(`openclaw-config: internal error: ${error && error.message ? error.message : String(error)}\n`);
        process.exitCode = 2;
      },
    );
} else {
  load("cli");
}
