import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../../src/io/read-source.js";
import { migrateDocument } from "../../src/migrations/index.js";
import { parseConfig } from "../../src/stages/parse.js";
import { CORPUS_DIR, CORPUS_SKIP_REASON, corpusFiles } from "../shared.js";

if (CORPUS_SKIP_REASON) console.warn(CORPUS_SKIP_REASON);

describe.skipIf(CORPUS_SKIP_REASON !== undefined)("migrations over the real-world corpus", () => {
  it.each(corpusFiles())("%s: migrated text parses, keeps every comment, and a second run changes nothing", (name) => {
    const decoded = decodeBytes(readFileSync(join(CORPUS_DIR, name)), name);
    if (!("text" in decoded)) throw new Error(`corpus file ${name} is not UTF-8`);
    const parsed = parseConfig(decoded.text, name);
    if (!parsed.document) return; // Files that do not parse are the parser's tests, not these.
    const result = migrateDocument(parsed.document);
    expect(result.diagnostics.filter((d) => d.code === "migrate/failed")).toEqual([]);
    const after = result.files[0]?.after ?? decoded.text;
    const comments = (text: string) => (parseConfig(text, name).document?.tokens ?? []).filter((t) => t.type.endsWith("Comment")).length;
    // The corpus has no legacy key that agrees with a cacheRetention beside it, so nothing is deleted.
    expect(comments(after)).toBe(comments(decoded.text));
    const again = parseConfig(after, name).document;
    expect(again && migrateDocument(again).files).toEqual([]);
  });

  it("migrates the files that use cacheControlTtl", () => {
    const changed = corpusFiles().filter((name) => {
      const parsed = parseConfig(readFileSync(join(CORPUS_DIR, name), "utf8"), name);
      return parsed.document !== undefined && migrateDocument(parsed.document).files.length > 0;
    });
    expect(changed).toEqual(["002-LAstreetchef-openclaw-deploy-cachecontrolttl.json", "003-JoeMartinBTC-clawd_bot-cachecontrolttl-providers.json"]);
  });
});
