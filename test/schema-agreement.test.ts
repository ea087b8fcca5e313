// The emitted JSON Schema and the Zod schema must give the same verdict on any config: editors
// (JSON Schema) and `lint` (Zod) must not disagree about what is valid.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { Ajv } from "ajv";
import type { ErrorObject } from "ajv";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeBytes } from "../src/io/read-source.js";
import { openClawConfigSchema } from "../src/schema/root.js";
import { lintText } from "../src/pipeline.js";
import { EDITOR_KEYWORDS, emitJsonSchema, formatJsonSchema, SCHEMA_FILE } from "../src/stages/emit-schema.js";
import { parseConfig } from "../src/stages/parse.js";
import type { OpenClawSchemaValidator } from "../src/stages/validate-openclaw-schema.js";
import { compileOpenClawSchema } from "../src/stages/validate-openclaw-schema.js";
import { CORPUS_DIR, CORPUS_SKIP_REASON, corpusFiles } from "./shared.js";

const ajv = new Ajv({ strict: true, allErrors: true });
ajv.addVocabulary([...EDITOR_KEYWORDS]);
const validateWithJsonSchema = ajv.compile(emitJsonSchema());

/** Top-level keys whose section one validator rejects (a rejected unknown key counts as its own section). */
type Verdict = { valid: boolean; sections: string[] };

function zodVerdict(value: unknown): Verdict {
  const result = openClawConfigSchema().safeParse(value);
  if (result.success) return { valid: true, sections: [] };
  const sections = result.error.issues.flatMap((issue) => {
    if (issue.path.length > 0) return [String(issue.path[0])];
    return issue.code === "unrecognized_keys" ? issue.keys : ["(root)"];
  });
  return { valid: false, sections: [...new Set(sections)].sort() };
}

function jsonSchemaVerdict(value: unknown): Verdict {
  if (validateWithJsonSchema(value)) return { valid: true, sections: [] };
  const sections = (validateWithJsonSchema.errors ?? []).map((e: ErrorObject) => {
    const first = e.instancePath.split("/")[1];
    if (first !== undefined) return first.replace(/~1/g, "/").replace(/~0/g, "~");
    return e.keyword === "additionalProperties" ? String(e.params.additionalProperty) : "(root)";
  });
  return { valid: false, sections: [...new Set(sections)].sort() };
}

/** Removes every `$include` key, as the includes stage does before validation. */
function withoutIncludes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIncludes);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "$include").map(([k, v]) => [k, withoutIncludes(v)]));
}

/**
 * Places where the two must differ, each with the reason; anything else is a bug in one of them.
 * `reconcile` removes the cause: after it, the two must agree again.
 */
const KNOWN_DIFFERENCES: { name: string; why: string; applies: (value: unknown) => boolean; reconcile: (value: unknown) => unknown }[] = [
  {
    name: "$include",
    why: "The JSON Schema accepts `$include` on every object so editors do not flag it; Zod validates the config after the includes stage has replaced it, so the raw key is unknown to Zod.",
    applies: (value) => JSON.stringify(value).includes('"$include":'),
    reconcile: withoutIncludes,
  },
];

function compare(value: unknown): { agree: boolean; zod: Verdict; jsonSchema: Verdict; difference?: string } {
  const zod = zodVerdict(value);
  const jsonSchema = jsonSchemaVerdict(value);
  const agree = zod.valid === jsonSchema.valid && JSON.stringify(zod.sections) === JSON.stringify(jsonSchema.sections);
  if (agree) return { agree, zod, jsonSchema };
  const known = KNOWN_DIFFERENCES.find((d) => {
    if (!d.applies(value)) return false;
    const reconciled = d.reconcile(value);
    return JSON.stringify(zodVerdict(reconciled)) === JSON.stringify(jsonSchemaVerdict(reconciled));
  });
  return { agree, zod, jsonSchema, ...(known ? { difference: known.name } : {}) };
}

function valueOf(text: string, file: string): unknown {
  const { document } = parseConfig(text, file);
  return document?.value;
}

