#!/usr/bin/env node
// openclaw-config CLI entry. Loads the single-file CommonJS bundle through V8's code cache, made
// at build time, so a pre-commit run skips most of the compile work (docs/decisions/0005).
// Without a usable cache (another Node version, a missing file) it compiles normally.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const here = dirname(fileURLToPath(import.meta.url));
const bundlePath = join(here, "cli.bundle.cjs");
const cachePath = join(here, "cli.bundle.cache");
// The bundle keeps the entry file's shebang line; it is not JavaScript inside a function.
const source = readFileSync(bundlePath, "utf8").replace(/^#!.*/, "");
let cachedData;
try {
  cachedData = readFileSync(cachePath);
} catch {
  cachedData = undefined;
}
const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
const script = new Script(wrapper, { filename: bundlePath, ...(cachedData ? { cachedData } : {}) });
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundlePath), module, bundlePath, here);
if (process.env.OPENCLAW_CONFIG_WRITE_CODE_CACHE === "1") {
  // Build step: after a representative run, store the compiled code (lazily compiled functions included).
  process.on("exit", () => {
    const { writeFileSync } = createRequire(bundlePath)("node:fs");
    writeFileSync(cachePath, script.createCachedData());
  });
}
