import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { parseConfig } from "./parse.js";
import type { OpenClawSchemaValidator } from "./validate-openclaw-schema.js";
import { compileOpenClawSchema, loadOpenClawSchemaFile } from "./validate-openclaw-schema.js";

const FIXTURE = join(import.meta.dirname, "..", "..", "test", "fixtures", "openclaw-schema", "openclaw.schema.json");
const SOURCE = "openclaw.schema.json";
const NOTE = "Reported by the OpenClaw schema in openclaw.schema.json.";

let validator: OpenClawSchemaValidator;
beforeAll(async () => {
  const compiled = await compileOpenClawSchema(readFileSync(FIXTURE, "utf8"), SOURCE);
  if (!compiled.ok) throw new Error(compiled.message);
  validator = compiled.validator;
});

type Found = { code: string; message: string; at: string; path: string };

function check(text: string, use: OpenClawSchemaValidator = validator, already: Diagnostic[] = []): Found[] {
  const { document } = parseConfig(text, "c.json5");
  if (!document) throw new Error("test input must parse");
  return use.validate(document.value, document.sourceMap, "c.json5", already).map((d) => ({
    code: d.code,
    message: d.message,
    at: `${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column}`,
    path: JSON.stringify(d.path),
  }));
}

describe("Ajv errors as diagnostics", () => {
  const cases: { name: string; text: string; expected: Found[] }[] = [
    {
      name: "a valid config",
      text: '{ gateway: { port: 18789, bind: "lan" }, agents: { defaults: { model: "a/b" } }, channels: { x: { y: 1 } } }',
      expected: [],
    },
    {
      name: "unknown top-level key with a suggestion",
      text: "{\n  gatway: {}\n}",
      expected: [{ code: "openclaw-schema/unknown-key", message: "Unknown key `gatway` at the top level; did you mean `gateway`?", at: "2:3-2:9", path: '["gatway"]' }],
    },
    {
      name: "unknown nested key with a suggestion",
      text: "{ gateway: { prot: 1 } }",
      expected: [{ code: "openclaw-schema/unknown-key", message: "Unknown key `prot` in gateway; did you mean `port`?", at: "1:14-1:18", path: '["gateway","prot"]' }],
    },
    {
      name: "unknown key without a close match",
      text: "{ logging: { verbosity: 2 } }",
      expected: [{ code: "openclaw-schema/unknown-key", message: "Unknown key `verbosity` in logging.", at: "1:14-1:23", path: '["logging","verbosity"]' }],
    },
    {
      name: "enum value with a suggestion",
      text: '{ logging: { level: "debg" } }',
      expected: [
        {
          code: "openclaw-schema/invalid-value",
          message: 'Invalid value "debg": expected "silent", "error", "warn", "info", "debug" or "trace". Did you mean "debug"?',
          at: "1:21-1:27",
          path: '["logging","level"]',
        },
      ],
    },
    {
      name: "enum value of the wrong type",
      text: "{ gateway: { bind: true } }",
      expected: [
        {
          code: "openclaw-schema/invalid-value",
          message: 'Invalid value a boolean (true): expected "loopback", "lan", "tailnet" or "auto".',
          at: "1:20-1:24",
          path: '["gateway","bind"]',
        },
      ],
    },
    {
      name: "wrong type",
      text: '{ gateway: { port: "8080" } }',
      expected: [{ code: "openclaw-schema/invalid-type", message: 'Expected an integer, but found a string ("8080").', at: "1:20-1:26", path: '["gateway","port"]' }],
    },
    {
      name: "below the minimum",
      text: "{ gateway: { port: 0 } }",
      expected: [{ code: "openclaw-schema/invalid-value", message: "Value 0 is too small: it must be >= 1.", at: "1:20-1:21", path: '["gateway","port"]' }],
    },
    {
      name: "above the maximum",
      text: "{ gateway: { port: 70000 } }",
      expected: [{ code: "openclaw-schema/invalid-value", message: "Value 70000 is too large: it must be <= 65535.", at: "1:20-1:25", path: '["gateway","port"]' }],
    },
    {
      name: "exclusive minimum",
      text: "{ agents: { defaults: { maxConcurrent: 0 } } }",
      expected: [
        { code: "openclaw-schema/invalid-value", message: "Value 0 is too small: it must be > 0.", at: "1:40-1:41", path: '["agents","defaults","maxConcurrent"]' },
      ],
    },
    {
      name: "const",
      text: '{ gateway: { mode: "remote" } }',
      expected: [{ code: "openclaw-schema/invalid-value", message: 'Invalid value "remote": expected "local".', at: "1:20-1:28", path: '["gateway","mode"]' }],
    },
    {
      name: "missing required key, reported at the object's key",
      text: "{ gateway: { auth: {} } }",
      expected: [{ code: "openclaw-schema/missing-key", message: "Missing required key `mode` in gateway.auth.", at: "1:14-1:18", path: '["gateway","auth"]' }],
    },
    {
      name: "union: a type no branch accepts gives one summary",
      text: "{ agents: { defaults: { model: 5 } } }",
      expected: [
        {
          code: "openclaw-schema/invalid-type",
          message: "Expected a string or an object, but found a number (5).",
          at: "1:32-1:33",
          path: '["agents","defaults","model"]',
        },
      ],
    },
    {
      name: "union: the object branch's own error, not the string branch's",
      text: '{ agents: { defaults: { model: { primary: "a/b", planner: "c/d" } } } }',
      expected: [
        { code: "openclaw-schema/unknown-key", message: "Unknown key `planner` in agents.defaults.model.", at: "1:50-1:57", path: '["agents","defaults","model","planner"]' },
      ],
    },
    {
      name: "union inside the chosen branch",
      text: "{ meta: { lastTouchedAt: true } }",
      expected: [
        { code: "openclaw-schema/invalid-type", message: "Expected a string or a number, but found a boolean (true).", at: "1:26-1:30", path: '["meta","lastTouchedAt"]' },
      ],
    },
    {
      name: "union of literals: every choice, with a suggestion",
      text: '{ wizard: { lastRunMode: "remot" } }',
      expected: [
        {
          code: "openclaw-schema/invalid-value",
          message: 'Invalid value "remot": expected "local" or "remote". Did you mean "remote"?',
          at: "1:26-1:33",
          path: '["wizard","lastRunMode"]',
        },
      ],
    },
    {
      name: "union of a type and a literal",
      text: '{ logging: { color: "always" } }',
      expected: [
        { code: "openclaw-schema/invalid-value", message: 'Invalid value "always": expected a boolean or "auto".', at: "1:21-1:29", path: '["logging","color"]' },
      ],
    },
    {
      name: "union of a type and a literal, value of neither type",
      text: "{ logging: { color: 1 } }",
      expected: [
        { code: "openclaw-schema/invalid-value", message: 'Invalid value a number (1): expected a boolean or "auto".', at: "1:21-1:22", path: '["logging","color"]' },
      ],
    },
    {
      name: "a key that breaks propertyNames is reported at the key",
      text: '{ agents: { entries: { "Bad Id": {} } } }',
      expected: [
        {
          code: "openclaw-schema/invalid-key",
          message: "Invalid key `Bad Id` in agents.entries: it must match the pattern /^[a-z0-9_][a-z0-9_-]{0,63}$/.",
          at: "1:24-1:32",
          path: '["agents","entries","Bad Id"]',
        },
      ],
    },
    {
      name: "array index in the path",
      text: '{ agents: { list: [{ id: "a" }, { id: 42 }] } }',
      expected: [{ code: "openclaw-schema/invalid-type", message: "Expected a string, but found a number (42).", at: "1:39-1:41", path: '["agents","list",1,"id"]' }],
    },
    {
      name: "duplicate and too many items",
      text: '{ gateway: { trustedProxies: ["a", "b", "a", "c"] } }',
      expected: [
        { code: "openclaw-schema/invalid-value", message: "Expected at most 3 items, but found 4.", at: "1:30-1:50", path: '["gateway","trustedProxies"]' },
        { code: "openclaw-schema/invalid-value", message: "Items 0 and 2 are identical; the items must be unique.", at: "1:30-1:50", path: '["gateway","trustedProxies"]' },
      ],
    },
    {
      name: "empty string",
      text: '{ logging: { file: "" } }',
      expected: [{ code: "openclaw-schema/invalid-value", message: "Must not be an empty string.", at: "1:20-1:22", path: '["logging","file"]' }],
    },
    {
      name: "a key in a map whose values must be strings",
      text: "{ env: { PORT: 8080 } }",
      expected: [{ code: "openclaw-schema/invalid-type", message: "Expected a string, but found a number (8080).", at: "1:16-1:20", path: '["env","PORT"]' }],
    },
    {
      name: "$include is resolved before validation: neither the key nor the keys it may supply are reported",
      text: '{ $include: "base.json5", gateway: { auth: { $include: "auth.json5" } } }',
      expected: [],
    },
    {
      name: "several errors come in document order",
      text: '{\n  gateway: { port: -1 },\n  logging: { level: "loud" },\n  extra: 1,\n}',
      expected: [
        { code: "openclaw-schema/invalid-value", message: "Value -1 is too small: it must be >= 1.", at: "2:20-2:22", path: '["gateway","port"]' },
        { code: "openclaw-schema/invalid-value", message: 'Invalid value "loud": expected "silent", "error", "warn", "info", "debug" or "trace".', at: "3:21-3:27", path: '["logging","level"]' },
        { code: "openclaw-schema/unknown-key", message: "Unknown key `extra` at the top level.", at: "4:3-4:8", path: '["extra"]' },
      ],
    },
  ];
  it.each(cases)("$name", ({ text, expected }) => {
    expect(check(text)).toEqual(expected);
  });

  it("notes say why it matters and which schema said so", () => {
    const { document } = parseConfig("{ gatway: {}, gateway: { prot: 1 }, logging: { level: 1 } }", "c.json5");
    const found = validator.validate(document?.value, document!.sourceMap, "c.json5");
    expect(found.map((d) => d.notes)).toEqual([
      ["OpenClaw refuses to start when the config has an unknown top-level key.", NOTE],
      ["OpenClaw rejects unknown keys in gateway.", NOTE],
      [NOTE],
    ]);
  });

  it("leaves out a finding at the same range as an error already reported", () => {
    const { document } = parseConfig("{ gatway: {}, logging: { level: 1 } }", "c.json5");
    const first = validator.validate(document?.value, document!.sourceMap, "c.json5");
    const zodSaidIt = first.filter((d) => d.path[0] === "gatway").map((d) => ({ ...d, code: "schema/unknown-key" }));
    expect(check("{ gatway: {}, logging: { level: 1 } }", validator, zodSaidIt).map((f) => f.path)).toEqual(['["logging","level"]']);
    // A warning at the same place is about something else; the error still shows.
    const warningThere = zodSaidIt.map((d) => ({ ...d, severity: "warning" as const }));
    expect(check("{ gatway: {}, logging: { level: 1 } }", validator, warningThere).map((f) => f.path)).toEqual(['["gatway"]', '["logging","level"]']);
  });
});