describe("Ajv and Zod agree on crafted configs", () => {
  /** `difference`: a named difference applies, and the JSON Schema's verdict is `jsonSchemaValid`. */
  const cases: { name: string; text: string; valid: boolean; difference?: string; jsonSchemaValid?: boolean }[] = [
    { name: "empty", text: "{}", valid: true },
    {
      name: "realistic config",
      text: `{ $schema: "./s.json", env: { ANTHROPIC_API_KEY: "x", vars: { A: "b" } },
        auth: { profiles: { "anthropic:default": { provider: "anthropic", mode: "api_key" } }, order: { anthropic: ["anthropic:default"] } },
        models: { providers: { p: { baseUrl: "http://x", api: "anthropic-messages", models: [{ id: "m", params: { cacheRetention: "long" } }] } } },
        agents: { defaults: { model: { primary: "anthropic/a", fallbacks: ["b/c"] }, models: { "anthropic/a": { params: { cacheRetention: "short", temperature: 1 } } } },
                  list: [{ id: "main", default: true, params: { cacheControlTtl: "1h" } }], entries: { r: { model: "a/b" } } },
        channels: { anything: [1] } }`,
      valid: true,
    },
    { name: "unknown top-level key", text: "{ agent: {} }", valid: false },
    { name: "$schema below the root", text: '{ agents: { $schema: "x" } }', valid: false },
    { name: "cacheRetention outside the enum", text: '{ agents: { defaults: { params: { cacheRetention: "standard" } } } }', valid: false },
    { name: "cacheControlTtl outside the enum", text: '{ agents: { defaults: { params: { cacheControlTtl: "30m" } } } }', valid: false },
    { name: "auth mode with the provider spelling", text: '{ auth: { profiles: { a: { provider: "anthropic", mode: "api-key" } } } }', valid: false },
    { name: "auth profile without a provider", text: '{ auth: { profiles: { a: { mode: "token" } } } }', valid: false },
    { name: "env value that is not a string", text: "{ env: { PORT: 1 } }", valid: false },
    { name: "model that is a number", text: "{ agents: { defaults: { model: 5 } } }", valid: false },
    { name: "model object with an unknown key", text: '{ agents: { defaults: { model: { primary: "a/b", planner: "c" } } } }', valid: false },
    { name: "empty model reference", text: '{ agents: { defaults: { model: "" } } }', valid: false },
    { name: "agent list entry without an id", text: "{ agents: { list: [{ default: true }] } }", valid: false },
    { name: "shellEnv timeout that is not an integer", text: "{ env: { shellEnv: { timeoutMs: 1.5 } } }", valid: false },
    { name: "provider api outside the enum", text: '{ models: { providers: { p: { api: "openai" } } } }', valid: false },
    { name: "two broken sections", text: '{ auth: { order: { a: "x" } }, models: { mode: "both" } }', valid: false },
    { name: "$include at the top level", text: '{ $include: "base.json5" }', valid: false, difference: "$include", jsonSchemaValid: true },
    { name: "$include in a section", text: '{ agents: { $include: ["a.json5", "b.json5"] } }', valid: false, difference: "$include", jsonSchemaValid: true },
    { name: "$include beside a real error: both reject", text: '{ $include: "b.json5", agent: {} }', valid: false, difference: "$include", jsonSchemaValid: false },
    { name: "$include that is not a file name: both reject the section", text: "{ agents: { $include: 3 } }", valid: false },
  ];
  it.each(cases)("$name", ({ text, valid, difference, jsonSchemaValid }) => {
    const value = valueOf(text, "case.json5");
    const result = compare(value);
    expect(result.zod.valid).toBe(valid);
    if (difference) {
      expect(result.agree).toBe(false);
      expect(result.difference).toBe(difference);
      expect(result.jsonSchema.valid).toBe(jsonSchemaValid);
    } else {
      expect(result.jsonSchema).toEqual(result.zod);
    }
  });
});

/** Config-like files under test/fixtures (JSON Schemas and expectation files are not configs, but comparing them is harmless). */
function fixtureFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return fixtureFiles(path);
      return /\.json5?$/.test(name) && !name.endsWith(".schema.json") ? [path] : [];
    })
    .sort();
}

function tally(label: string, entries: { file: string; value: unknown }[]): void {
  const results = entries.map(({ file, value }) => ({ file, ...compare(value) }));
  const agree = results.filter((r) => r.agree);
  const named = results.filter((r) => !r.agree && r.difference);
  const unexplained = results.filter((r) => !r.agree && !r.difference);
  console.info(
    `${label}: ${results.length} configs; Ajv and Zod agree on ${agree.length} (${agree.filter((r) => r.zod.valid).length} valid, ${agree.filter((r) => !r.zod.valid).length} invalid); named differences: ${named.map((r) => `${r.file} (${r.difference})`).join(", ") || "none"}`,
  );
  expect(unexplained.map((r) => ({ file: r.file, zod: r.zod, jsonSchema: r.jsonSchema }))).toEqual([]);
}

