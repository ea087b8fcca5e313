import type { Diagnostic, TextEdit } from "../diagnostics/diagnostic.js";
import { compareDiagnostics } from "../diagnostics/diagnostic.js";
import type { ConfigDocument } from "../document/document.js";
import { applyEdits, groupEditsByFile, sortEdits } from "../document/edits.js";
import type { IncludeOptions } from "../stages/includes.js";
import { resolveIncludes } from "../stages/includes.js";
import { parseConfig } from "../stages/parse.js";
import type { Migration, MigrationSubject } from "./migration.js";
import { MIGRATIONS } from "./registry.js";

export type { Migration, MigrationMeta, MigrationResult, MigrationSubject } from "./migration.js";
export { defineMigration } from "./migration.js";
export { MIGRATIONS } from "./registry.js";

/**
 * One migration that changed something. Its edits index the text each file had before this step:
 * `text` for the root file, `includedTexts[file]` for an included file it edited.
 */
export interface MigrationStep {
  id: string;
  edits: TextEdit[];
  text: string;
  /** Before this step, the text of each included file it edited (absent when it edited only the root). */
  includedTexts?: Record<string, string>;
}

/** A file's text before and after every migration. */
export interface MigratedFile {
  file: string;
  before: string;
  after: string;
}

/** What migrating a document produced. */
export interface MigrateResult {
  /** Files whose text changed, the root first (empty when nothing is pending). */
  files: MigratedFile[];
  /** The migrations that changed something, in the order they ran. */
  steps: MigrationStep[];
  /** What could not be migrated, and internal failures (the step is then skipped, never half applied). */
  diagnostics: Diagnostic[];
  /** The root document after every migration (the input when nothing changed). */
  document: ConfigDocument;
}

/** What migrating a config and the files it `$include`s produced. */
export interface MigrateConfigResult extends MigrateResult {
  /** Absolute path of every file that took part, by display name, the root first. */
  paths: Map<string, string>;
  /** Text of every file that took part, as it was read, by display name, the root first. */
  sources: Map<string, string>;
  /** What resolving `$include` reported: missing, cyclic or out-of-folder includes, included files that do not parse. */
  includeDiagnostics: Diagnostic[];
}

/**
 * Runs the migrations in registry order over one document. Each step's edits are applied and the
 * text re-parsed before the next step runs, so a later migration sees the earlier one's output;
 * a step whose edits conflict, edit another file or would leave the file unparsable is skipped and
 * reported. `$include` is not followed: see migrateConfig.
 */
export function migrateDocument(doc: ConfigDocument, migrations: readonly Migration[] = MIGRATIONS): MigrateResult {
  return runMigrations(doc, (root) => ({ subject: root, documents: new Map([[root.file, root]]) }), migrations).result;
}

/**
 * Runs the migrations over a config merged from its `$include`d files, so each edit lands in the
 * file that holds the key (the root or an included file). Each step sees the previous steps'
 * output; included files are read from disk, so once a step has changed an included file, a later
 * migration with something to do waits for the next run (reported as `migrate/deferred`).
 */
export function migrateConfig(root: ConfigDocument, options: IncludeOptions, migrations: readonly Migration[] = MIGRATIONS): MigrateConfigResult {
  const resolveSubject = (doc: ConfigDocument): Resolved => {
    const included = resolveIncludes(doc, options);
    return { subject: { file: doc.file, value: included.value, sourceMap: included.sourceMap }, documents: included.documents, paths: included.paths, diagnostics: included.diagnostics };
  };
  const first = resolveSubject(root);
  const { result, sources } = runMigrations(root, resolveSubject, migrations, first);
  return { ...result, paths: first.paths ?? new Map(), sources, includeDiagnostics: [...(first.diagnostics ?? [])].sort(compareDiagnostics) };
}

/** A merged subject and the parsed files its origins point into. */
interface Resolved {
  subject: MigrationSubject;
  documents: Map<string, ConfigDocument>;
  paths?: Map<string, string>;
  diagnostics?: Diagnostic[];
}

