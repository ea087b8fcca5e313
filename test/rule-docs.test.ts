import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { renderRuleDocFile, renderRuleIndex } from "../src/report/rule-page.js";
import { RULES } from "../src/rules/registry.js";

const ROOT = resolve(import.meta.dirname, "..");
const DOCS = join(ROOT, "docs", "rules");
const REGENERATE = "run `node scripts/generate-rule-docs.mjs` to regenerate docs/rules from the rule metadata";

function readDoc(name: string): string | undefined {
  const path = join(DOCS, name);
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

describe("docs/rules agrees with the rule metadata", () => {
  it.each(RULES.map((r) => [r.meta.id, r.meta] as const))("docs/rules/%s.md", (id, meta) => {
    for (const [field, text] of Object.entries(meta.docs)) expect(text.trim(), `${id}: docs.${field} is empty`).not.toBe("");
    expect(readDoc(`${id}.md`), `docs/rules/${id}.md is missing or stale; ${REGENERATE}`).toBe(renderRuleDocFile(meta));
  });

  it("docs/rules/README.md indexes every rule", () => {
    expect(readDoc("README.md"), `docs/rules/README.md is missing or stale; ${REGENERATE}`).toBe(renderRuleIndex(RULES.map((r) => r.meta)));
  });

  it("has no page for a rule that does not exist", () => {
    const pages = existsSync(DOCS) ? readdirSync(DOCS).filter((f) => f.endsWith(".md") && f !== "README.md") : [];
    const ids = new Set(RULES.map((r) => `${r.meta.id}.md`));
    expect(pages.filter((p) => !ids.has(p)), REGENERATE).toEqual([]);
  });

  it("the generator's --check agrees", () => {
    const run = spawnSync(process.execPath, ["scripts/generate-rule-docs.mjs", "--check"], { cwd: ROOT, encoding: "utf8" });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
  });
});
