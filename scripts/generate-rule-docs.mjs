// Writes docs/rules/<id>.md and docs/rules/README.md from the rule metadata in src/rules (the single
// source). `--check` writes nothing and exits 1 when a page is missing, stale or left over.
// The rules are TypeScript, so they are bundled with esbuild into a temporary module first.
import { build } from "esbuild";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const docsDir = join(root, "docs", "rules");
const check = process.argv.includes("--check");

// Inside the repository, so the bundle's bare imports (zod, …) resolve to node_modules.
const cacheDir = join(root, "node_modules", ".cache");
mkdirSync(cacheDir, { recursive: true });
const temp = mkdtempSync(join(cacheDir, "openclaw-rule-docs-"));
let pages;
try {
  const entry = join(temp, "entry.mjs");
  await build({
    stdin: {
      contents: [
        'import { RULES } from "./src/rules/registry.ts";',
        'import { renderRuleDocFile, renderRuleIndex } from "./src/report/rule-page.ts";',
        "export const pages = new Map(RULES.map((r) => [`${r.meta.id}.md`, renderRuleDocFile(r.meta)]));",
        'pages.set("README.md", renderRuleIndex(RULES.map((r) => r.meta)));',
      ].join("\n"),
      resolveDir: root,
      loader: "ts",
      sourcefile: "generate-rule-docs-entry.ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: entry,
    packages: "external",
    logLevel: "warning",
  });
  ({ pages } = await import(pathToFileURL(entry).href));
} finally {
  rmSync(temp, { recursive: true, force: true });
}

mkdirSync(docsDir, { recursive: true });
const existing = readdirSync(docsDir).filter((f) => f.endsWith(".md"));
const problems = [];
for (const [name, text] of pages) {
  const path = join(docsDir, name);
  let current;
  try {
    current = readFileSync(path, "utf8");
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  if (check) problems.push(`${current === undefined ? "missing" : "stale"}: docs/rules/${name}`);
  else writeFileSync(path, text);
}
for (const name of existing) {
  if (pages.has(name)) continue;
  if (check) problems.push(`no rule for: docs/rules/${name}`);
  else rmSync(join(docsDir, name));
}

if (problems.length > 0) {
  process.stderr.write(`${problems.join("\n")}\nRun 'node scripts/generate-rule-docs.mjs' to regenerate the rule pages.\n`);
  process.exitCode = 1;
} else if (!check) {
  process.stdout.write(`docs/rules: ${pages.size - 1} rule page${pages.size === 2 ? "" : "s"} and the index are up to date.\n`);
}
