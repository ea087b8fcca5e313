import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../src/io/read-source.js";
import { lintText } from "../src/pipeline.js";
import { CORPUS_DIR, CORPUS_SKIP_REASON, corpusFiles } from "./shared.js";

if (CORPUS_SKIP_REASON) console.warn(CORPUS_SKIP_REASON);

describe.skipIf(CORPUS_SKIP_REASON !== undefined)("real-world corpus", () => {
  const files = corpusFiles();

  it("has files to test", () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it.each(files)("%s: lints without crashing; parses whatever json5 parses", (name) => {
    const decoded = decodeBytes(readFileSync(join(CORPUS_DIR, name)), name);
    if (!("text" in decoded)) throw new Error(`corpus file ${name} is not UTF-8`);
    const text = decoded.text;
    const result = lintText(text, name);
    for (const d of result.diagnostics) {
      expect(d.range.start.offset).toBeGreaterThanOrEqual(0);
      expect(d.range.end.offset).toBeLessThanOrEqual(text.length);
      expect(d.range.start.offset).toBeLessThanOrEqual(d.range.end.offset);
      expect(d.message.length).toBeGreaterThan(0);
    }
    let json5Accepts = true;
    try {
      JSON5.parse(text.replace(/^\uFEFF/, ""));
    } catch {
      json5Accepts = false;
    }
    const parseErrors = result.diagnostics.filter((d) => d.code.startsWith("parse/") && d.severity === "error");
    if (json5Accepts) expect(parseErrors).toEqual([]);
    else expect(parseErrors.length).toBe(1);
  });
});
