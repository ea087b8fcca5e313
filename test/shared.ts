import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

/** The shared folder beside the repository (CI always has it; a fresh clone may not). */
export const SHARED_DIR = resolve(import.meta.dirname, "..", "..", "shared");
/** Real configs published by OpenClaw users. */
export const CORPUS_DIR = join(SHARED_DIR, "corpus", "real");
/** Why corpus tests skip, or undefined when the corpus is present. */
export const CORPUS_SKIP_REASON = existsSync(CORPUS_DIR) ? undefined : `../shared/corpus/real not found beside the repo (${CORPUS_DIR}); corpus tests skipped`;

/** File names of the corpus configs (empty when absent). */
export function corpusFiles(): string[] {
  if (CORPUS_SKIP_REASON) return [];
  return readdirSync(CORPUS_DIR)
    .filter((f) => /\.json5?$/.test(f))
    .sort();
}
