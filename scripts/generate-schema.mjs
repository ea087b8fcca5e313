// Writes schemas/openclaw-config.schema.json from the Zod schemas (src/stages/emit-schema.ts).
// `--check` exits 1 instead of writing when the committed file is out of date (CI).
// The TypeScript source is bundled in memory with esbuild, so no build step has to run first.
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bundled = await build({
  entryPoints: [join(root, "src/stages/emit-schema.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  write: false,
  logLevel: "warning",
});
const source = bundled.outputFiles[0].text;
const { SCHEMA_FILE, formatJsonSchema } = await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`);

const target = join(root, SCHEMA_FILE);
const text = formatJsonSchema();
let current;
try {
  current = readFileSync(target, "utf8");
} catch {
  current = undefined;
}

if (process.argv.includes("--check")) {
  if (current !== text) {
    process.stderr.write(`${SCHEMA_FILE} is out of date; run: node scripts/generate-schema.mjs\n`);
    process.exit(1);
  }
  process.stdout.write(`${SCHEMA_FILE} is up to date\n`);
} else if (current === text) {
  process.stdout.write(`${SCHEMA_FILE} unchanged\n`);
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
