#!/usr/bin/env node
"use strict";
// openclaw-config CLI entry (CommonJS: Node's ES module loader alone costs a pre-commit run ~10 ms).
// Compiles the single-file bundle with the V8 code cache made at build time, so most of the
// compile work is skipped (docs/decisions/0005). Without a usable cache (another Node version, a
// missing file) it compiles normally.
const { readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { Script } = require("node:vm");

const bundlePath = join(__dirname, "cli.bundle.cjs");
const cachePath = join(__dirname, "cli.bundle.cache");
// The build writes the bundle as pure ASCII, already wrapped in a CommonJS function expression, so
// it is read straight into a one-byte string (no UTF-8 decoding, no copy to add the wrapper).
const source = readFileSync(bundlePath, "latin1");
let cachedData;
try {
  cachedData = readFileSync(cachePath);
} catch {
  cachedData = undefined;
}
const script = new Script(source, { filename: bundlePath, ...(cachedData ? { cachedData } : {}) });
const bundleModule = { exports: {} };
// The bundle sits next to this file, so this file's `require` resolves its external packages (ajv, diff).
script.runInThisContext()(bundleModule.exports, require, bundleModule, bundlePath, __dirname);
if (process.env.OPENCLAW_CONFIG_WRITE_CODE_CACHE === "1") {
  // Build step: after a representative run, store the compiled code (lazily compiled functions included).
  process.on("exit", () => writeFileSync(cachePath, script.createCachedData()));
}
