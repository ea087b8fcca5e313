import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defineMigration } from "../migrations/migration.js";
import { loadConfig } from "./load.js";
import { migrateEffectiveConfig } from "./migrate-effective.js";
import { parseConfig } from "./parse.js";
import { stepsOf } from "./provenance.js";

const migrate = (text: string) => {
  const doc = parseConfig(text, "c.json5").document;
  if (!doc) throw new Error("fixture does not parse");
  return { doc, ...migrateEffectiveConfig(doc.value, doc.sourceMap, doc.file) };
};

describe("migrateEffectiveConfig", () => {
  const cases: { name: string; text: string; value: unknown; codes: string[] }[] = [
    {
      name: "renames the legacy key in place, keeping the key order",
      text: '{ agents: { defaults: { params: { a: 1, cacheControlTtl: "1h", b: 2 } } } }',
      value: { agents: { defaults: { params: { a: 1, cacheRetention: "long", b: 2 } } } },
      codes: [],
    },
    {
      name: "drops a legacy key that agrees with cacheRetention",
      text: '{ agents: { list: [{ id: "x", params: { cacheRetention: "short", cacheControlTtl: "5m" } }] } }',
      value: { agents: { list: [{ id: "x", params: { cacheRetention: "short" } }] } },
      codes: [],
    },
    {
      name: "keeps a conflicting pair and reports it",
      text: '{ agents: { entries: { x: { models: { "anthropic/a": { params: { cacheControlTtl: "1h", cacheRetention: "none" } } } } } } }',
      value: { agents: { entries: { x: { models: { "anthropic/a": { params: { cacheControlTtl: "1h", cacheRetention: "none" } } } } } } },
      codes: ["migrate/conflicting-cache-settings"],
    },
    {
      name: "keeps an invalid legacy value and reports it",
      text: '{ agents: { defaults: { params: { cacheControlTtl: "30m" } } } }',
      value: { agents: { defaults: { params: { cacheControlTtl: "30m" } } } },
      codes: ["migrate/invalid-cache-ttl"],
    },
  ];
  it.each(cases)("$name", ({ text, value, codes }) => {
    const result = migrate(text);
    expect(result.value).toEqual(value);
    expect(Object.keys(JSON.parse(JSON.stringify(result.value)))).toEqual(Object.keys(value as object));
    expect(JSON.stringify(result.value)).toBe(JSON.stringify(value));
    expect(result.diagnostics.map((d) => d.code)).toEqual(codes);
  });

  it("keeps the original location and records the migration", () => {
    const { doc, value, applied } = migrate('{\n  agents: {\n    defaults: {\n      params: { cacheControlTtl: "5m" },\n    },\n  },\n}');
    const loc = doc.sourceMap.locate(value, ["agents", "defaults", "params", "cacheRetention"]);
    expect(loc?.range.start).toEqual({ line: 4, column: 34, offset: 63 });
    expect(stepsOf(loc?.origin)).toEqual([
      { kind: "migration", id: "cache-control-ttl-to-retention", description: 'cacheControlTtl "5m" became cacheRetention "short"' },
    ]);
    expect(applied).toEqual(["cache-control-ttl-to-retention"]);
  });

  it("migrates keys that live in an included file", () => {
    const dir = mkdtempSync(join(tmpdir(), "occ-migrate-"));
    try {
      writeFileSync(join(dir, "openclaw.json5"), '{ agents: { $include: "./agents.json5" } }\n');
      writeFileSync(join(dir, "agents.json5"), '{ defaults: { models: { "anthropic/a": { params: { cacheControlTtl: "1h" } } } } }\n');
      const loaded = loadConfig({ file: "openclaw.json5" }, { cwd: dir });
      const result = migrateEffectiveConfig(loaded.value, loaded.sourceMap, "openclaw.json5");
      expect(result.value).toEqual({ agents: { defaults: { models: { "anthropic/a": { params: { cacheRetention: "long" } } } } } });
      expect(loaded.sourceMap.locate(result.value, ["agents", "defaults", "models", "anthropic/a", "params", "cacheRetention"])?.file).toBe("agents.json5");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports an edit that maps to no single value instead of guessing", () => {
    const inserting = defineMigration({
      meta: { id: "insert-something", description: "test" },
      migrate: (subject) => ({ edits: [{ file: subject.file, start: 1, end: 1, text: " added: 1," }], diagnostics: [] }),
    });
    const doc = parseConfig("{ a: 1 }", "c.json5").document;
    if (!doc) throw new Error("fixture does not parse");
    const result = migrateEffectiveConfig(doc.value, doc.sourceMap, doc.file, [inserting]);
    expect(result.value).toEqual({ a: 1 });
    expect(result.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([
      "migrate/not-carried: Migration insert-something changes text that matches no single value; the effective config shows that part unmigrated.",
    ]);
  });

  it("turns a migration that throws into a diagnostic", () => {
    const throwing = defineMigration({
      meta: { id: "broken", description: "test" },
      migrate: () => {
        throw new Error("boom");
      },
    });
    const doc = parseConfig("{ a: 1 }", "c.json5").document;
    if (!doc) throw new Error("fixture does not parse");
    const result = migrateEffectiveConfig(doc.value, doc.sourceMap, doc.file, [throwing]);
    expect(result.value).toEqual({ a: 1 });
    expect(result.diagnostics.map((d) => d.message)).toEqual(["Migration broken was not applied: it threw boom."]);
  });
});
