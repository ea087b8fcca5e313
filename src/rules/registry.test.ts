import { readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { RULES } from "./registry.js";
import type { Rule } from "./rule.js";

const RULES_DIR = dirname(fileURLToPath(import.meta.url));
/** Files of src/rules/ that are the framework, not rules. Adding one here is a deliberate decision. */
const FRAMEWORK = new Set(["context.ts", "registry.ts", "rule.ts", "rule-test-kit.ts"]);
const DOC_FIELDS = ["checks", "why", "invalid", "valid", "fix"] as const;

/** Every rule file: src/rules/*.ts except tests and the framework. */
const ruleFiles = readdirSync(RULES_DIR)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !FRAMEWORK.has(f))
  .sort();

function isRule(value: unknown): value is Rule<never> {
  const meta = (value as { meta?: { id?: unknown } } | null)?.meta;
  return typeof meta?.id === "string" && typeof (value as { check?: unknown }).check === "function";
}

describe("rule registry", () => {
  it("has rule files to check", () => {
    expect(ruleFiles.length).toBeGreaterThan(0);
  });

  it.each(ruleFiles)("%s exports one rule, named after the file, and it is registered", async (file) => {
    const module = (await import(pathToFileURL(join(RULES_DIR, file)).href)) as Record<string, unknown>;
    const rules = Object.values(module).filter(isRule);
    expect(rules.map((r) => r.meta.id)).toEqual([basename(file, ".ts")]);
    expect(RULES).toContain(rules[0]);
  });

  it("registers each rule once, sorted by id, each from its own file", () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
    expect(ids.map((id) => `${id}.ts`).filter((f) => !ruleFiles.includes(f))).toEqual([]);
  });

  it.each(RULES.map((r) => [r.meta.id, r] as const))("%s has complete metadata and docs", (id, rule) => {
    expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(rule.meta.description.trim()).not.toBe("");
    expect(["error", "warning", "info"]).toContain(rule.meta.defaultSeverity);
    expect(["fix", "suggestion", "none"]).toContain(rule.meta.fixable);
    const empty = DOC_FIELDS.filter((field) => typeof rule.meta.docs?.[field] !== "string" || rule.meta.docs[field].trim() === "");
    expect(empty).toEqual([]);
    // The example of what the rule reports must differ from the fixed one.
    expect(rule.meta.docs.invalid).not.toBe(rule.meta.docs.valid);
  });
});
