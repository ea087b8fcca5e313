// Writes schemas/openclaw-config.schema.json and src/schema/config-check.generated.ts from the Zod
// schemas (src/stages/emit-schema.ts).
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
const { SCHEMA_FILE, formatJsonSchema, CONFIG_CHECK_FILE, formatConfigCheck } = await import(`data:text/javascript;base64,${Buffer.from(source).toString("base64")}`);

const check = formatConfigCheck();
// Parts of the schema the predicate leaves to Zod (a valid config there is slower to lint, not wrong).
for (const part of check.unsupported) process.stderr.write(`note: ${CONFIG_CHECK_FILE} leaves ${part} to Zod\n`);

let stale = 0;
for (const [file, text] of [
  [SCHEMA_FILE, formatJsonSchema()],
  [CONFIG_CHECK_FILE, check.text],
]) {
  const target = join(root, file);
  let current;
  try {
    current = readFileSync(target, "utf8");
  } catch {
    current = undefined;
  }
  if (process.argv.includes("--check")) {
    if (current !== text) {
      process.stderr.write(`${file} is out of date; run: node scripts/generate-schema.mjs\n`);
      stale++;
    } else process.stdout.write(`${file} is up to date\n`);
  } else if (current === text) {
    process.stdout.write(`${file} unchanged\n`);
  } else {
    writeFileSync(target, text);
    process.stdout.write(`wrote ${file}\n`);
  }
}
if (stale > 0) process.exit(1);
