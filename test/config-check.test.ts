// The generated predicate (src/schema/config-check.generated.ts) must never accept a config Zod
// rejects; and, so that valid configs skip Zod, it should accept what Zod accepts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { describe, expect, it } from "vitest";
import { decodeBytes } from "../src/io/read-source.js";
import { compileConfigCheck } from "../src/schema/compile-check.js";
import { isValidConfig } from "../src/schema/config-check.generated.js";
import { openClawConfigSchema } from "../src/schema/root.js";
import { CONFIG_CHECK_FILE, formatConfigCheck } from "../src/stages/emit-schema.js";
import { parseConfig } from "../src/stages/parse.js";
import { CORPUS_DIR, CORPUS_SKIP_REASON, corpusFiles } from "./shared.js";

const REPO = join(import.meta.dirname, "..");
const zodAccepts = (value: unknown) => openClawConfigSchema().safeParse(value).success;
const valueOf = (text: string) => parseConfig(text, "case.json5").document?.value;

describe("the committed predicate", () => {
  it(`${CONFIG_CHECK_FILE} is what the Zod schemas compile to (run: node scripts/generate-schema.mjs)`, () => {
    const { text } = formatConfigCheck();
    expect(readFileSync(join(REPO, CONFIG_CHECK_FILE), "utf8") === text, `${CONFIG_CHECK_FILE} is stale; run: node scripts/generate-schema.mjs`).toBe(true);
  });

  it("models every part of the schema (nothing is left to Zod wholesale)", () => {
    expect(formatConfigCheck().unsupported).toEqual([]);
  });
});

/** Loads a generated module's source as a function, for the compiler's own tests. */
function load(schema: z.ZodType): (value: unknown) => boolean {
  const { source } = compileConfigCheck(schema, "// test");
  // Type annotations out, export made a return: the generated code is otherwise plain JavaScript.
  const js = source
    .replace(/\(v: unknown\): v is Record<string, unknown>/g, "(v)")
    .replace(/\(v: unknown\): (boolean|number)/g, "(v)")
    .replace(/\(value: unknown\): boolean/g, "(value)")
    .replace(/ as \{ length: number \}| as number| as Record<string, unknown>/g, "")
    .replace(/let x: unknown;/g, "let x;")
    .replace("export function isValidConfig", "return function isValidConfig");
  return new Function(js)() as (value: unknown) => boolean;
}

