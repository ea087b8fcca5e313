import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConfigDocument } from "../document/document.js";
import { isMemberOrigin, renameKey } from "../document/edits.js";
import { parseConfig } from "../stages/parse.js";
import { migrateConfig, migrateDocument } from "./index.js";
import type { Migration, MigrationResult } from "./migration.js";
import { defineMigration } from "./migration.js";

function parse(text: string): ConfigDocument {
  const parsed = parseConfig(text, "openclaw.json5");
  if (!parsed.document) throw new Error("fixture does not parse");
  return parsed.document;
}

/** A migration that renames top-level key `from` to `to`. */
function renameTopLevel(from: string, to: string): Migration {
  return defineMigration({
    meta: { id: `rename-${from}-to-${to}`, description: `Renames ${from} to ${to}.` },
    migrate(subject) {
      const origin = subject.sourceMap.get(subject.value as object, from);
      if (!origin || !isMemberOrigin(origin)) return { edits: [], diagnostics: [] };
      return { edits: [renameKey(origin.doc, origin, to)], diagnostics: [] };
    },
  });
}

function fixed(id: string, result: () => MigrationResult): Migration {
  return defineMigration({ meta: { id, description: "Test." }, migrate: result });
}

describe("migrateDocument", () => {
  it("runs migrations in order, each on the previous one's output", () => {
    const result = migrateDocument(parse("{ a: 1 } // end\n"), [renameTopLevel("a", "b"), renameTopLevel("b", "c")]);
    expect(result.files).toEqual([{ file: "openclaw.json5", before: "{ a: 1 } // end\n", after: "{ c: 1 } // end\n" }]);
    expect(result.steps).toEqual([
      { id: "rename-a-to-b", edits: [{ file: "openclaw.json5", start: 2, end: 3, text: "b" }], text: "{ a: 1 } // end\n" },
      { id: "rename-b-to-c", edits: [{ file: "openclaw.json5", start: 2, end: 3, text: "c" }], text: "{ b: 1 } // end\n" },
    ]);
    expect(result.document.value).toEqual({ c: 1 });
    expect(result.diagnostics).toEqual([]);
  });

  it("reports nothing pending when no migration applies", () => {
    const doc = parse("{ x: 1 }");
    const result = migrateDocument(doc, [renameTopLevel("a", "b")]);
    expect(result).toEqual({ files: [], steps: [], diagnostics: [], document: doc });
  });

  const failures: { name: string; migration: Migration; message: string }[] = [
    {
      name: "a migration that throws",
      migration: fixed("throws", () => {
        throw new Error("boom");
      }),
      message: "Migration throws was not applied: it threw boom.",
    },
    {
      name: "overlapping edits",
      migration: fixed("overlaps", () => ({
        edits: [
          { file: "openclaw.json5", start: 0, end: 3, text: "" },
          { file: "openclaw.json5", start: 2, end: 4, text: "" },
        ],
        diagnostics: [],
      })),
      message: 'Migration overlaps was not applied: Edit [2, 4) → "" overlaps edit [0, 3) → "".',
    },
    {
      name: "output that does not parse",
      migration: fixed("breaks", () => ({ edits: [{ file: "openclaw.json5", start: 0, end: 1, text: "[" }], diagnostics: [] })),
      message: 'Migration breaks was not applied: its output does not parse: Unexpected "a" (not valid JSON5).',
    },
    {
      name: "an edit to another file",
      migration: fixed("elsewhere", () => ({ edits: [{ file: "other.json5", start: 0, end: 0, text: "x" }], diagnostics: [] })),
      message: "Migration elsewhere was not applied: it edits other.json5, which is not part of this document.",
    },
  ];
  it.each(failures)("skips and reports $name, and still runs the next migration", ({ migration, message }) => {
    const result = migrateDocument(parse("{ a: 1 }"), [migration, renameTopLevel("a", "b")]);
    expect(result.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message }))).toEqual([
      { code: "migrate/failed", severity: "error", message },
    ]);
    expect(result.files).toEqual([{ file: "openclaw.json5", before: "{ a: 1 }", after: "{ b: 1 }" }]);
  });
});

