import type { Diagnostic, TextEdit } from "../diagnostics/diagnostic.js";
import { compareDiagnostics } from "../diagnostics/diagnostic.js";
import type { ConfigDocument } from "../document/document.js";
import { applyEdits, sortEdits } from "../document/edits.js";
import { parseConfig } from "../stages/parse.js";
import type { Migration } from "./migration.js";
import { MIGRATIONS } from "./registry.js";

export type { Migration, MigrationMeta, MigrationResult, MigrationSubject } from "./migration.js";
export { defineMigration } from "./migration.js";
export { MIGRATIONS } from "./registry.js";

/** One migration that changed something; its edits index `text`, the file as it was before this step. */
export interface MigrationStep {
  id: string;
  edits: TextEdit[];
  text: string;
}

/** A file's text before and after every migration. */
export interface MigratedFile {
  file: string;
  before: string;
  after: string;
}

/** What migrating a document produced. */
export interface MigrateResult {
  /** Files whose text changed (empty when nothing is pending). */
  files: MigratedFile[];
  /** The migrations that changed something, in the order they ran. */
  steps: MigrationStep[];
  /** What could not be migrated, and internal failures (the step is then skipped, never half applied). */
  diagnostics: Diagnostic[];
  /** The document after every migration (the input when nothing changed). */
  document: ConfigDocument;
}

/**
 * Runs the migrations in registry order over one document. Each step's edits are applied and the
 * text re-parsed before the next step runs, so a later migration sees the earlier one's output;
 * a step whose edits conflict or would leave the file unparsable is skipped and reported.
 */
export function migrateDocument(doc: ConfigDocument, migrations: readonly Migration[] = MIGRATIONS): MigrateResult {
  const steps: MigrationStep[] = [];
  const diagnostics: Diagnostic[] = [];
  let current = doc;
  const failed = (id: string, message: string): Diagnostic => ({
    code: "migrate/failed",
    severity: "error",
    message: `Migration ${id} was not applied: ${message}`,
    file: current.file,
    range: current.lines.range(0, 0),
    path: [],
    notes: ["This is a bug in openclaw-config; the file was left as it was. Please report it with the file."],
  });

  for (const migration of migrations) {
    const id = migration.meta.id;
    let result;
    try {
      result = migration.migrate(current);
    } catch (error) {
      diagnostics.push(failed(id, `it threw ${(error as Error)?.message ?? String(error)}.`));
      continue;
    }
    diagnostics.push(...result.diagnostics);
    if (result.edits.length === 0) continue;
    const foreign = result.edits.find((edit) => edit.file !== current.file);
    if (foreign) {
      diagnostics.push(failed(id, `it edits ${foreign.file}, which is not part of this document.`));
      continue;
    }
    const applied = applyEdits(current.text, result.edits);
    if (!applied.ok) {
      diagnostics.push(failed(id, applied.error));
      continue;
    }
    const reparsed = parseConfig(applied.text, current.file);
    if (!reparsed.document) {
      diagnostics.push(failed(id, `its output does not parse: ${reparsed.diagnostics[0]?.message ?? "unknown error."}`));
      continue;
    }
    steps.push({ id, edits: sortEdits(result.edits), text: current.text });
    current = reparsed.document;
  }

  diagnostics.sort(compareDiagnostics);
  const files = current.text === doc.text ? [] : [{ file: doc.file, before: doc.text, after: current.text }];
  return { files, steps, diagnostics, document: current };
}
