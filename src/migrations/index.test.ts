import { describe, expect, it } from "vitest";
import type { ConfigDocument } from "../document/document.js";
import { isMemberOrigin, renameKey } from "../document/edits.js";
import { parseConfig } from "../stages/parse.js";
import { migrateDocument } from "./index.js";
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
