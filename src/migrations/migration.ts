import type { Diagnostic, TextEdit } from "../diagnostics/diagnostic.js";
import type { ConfigDocument } from "../document/document.js";

/** Static description of a migration; the id is also its file name. */
export interface MigrationMeta {
  /** Stable kebab-case id, e.g. `cache-control-ttl-to-retention`. */
  id: string;
  /** One sentence: what the migration rewrites. */
  description: string;
}

/**
 * What a migration reads: the config value and the origin of every member. A ConfigDocument is
 * one; a config merged from `$include`d files is another, whose origins point into several files.
 */
export type MigrationSubject = Pick<ConfigDocument, "file" | "value" | "sourceMap">;

/** What a migration produces: edits on the original text of the files holding the keys, and findings it could not migrate. */
export interface MigrationResult {
  /** Each edit names its own file (the file that holds the key), so included files are edited in place. */
  edits: TextEdit[];
  diagnostics: Diagnostic[];
}

/** A migration: metadata plus one function from a parsed config to text edits. */
export interface Migration {
  meta: MigrationMeta;
  migrate(subject: MigrationSubject): MigrationResult;
}

/** Identity function that types a migration definition. */
export function defineMigration(migration: Migration): Migration {
  return migration;
}