describe("Ajv and Zod agree on every fixture", () => {
  const repo = join(import.meta.dirname, "..");
  it.each(["fixtures", "test/fixtures"])("%s", (folder) => {
    const root = join(repo, folder);
    if (!existsSync(root)) return;
    const entries = fixtureFiles(root)
      .map((path) => ({ file: relative(repo, path), value: valueOf(readFileSync(path, "utf8"), path) }))
      .filter((e) => e.value !== undefined);
    tally(folder, entries);
  });
});

if (CORPUS_SKIP_REASON) console.warn(CORPUS_SKIP_REASON);

describe.skipIf(CORPUS_SKIP_REASON !== undefined)("Ajv and Zod agree on the real-world corpus", () => {
  it("../shared/corpus/real", () => {
    const entries = corpusFiles().map((file) => {
      const decoded = decodeBytes(readFileSync(join(CORPUS_DIR, file)), file);
      return { file, value: "text" in decoded ? valueOf(decoded.text, file) : undefined };
    });
    const unparsable = entries.filter((e) => e.value === undefined).map((e) => e.file);
    console.info(`corpus: ${unparsable.length} files do not parse and are not compared: ${unparsable.join(", ") || "none"}`);
    tally("corpus", entries.filter((e) => e.value !== undefined));
  });
});

describe("Ajv's diagnostics land where Zod's do", () => {
  // With the editor schema itself passed as `--openclaw-schema`, Ajv and Zod check the same rules,
  // so every Ajv finding must sit at a range the project already reported (and is dropped there).
  let validator: OpenClawSchemaValidator;
  beforeAll(async () => {
    const compiled = await compileOpenClawSchema(formatJsonSchema(), SCHEMA_FILE);
    if (!compiled.ok) throw new Error(compiled.message);
    validator = compiled.validator;
  });

  const leftovers = (text: string, file: string) =>
    lintText(text, file, { openclawSchema: validator })
      .diagnostics.filter((d) => d.code.startsWith("openclaw-schema/"))
      .map((d) => `${file}:${d.range.start.line}:${d.range.start.column} ${d.message}`);

  const cases: { name: string; text: string }[] = [
    { name: "unknown keys at every level", text: '{ agent: {}, agents: { defaults: { worksapce: "x", model: { primary: "a/b", planner: "c" } } } }' },
    { name: "wrong types", text: '{ env: { PORT: 1 }, agents: { list: [{ id: 42 }], defaults: { model: 5 } }, auth: { order: { a: "x" } } }' },
    { name: "enums and missing keys", text: '{ models: { mode: "merg", providers: { p: { models: [{ name: "m" }] } } }, auth: { profiles: { a: { mode: "token" } } } }' },
  ];
  it.each(cases)("$name", ({ text }) => {
    const { document } = parseConfig(text, "case.json5");
    // On its own, Ajv has plenty to say about these...
    expect(validator.validate(document?.value, document!.sourceMap, "case.json5").length).toBeGreaterThanOrEqual(3);
    // ...and all of it is where the project already said it.
    expect(leftovers(text, "case.json5")).toEqual([]);
  });

  it.skipIf(CORPUS_SKIP_REASON !== undefined)("every corpus file", () => {
    const found = corpusFiles().flatMap((file) => {
      const decoded = decodeBytes(readFileSync(join(CORPUS_DIR, file)), file);
      return "text" in decoded ? leftovers(decoded.text, file) : [];
    });
    expect(found).toEqual([]);
  });
});

describe.skipIf(CORPUS_SKIP_REASON !== undefined)("--openclaw-schema over the corpus", () => {
  it("never throws, and every finding lies inside its file", async () => {
    const compiled = await compileOpenClawSchema(readFileSync(join(import.meta.dirname, "fixtures", "openclaw-schema", "openclaw.schema.json"), "utf8"), "openclaw.schema.json");
    if (!compiled.ok) throw new Error(compiled.message);
    let findings = 0;
    for (const file of corpusFiles()) {
      const decoded = decodeBytes(readFileSync(join(CORPUS_DIR, file)), file);
      if (!("text" in decoded)) continue;
      const text = decoded.text;
      for (const d of lintText(text, file, { openclawSchema: compiled.validator }).diagnostics) {
        if (!d.code.startsWith("openclaw-schema/")) continue;
        findings++;
        expect(d.range.start.offset, `${file}: ${d.message}`).toBeGreaterThanOrEqual(0);
        expect(d.range.end.offset, `${file}: ${d.message}`).toBeLessThanOrEqual(text.length);
        expect(d.range.start.offset, `${file}: ${d.message}`).toBeLessThan(d.range.end.offset);
      }
    }
    // The test schema is far stricter than real configs, so there is plenty to report.
    expect(findings).toBeGreaterThan(50);
  });
});
