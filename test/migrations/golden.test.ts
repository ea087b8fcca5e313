import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrateDocument } from "../../src/migrations/index.js";
import { parseConfig } from "../../src/stages/parse.js";

/**
 * Each folder of cases/ holds `before.<ext>` and `after.<ext>` (compared byte for byte with the
 * migrated text) and, when the migration reports something, `diagnostics.txt`: one
 * `line:column severity code message` line per finding.
 */
const CASES_DIR = join(import.meta.dirname, "cases");

function migrate(text: string, file: string) {
  const parsed = parseConfig(text, file);
  if (!parsed.document) throw new Error(`${file} does not parse`);
  return migrateDocument(parsed.document);
}

describe("migration golden files", () => {
  const cases = readdirSync(CASES_DIR).sort();

  it("has the cases issue 4 asks for", () => {
    expect(cases).toEqual(["already-migrated", "both-keys", "comments-everywhere", "crlf-tabs", "last-and-only-member", "trailing-commas-list-and-entries"]);
  });

  it.each(cases)("%s", (name) => {
    const dir = join(CASES_DIR, name);
    const beforeFile = readdirSync(dir).find((f) => f.startsWith("before.")) as string;
    const afterFile = beforeFile.replace("before.", "after.");
    const before = readFileSync(join(dir, beforeFile), "utf8");
    const expected = readFileSync(join(dir, afterFile));

    const result = migrate(before, beforeFile);
    const after = result.files[0]?.after ?? before;
    expect(Buffer.from(after, "utf8").equals(expected) ? "same bytes" : after).toBe("same bytes");

    const diagnosticsFile = join(dir, "diagnostics.txt");
    const expectedDiagnostics = existsSync(diagnosticsFile) ? readFileSync(diagnosticsFile, "utf8").split("\n").filter(Boolean) : [];
    expect(result.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.code} ${d.message}`)).toEqual(expectedDiagnostics);

    // A second run finds nothing to change.
    const again = migrate(after, beforeFile);
    expect(again.files).toEqual([]);
    expect(again.steps).toEqual([]);
  });
});