describe("migrateConfig", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "occ-migrate-config-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Writes the included files, then migrates `root` as `openclaw.json5` in that folder. */
  function migrate(root: string, included: Record<string, string>, migrations: Migration[]) {
    for (const [name, text] of Object.entries(included)) writeFileSync(join(dir, name), text);
    return migrateConfig(parse(root), { rootPath: join(dir, "openclaw.json5") }, migrations);
  }

  it("edits the included file that holds the key, and records its text before the step", () => {
    const result = migrate('{ $include: "./shared.json5" }\n', { "shared.json5": "{ a: 1 } // shared\n" }, [renameTopLevel("a", "b")]);
    expect(result.files).toEqual([{ file: "shared.json5", before: "{ a: 1 } // shared\n", after: "{ b: 1 } // shared\n" }]);
    expect(result.steps).toEqual([
      {
        id: "rename-a-to-b",
        edits: [{ file: "shared.json5", start: 2, end: 3, text: "b" }],
        text: '{ $include: "./shared.json5" }\n',
        includedTexts: { "shared.json5": "{ a: 1 } // shared\n" },
      },
    ]);
    expect(result.paths).toEqual(new Map([["openclaw.json5", join(dir, "openclaw.json5")], ["shared.json5", join(dir, "shared.json5")]]));
    expect(result.sources).toEqual(new Map([["openclaw.json5", '{ $include: "./shared.json5" }\n'], ["shared.json5", "{ a: 1 } // shared\n"]]));
    expect(result.diagnostics).toEqual([]);
    expect(result.includeDiagnostics).toEqual([]);
  });

  it("runs a later migration on the merged config after an earlier one changed the root", () => {
    const result = migrate('{ a: 1, $include: "./shared.json5" }\n', { "shared.json5": "{ c: 2 }\n" }, [renameTopLevel("a", "b"), renameTopLevel("c", "d")]);
    expect(result.files).toEqual([
      { file: "openclaw.json5", before: '{ a: 1, $include: "./shared.json5" }\n', after: '{ b: 1, $include: "./shared.json5" }\n' },
      { file: "shared.json5", before: "{ c: 2 }\n", after: "{ d: 2 }\n" },
    ]);
    expect(result.steps.map((s) => s.id)).toEqual(["rename-a-to-b", "rename-c-to-d"]);
    expect(result.diagnostics).toEqual([]);
  });

  it("defers a migration to the next run once an earlier one changed an included file", () => {
    const result = migrate('{ $include: "./shared.json5" }\n', { "shared.json5": "{ a: 1, c: 2 }\n" }, [renameTopLevel("a", "b"), renameTopLevel("c", "d")]);
    expect(result.files).toEqual([{ file: "shared.json5", before: "{ a: 1, c: 2 }\n", after: "{ b: 1, c: 2 }\n" }]);
    expect(result.diagnostics.map((d) => ({ code: d.code, severity: d.severity, file: d.file, message: d.message }))).toEqual([
      {
        code: "migrate/deferred",
        severity: "info",
        file: "openclaw.json5",
        message: "Migration rename-c-to-d waits for the next run: an earlier migration changed shared.json5, which it reads.",
      },
    ]);
  });

  it("returns what resolving the includes reported, and migrates what it could load", () => {
    const result = migrate('{ a: 1, gateway: { $include: "./missing.json5" } }\n', {}, [renameTopLevel("a", "b")]);
    expect(result.includeDiagnostics.map((d) => `${d.file} ${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`)).toEqual([
      'openclaw.json5 1:30 include/missing-file Included file "./missing.json5" does not exist (looked for missing.json5).',
    ]);
    expect(result.files).toEqual([
      { file: "openclaw.json5", before: '{ a: 1, gateway: { $include: "./missing.json5" } }\n', after: '{ b: 1, gateway: { $include: "./missing.json5" } }\n' },
    ]);
  });
});
