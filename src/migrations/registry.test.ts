import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MIGRATIONS } from "./registry.js";

/** Files of this folder that are the framework, not migrations. */
const FRAMEWORK = new Set(["index.ts", "migration.ts", "registry.ts"]);

describe("migration registry", () => {
  const files = readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !FRAMEWORK.has(f))
    .map((f) => f.slice(0, -".ts".length))
    .sort();
  const ids = MIGRATIONS.map((m) => m.meta.id);

  it("registers every migration file, under its file name", () => {
    expect([...ids].sort()).toEqual(files);
  });

  it("has no duplicate ids", () => {
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it("has a test beside every migration", () => {
    const tests = new Set(readdirSync(import.meta.dirname).filter((f) => f.endsWith(".test.ts")));
    expect(files.filter((f) => !tests.has(`${f}.test.ts`))).toEqual([]);
  });

  it.each(MIGRATIONS.map((m) => m.meta))("$id has a kebab-case id and a one-sentence description", (meta) => {
    expect(meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(meta.description).toMatch(/^[A-Z].*\.$/);
  });
});