describe("compileConfigCheck", () => {
  /** Each case: a schema and values; the compiled predicate must give Zod's verdict on each. */
  const cases: { name: string; schema: z.ZodType; values: unknown[] }[] = [
    { name: "strings with a code-point minimum", schema: z.string().min(2), values: ["ab", "a", "", "😀", "😀😀", "a😀", "\ud800", "\ud800x", 3, null] },
    { name: "strings with a maximum and an exact length", schema: z.union([z.string().max(2), z.string().length(4)]), values: ["ab", "abc", "😀😀", "😀😀😀", "abcd", "😀a"] },
    { name: "finite numbers", schema: z.number(), values: [0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, "1"] },
    { name: "non-negative integers", schema: z.number().int().nonnegative(), values: [0, 3, -1, 1.5, 2 ** 53, 2 ** 53 - 1] },
    { name: "bounded numbers", schema: z.number().gt(1).lte(3), values: [1, 1.01, 3, 3.01] },
    { name: "enums and literals", schema: z.union([z.enum(["a", "b"]), z.literal(3), z.null()]), values: ["a", "c", 3, 4, null, undefined] },
    {
      name: "strict objects",
      schema: z.strictObject({ a: z.string(), b: z.number().optional() }),
      values: [{ a: "x" }, { a: "x", b: 1 }, { b: 1 }, { a: "x", c: 1 }, { a: "x", b: undefined }, [], null, Object.create(null)],
    },
    {
      name: "objects with a catchall",
      schema: z.object({ a: z.boolean().optional() }).catchall(z.string()),
      values: [{}, { a: true }, { a: "x" }, { b: "y" }, { b: 1 }, { a: true, b: "y", c: "z" }],
    },
    { name: "plain objects strip unknown keys", schema: z.object({ a: z.string().optional() }), values: [{}, { z: 1 }, { a: 1 }] },
    { name: "loose objects", schema: z.looseObject({ a: z.string().optional() }), values: [{ z: 1 }, { a: 2 }] },
    { name: "records", schema: z.record(z.string(), z.array(z.string())), values: [{}, { a: [] }, { a: ["x"], b: [1] }, { a: "x" }, [], null] },
    { name: "nullable", schema: z.string().nullable(), values: [null, "a", undefined, 1] },
    { name: "unknown values", schema: z.strictObject({ u: z.unknown() }), values: [{}, { u: 1 }, { u: undefined }, { v: 1 }] },
  ];
  it.each(cases)("$name", ({ schema, values }) => {
    const check = load(schema);
    for (const value of values) expect(check(value), JSON.stringify(value) ?? String(value)).toBe(schema.safeParse(value).success);
  });

  it("leaves what it does not model to Zod: the predicate says no, never yes", () => {
    const schemas: z.ZodType[] = [
      z.string().regex(/^a/),
      z.string().transform((s) => s.length),
      z.object({ a: z.string() }).refine(() => true),
      z.number().default(1),
      z.lazy(() => z.string()),
      z.tuple([z.string()]),
    ];
    for (const schema of schemas) {
      const { unsupported } = compileConfigCheck(schema, "// test");
      expect(unsupported.length, String(schema._zod.def.type)).toBeGreaterThan(0);
      expect(load(schema)("a")).toBe(false);
    }
  });

  it("never accepts an unusual object Zod rejects, and leaves records that are not plain data to Zod", () => {
    const schema = z.record(z.string(), z.string());
    const check = load(schema);
    const unusual: unknown[] = [
      JSON.parse('{"__proto__": "x"}'),
      JSON.parse('{"__proto__": 1}'),
      { [Symbol("s")]: "x" },
      new (class Thing {})(),
      { constructor: "x" },
      Object.assign(Object.create(null) as object, { a: "x" }),
    ];
    for (const value of unusual) expect(check(value) && !schema.safeParse(value).success).toBe(false);
    expect(check({ [Symbol("s")]: "x" })).toBe(false);
    expect(check(new (class Thing {})())).toBe(false);
    expect(check({ constructor: "x" })).toBe(false);
    const strict = z.strictObject({ a: z.string().optional() });
    const strictCheck = load(strict);
    for (const value of [JSON.parse('{"__proto__": {}}'), { [Symbol("s")]: 1 }, new (class Thing {})()]) {
      expect(strictCheck(value)).toBe(strict.safeParse(value).success);
    }
  });
});

