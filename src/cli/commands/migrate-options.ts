import type { OptionSpec } from "../option-table.js";

/** Output formats of `migrate`: a unified diff, or the edits as JSON. */
export const MIGRATE_FORMATS = ["diff", "json"] as const;
export type MigrateFormat = (typeof MIGRATE_FORMATS)[number];

/**
 * Options of `migrate`: one table for yargs (help, errors) and the fast path (src/cli/fast-path.ts).
 * A module of its own, so the fast path reads it without loading the command and its `diff` package.
 */
export const MIGRATE_OPTIONS = {
  stdin: { type: "boolean", default: false, describe: "Read the config from standard input" },
  "stdin-filename": { type: "string", describe: "File name to use in messages for standard input" },
  write: { type: "boolean", alias: "w", default: false, describe: "Apply the changes in place (atomically)" },
  format: { type: "string", alias: "f", choices: MIGRATE_FORMATS, default: "diff", describe: "Output format" },
  "ignore-pattern": { type: "string", array: true, default: [], describe: "Skip files matching this glob (repeatable)" },
} satisfies Record<string, OptionSpec>;
