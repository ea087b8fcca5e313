// Bundles the CLI and the library with esbuild so a run loads one module (cold start matters in pre-commit).
import { build } from "esbuild";
import { chmodSync, rmSync } from "node:fs";

rmSync("dist", { recursive: true, force: true });
const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  splitting: true,
  outdir: "dist",
  packages: "bundle",
  legalComments: "none",
  banner: { js: "import { createRequire as __ocCreateRequire } from 'node:module'; const require = __ocCreateRequire(import.meta.url);" },
  logLevel: "warning",
};
await build({ ...common, entryPoints: { cli: "src/cli.ts", index: "src/index.ts" } });
chmodSync("dist/cli.js", 0o755);