describe("schema files", () => {
  it("accepts the { schema, uiHints, version } envelope and names the version", async () => {
    const envelope = JSON.stringify({ schema: JSON.parse(readFileSync(FIXTURE, "utf8")), uiHints: {}, version: "2026.9.6", generatedAt: "x" });
    const compiled = await compileOpenClawSchema(envelope, "schema-response.json");
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.validator.version).toBe("2026.9.6");
    const { document } = parseConfig("{ nope: 1 }", "c.json5");
    expect(compiled.validator.validate(document?.value, document!.sourceMap, "c.json5")[0]?.notes?.at(-1)).toBe(
      "Reported by the OpenClaw schema in schema-response.json (OpenClaw 2026.9.6).",
    );
  });

  it("draft 2020-12 schemas use Ajv's 2020 validator (unevaluatedProperties)", async () => {
    const schema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      properties: { gateway: { type: "object", properties: { port: { type: "integer" } }, unevaluatedProperties: false } },
    };
    const compiled = await compileOpenClawSchema(JSON.stringify(schema), "2020.json");
    if (!compiled.ok) throw new Error(compiled.message);
    expect(check("{ gateway: { prot: 1 } }", compiled.validator)).toEqual([
      { code: "openclaw-schema/unknown-key", message: "Unknown key `prot` in gateway; did you mean `port`?", at: "1:14-1:18", path: '["gateway","prot"]' },
    ]);
  });

  it("unions reached through $ref still produce one error", async () => {
    const schema = {
      $schema: "http://json-schema.org/draft-07/schema#",
      definitions: { model: { anyOf: [{ type: "string" }, { type: "object", properties: { primary: { type: "string" } }, additionalProperties: false }] } },
      type: "object",
      properties: { model: { $ref: "#/definitions/model" }, fallback: { $ref: "#/definitions/model" } },
    };
    const compiled = await compileOpenClawSchema(JSON.stringify(schema), "refs.json");
    if (!compiled.ok) throw new Error(compiled.message);
    expect(check('{ model: 5, fallback: { primary: "a", x: 1 } }', compiled.validator)).toEqual([
      { code: "openclaw-schema/invalid-type", message: "Expected a string or an object, but found a number (5).", at: "1:10-1:11", path: '["model"]' },
      { code: "openclaw-schema/unknown-key", message: "Unknown key `x` in fallback.", at: "1:39-1:40", path: '["fallback","x"]' },
    ]);
  });

  const failures: { name: string; text: string; message: string }[] = [
    { name: "not JSON", text: "{ schema: 1 ", message: "bad.json is not valid JSON: " },
    { name: "not an object", text: "[1, 2]", message: "bad.json is not a JSON Schema (expected an object)." },
    { name: "draft-04", text: '{ "$schema": "http://json-schema.org/draft-04/schema#" }', message: "bad.json uses draft-04, which is not supported; use the draft-07 schema current OpenClaw prints." },
    { name: "an invalid schema", text: '{ "type": "text" }', message: "bad.json is not a usable JSON Schema: schema is invalid: " },
  ];
  it.each(failures)("refuses $name with a message", async ({ text, message }) => {
    const compiled = await compileOpenClawSchema(text, "bad.json");
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.message.startsWith(message), compiled.message).toBe(true);
  });

  it("a file that overflows the validator is one diagnostic, not a crash", async () => {
    const schema = { definitions: { node: { type: "array", items: { $ref: "#/definitions/node" } } }, $ref: "#/definitions/node" };
    const compiled = await compileOpenClawSchema(JSON.stringify(schema), "deep.json");
    if (!compiled.ok) throw new Error(compiled.message);
    let value: unknown[] = [];
    for (let i = 0; i < 100_000; i++) value = [value];
    const found = compiled.validator.validate(value, parseConfig("{}", "c.json5").document!.sourceMap, "c.json5");
    expect(found.map((d) => [d.code, d.message.startsWith("Could not check the file against deep.json: ")])).toEqual([["openclaw-schema/failed", true]]);
  });

  it("a missing file is a message, not an exception", async () => {
    expect(await loadOpenClawSchemaFile(join(import.meta.dirname, "nope.json"), "nope.json")).toEqual({
      ok: false,
      message: "cannot read nope.json: no such file",
    });
  });
});
