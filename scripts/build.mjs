// Bundles the CLI and the library with esbuild (cold start matters in pre-commit):
// - dist/index.js (+ chunks): the ESM library;
// - dist/cli.bundle.cjs: the whole CLI in one CommonJS function expression, ASCII only, loaded by
//   dist/cli.cjs (the bin) through a V8 code cache (dist/cli.bundle.cache) made here by one
//   representative run (docs/decisions/0005).
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  packages: "bundle",
  legalComments: "none",
  logLevel: "warning",
};
await build({
  ...common,
  format: "esm",
  splitting: true,
  outdir: "dist",
  entryPoints: { index: "src/index.ts" },
  banner: { js: "import { createRequire as __ocCreateRequire } from 'node:module'; const require = __ocCreateRequire(import.meta.url);" },
});
await build({
  ...common,
  format: "cjs",
  outfile: "dist/cli.bundle.cjs",
  entryPoints: ["src/cli.ts"],
  // Loaded only by --openclaw-schema and migrate's diff: resolved from node_modules when used, so a
  // plain lint does not read and compile them.
  external: ["ajv", "ajv/*", "diff"],
  // The bundle runs through vm.Script, which has no dynamic-import hook on Node 20: lazy imports
  // become require() calls.
  supported: { "dynamic-import": false },
  define: { "import.meta.url": "__ocImportMetaUrl" },
  banner: { js: "var __ocImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Less text to read and hold in memory at every start; names are kept, so stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  // ASCII lets the loader read the file as latin1 into a one-byte string (half the memory, no decoding).
  charset: "ascii",
});
// The loader compiles the file as it is: wrap it here, once, instead of at every start. The entry's
// shebang line is not JavaScript inside a function.
const bundled = readFileSync("dist/cli.bundle.cjs", "utf8").replace(/^#!.*\n/, "");
if (/[^\x00-\x7f]/.test(bundled)) throw new Error("build: dist/cli.bundle.cjs is not pure ASCII (the loader reads it as latin1)");
writeFileSync("dist/cli.bundle.cjs", `(function (exports, require, module, __filename, __dirname) {${bundled}\n})`);
copyFileSync("scripts/cli-loader.cjs", "dist/cli.cjs");
chmodSync("dist/cli.cjs", 0o755);

// One lint of the example configs compiles the code a lint run needs; its code cache is kept. The
// second file has schema problems, so wording them (the Zod schemas) is compiled too.
const warm = spawnSync(process.execPath, ["dist/cli.cjs", "lint", "--format", "json", "fixtures/openclaw.json5", "fixtures/schema-errors.json5"], {
  env: { ...process.env, OPENCLAW_CONFIG_WRITE_CODE_CACHE: "1" },
  encoding: "utf8",
});
if (warm.status !== 0 && warm.status !== 1) {
  process.stderr.write(`build: the warm-up lint failed (exit ${warm.status}); continuing without a code cache\n${warm.stderr}`);
  rmSync("dist/cli.bundle.cache", { force: true });
}