describe("the predicate and Zod on configs", () => {
  const crafted = [
    "{}",
    '{ $schema: "./s.json", env: { ANTHROPIC_API_KEY: "x", vars: { A: "b" }, shellEnv: { enabled: true, timeoutMs: 100 } } }',
    '{ auth: { profiles: { "anthropic:default": { provider: "anthropic", mode: "api_key" } }, order: { anthropic: ["anthropic:default"] } } }',
    '{ models: { providers: { p: { baseUrl: "http://x", api: "anthropic-messages", models: [{ id: "m", params: { cacheRetention: "long" } }] } } } }',
    '{ agents: { defaults: { model: { primary: "anthropic/a", fallbacks: ["b/c"] }, models: { "anthropic/a": { params: { cacheRetention: "short", temperature: 1 } } } } } }',
    '{ agents: { list: [{ id: "main", default: true, params: { cacheControlTtl: "1h" } }], entries: { r: { model: "a/b" } } } }',
    '{ agents: { defaults: { model: "" } } }',
    '{ agents: { defaults: { model: "😀" } } }',
    "{ env: { PORT: 1 } }",
    "{ env: { shellEnv: { timeoutMs: 1.5 } } }",
    "{ env: { shellEnv: { timeoutMs: Infinity } } }",
    "{ env: { shellEnv: { timeoutMs: NaN } } }",
    '{ agents: { defaults: { params: { cacheRetention: "standard" } } } }',
    '{ auth: { profiles: { a: { provider: "anthropic", mode: "api-key" } } } }',
    '{ auth: { profiles: { a: { mode: "token" } } } }',
    '{ agents: { list: [{ default: true }] } }',
    '{ agents: { $include: "x.json5" } }',
    '{ agent: {} }',
    '{ agents: { entries: { constructor: {} } } }',
    '{ agents: { entries: { "__proto__": {} } } }',
    "{ channels: { anything: [1, { deep: null }] }, gateway: 5 }",
  ];
  it.each(crafted)("%s", (text) => {
    const value = valueOf(text);
    expect(value).toBeDefined();
    const zod = zodAccepts(value);
    // Exact agreement here, except the deliberate refusals (`constructor`/`__proto__` keys go to Zod).
    if (/constructor|__proto__/.test(text)) expect(isValidConfig(value) && !zod).toBe(false);
    else expect(isValidConfig(value)).toBe(zod);
  });

  /** Deterministic pseudo-random numbers (mulberry32), so a failure reproduces. */
  function random(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const REPLACEMENTS: unknown[] = ["", "x", "😀", "short", "long", "none", "5m", "1h", "api_key", "token", "anthropic/a", 0, -1, 1.5, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY, true, false, null, [], ["x"], [1], {}, { id: "x" }, { primary: "a/b" }];

  /** Every path to a value inside `value`, objects and arrays included. */
  function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
    out.push(prefix);
    if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
    else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
    return out;
  }

  /** A deep copy of `value` with one change at a random place: a replaced value, a removed key or an added key. */
  function mutate(value: unknown, next: () => number): unknown {
    const copy = structuredClone(value) as Record<string | number, unknown>;
    const all = paths(copy).filter((p) => p.length > 0);
    if (all.length === 0) return { [`k${Math.floor(next() * 5)}`]: REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)] };
    const path = all[Math.floor(next() * all.length)] as (string | number)[];
    let parent: Record<string | number, unknown> = copy;
    for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
    const last = path[path.length - 1] as string | number;
    const roll = next();
    if (roll < 0.6) parent[last] = structuredClone(REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)]);
    else if (roll < 0.8 && !Array.isArray(parent)) delete parent[last];
    else if (typeof parent[last] === "object" && parent[last] !== null && !Array.isArray(parent[last])) {
      (parent[last] as Record<string, unknown>)[["mode", "params", "extra", "primary", "id", "models"][Math.floor(next() * 6)] as string] = structuredClone(REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)]);
    } else parent[last] = {};
    return copy;
  }

  /** Mutates each base config many times: the predicate must never accept what Zod rejects. */
  function fuzz(bases: unknown[], rounds: number, seed: number): { accepted: number; agreed: number; total: number } {
    const next = random(seed);
    let accepted = 0;
    let agreed = 0;
    let total = 0;
    for (const base of bases) {
      for (let i = 0; i < rounds; i++) {
        const value = mutate(base, next);
        const zod = zodAccepts(value);
        const fast = isValidConfig(value);
        if (fast && !zod) throw new Error(`the predicate accepts what Zod rejects: ${JSON.stringify(value)}`);
        total++;
        if (fast) accepted++;
        if (fast === zod) agreed++;
      }
    }
    return { accepted, agreed, total };
  }

  it("never accepts a mutated crafted config that Zod rejects", () => {
    const bases = crafted.filter((t) => !/constructor|__proto__/.test(t)).map(valueOf);
    const { accepted, agreed, total } = fuzz(bases, 150, 1);
    // Both verdicts occur, and they almost always agree (the exceptions are refusals left to Zod).
    expect(accepted).toBeGreaterThan(total / 10);
    expect(accepted).toBeLessThan(total);
    expect(agreed / total).toBeGreaterThan(0.99);
  });

  /** Config-like files under a folder (JSON Schemas are not configs). */
  function configFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return configFiles(path);
      return /\.json5?$/.test(name) && !name.endsWith(".schema.json") ? [path] : [];
    });
  }

  it("agrees with Zod on every fixture, and on its mutations never accepts what Zod rejects", () => {
    const values = [...configFiles(join(REPO, "fixtures")), ...configFiles(join(REPO, "test", "fixtures"))]
      .map((file) => valueOf(readFileSync(file, "utf8")))
      .filter((v) => typeof v === "object" && v !== null && !Array.isArray(v));
    expect(values.length).toBeGreaterThan(5);
    for (const value of values) if (!JSON.stringify(value).includes('"$include"')) expect(isValidConfig(value)).toBe(zodAccepts(value));
    fuzz(values, 20, 2);
  });

  it.skipIf(CORPUS_SKIP_REASON !== undefined)("agrees with Zod on every corpus config, and on its mutations never accepts what Zod rejects", () => {
    const values = corpusFiles().flatMap((file) => {
      const decoded = decodeBytes(readFileSync(join(CORPUS_DIR, file)), file);
      const value = "text" in decoded ? valueOf(decoded.text) : undefined;
      return value === undefined ? [] : [value];
    });
    let valid = 0;
    for (const value of values) {
      const zod = zodAccepts(value);
      if (zod) valid++;
      expect(isValidConfig(value)).toBe(zod);
    }
    // Most real configs are valid: those are the ones that skip Zod.
    expect(valid).toBeGreaterThan(values.length / 2);
    fuzz(values, 30, 3);
  });
});
