// Bundles the CLI and the library with esbuild (cold start matters in pre-commit):
// - dist/index.js (+ chunks): the ESM library, and dist/types/: its declarations (package.json `types`);
// - dist/cli-fast.bundle.cjs and dist/cli.bundle.cjs: the CLI's fast path and the whole CLI, each one
//   CommonJS function expression, ASCII only, loaded by dist/cli.cjs (the bin) through a V8 code
//   cache (dist/<name>.bundle.cache) made here by one representative run (docs/decisions/0005).
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
// The library's declarations, for TypeScript users of `import ... from "openclaw-config"`.
const types = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { encoding: "utf8" });
if (types.status !== 0) throw new Error(`build: emitting dist/types failed (exit ${types.status})\n${types.stdout}${types.stderr}`);

// The CLI: two CommonJS bundles run by dist/cli.cjs (scripts/cli-loader.cjs, docs/decisions/0005).
// `cli-fast` is what the pre-commit hooks load: `--version`, `lint`, `check` and `migrate` without
// yargs and the other commands; `cli` is the whole CLI, for everything else and when the fast one declines.
// Each has a representative warm-up run whose compiled code becomes its code cache (below): the fast
// bundle lints the example configs (the second has schema problems, so wording them with the Zod
// schemas is compiled too); the whole CLI, used for the other commands, resolves one.
const bundles = [
  { name: "cli-fast", entry: "src/cli-fast.ts", warmUp: ["lint", "--format", "json", "fixtures/openclaw.json5", "fixtures/schema-errors.json5"] },
  { name: "cli", entry: "src/cli.ts", warmUp: ["resolve", "fixtures/openclaw.json5"] },
];
for (const { name, entry } of bundles) {
  const file = `dist/${name}.bundle.cjs`;
  await build({
    ...common,
    format: "cjs",
    outfile: file,
    entryPoints: [entry],
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
  const bundled = readFileSync(file, "utf8").replace(/^#!.*\n/, "");
  if (/[^\x00-\x7f]/.test(bundled)) throw new Error(`build: ${file} is not pure ASCII (the loader reads it as latin1)`);
  writeFileSync(file, `(function (exports, require, module, __filename, __dirname) {${bundled}\n})`);
}
copyFileSync("scripts/cli-loader.cjs", "dist/cli.cjs");
chmodSync("dist/cli.cjs", 0o755);

// The warm-ups run once both bundles and the bin are in place (a declined fast path loads the whole CLI).
for (const { name, warmUp } of bundles) {
  const warm = spawnSync(process.execPath, ["dist/cli.cjs", ...warmUp], {
    env: { ...process.env, OPENCLAW_CONFIG_WRITE_CODE_CACHE: name },
    encoding: "utf8",
  });
  if (warm.status !== 0 && warm.status !== 1) {
    process.stderr.write(`build: the warm-up run of ${name} failed (exit ${warm.status}); continuing without its code cache\n${warm.stderr}`);
    rmSync(`dist/${name}.bundle.cache`, { force: true });
  }
}