function runMigrations(
  doc: ConfigDocument,
  resolveSubject: (root: ConfigDocument) => Resolved,
  migrations: readonly Migration[],
  first?: Resolved,
): { result: MigrateResult; sources: Map<string, string> } {
  const steps: MigrationStep[] = [];
  const diagnostics: Diagnostic[] = [];
  let root = doc;
  // Text of every file as read, and as the steps so far left it; the root first.
  const original = new Map<string, string>();
  const current = new Map<string, string>();
  let resolved = first ?? resolveSubject(doc);
  let resolvedRoot = doc;
  const failed = (id: string, message: string): Diagnostic => ({
    code: "migrate/failed",
    severity: "error",
    message: `Migration ${id} was not applied: ${message}`,
    file: root.file,
    range: root.lines.range(0, 0),
    path: [],
    notes: ["This is a bug in openclaw-config; the file was left as it was. Please report it with the file."],
  });

  for (const migration of migrations) {
    const id = migration.meta.id;
    if (resolvedRoot !== root) {
      resolved = resolveSubject(root);
      resolvedRoot = root;
    }
    for (const [file, d] of resolved.documents) {
      if (!original.has(file)) {
        original.set(file, d.text);
        current.set(file, d.text);
      }
    }
    let result;
    try {
      result = migration.migrate(resolved.subject);
    } catch (error) {
      diagnostics.push(failed(id, `it threw ${(error as Error)?.message ?? String(error)}.`));
      continue;
    }
    // Included files come from disk: once a step changed one, this subject no longer shows it as it now is.
    const stale = [...resolved.documents].find(([file, d]) => file !== root.file && d.text !== current.get(file));
    if (stale && (result.edits.length > 0 || result.diagnostics.length > 0)) {
      diagnostics.push({
        code: "migrate/deferred",
        severity: "info",
        message: `Migration ${id} waits for the next run: an earlier migration changed ${stale[0]}, which it reads.`,
        file: root.file,
        range: root.lines.range(0, 0),
        path: [],
        notes: ["Apply these changes (migrate --write), then run migrate again."],
      });
      continue;
    }
    diagnostics.push(...result.diagnostics);
    if (result.edits.length === 0) continue;

    const next = applyStep(result.edits, resolved.documents, current, root.file);
    if (!next.ok) {
      diagnostics.push(failed(id, next.error));
      continue;
    }
    const includedTexts: Record<string, string> = {};
    for (const file of next.texts.keys()) if (file !== root.file) includedTexts[file] = current.get(file) as string;
    steps.push({ id, edits: sortEdits(result.edits), text: root.text, ...(Object.keys(includedTexts).length > 0 ? { includedTexts } : {}) });
    for (const [file, text] of next.texts) current.set(file, text);
    if (next.root) root = next.root;
  }

  diagnostics.sort(compareDiagnostics);
  const files: MigratedFile[] = [];
  for (const [file, before] of original) {
    const after = current.get(file) as string;
    if (after !== before) files.push({ file, before, after });
  }
  return { result: { files, steps, diagnostics, document: root }, sources: original };
}

type StepOutcome = { ok: true; texts: Map<string, string>; root?: ConfigDocument } | { ok: false; error: string };

/** Applies one step's edits file by file; nothing is kept unless every file takes its edits and still parses. */
function applyStep(edits: readonly TextEdit[], documents: Map<string, ConfigDocument>, current: Map<string, string>, rootFile: string): StepOutcome {
  const texts = new Map<string, string>();
  let root: ConfigDocument | undefined;
  for (const [file, group] of groupEditsByFile(edits)) {
    const text = current.get(file);
    if (!documents.has(file) || text === undefined) return { ok: false, error: `it edits ${file}, which is not part of this document.` };
    const applied = applyEdits(text, group);
    if (!applied.ok) return applied;
    const reparsed = parseConfig(applied.text, file);
    // An included file may hold an array (an `agents.list` of its own); only the root must be an object.
    const parses = reparsed.document !== undefined || (file !== rootFile && reparsed.diagnostics.every((d) => d.code === "parse/root-not-object"));
    if (!parses) {
      const where = file === rootFile ? "" : ` in ${file}`;
      return { ok: false, error: `its output${where} does not parse: ${reparsed.diagnostics[0]?.message ?? "unknown error."}` };
    }
    if (file === rootFile) root = reparsed.document;
    texts.set(file, applied.text);
  }
  return { ok: true, texts, ...(root ? { root } : {}) };
}
