import * as z from "zod";
import { openClawConfigSchema } from "../schema/root.js";

/** A JSON Schema node as plain data. */
export type JsonSchema = { [key: string]: unknown };

/** Where the emitted schema is committed, relative to the package root. */
export const SCHEMA_FILE = "schemas/openclaw-config.schema.json";

/**
 * Annotation keywords VS Code reads that draft-07 does not define. A strict validator (Ajv
 * `strict: true`) must be told they are annotations, or it refuses the schema.
 */
export const EDITOR_KEYWORDS = [
  "allowComments",
  "allowTrailingCommas",
  "defaultSnippets",
  "deprecationMessage",
  "doNotSuggest",
  "enumDescriptions",
  "markdownDescription",
  "markdownEnumDescriptions",
] as const;

const INCLUDE_DESCRIPTION =
  "Merge another JSON5 file (or several, in order) into this object. Paths are relative to this file and must stay inside the root config's directory; keys written beside $include override the included ones.";

/** `$include` is legal on every object (SPEC 1, config file format); OpenClaw resolves it before validating. */
function includeKeySchema(suggest: boolean): JsonSchema {
  const path = { type: "string", minLength: 1 };
  return {
    title: "Include files",
    description: INCLUDE_DESCRIPTION,
    markdownDescription: INCLUDE_DESCRIPTION.replace("$include", "`$include`"),
    ...(suggest ? {} : { doNotSuggest: true }),
    anyOf: [path, { type: "array", items: path }],
  };
}

/** Adds `$include` to every object node; it is offered in completion only at the top level. */
function allowIncludeKey(ctx: { jsonSchema: JsonSchema; path: (string | number)[] }): void {
  const node = ctx.jsonSchema;
  if (node.type !== "object") return;
  const properties = (node.properties ?? {}) as Record<string, unknown>;
  if (properties.$include) return;
  node.properties = { ...properties, $include: includeKeySchema(ctx.path.length === 0) };
}

/** Keys an editor shows first come first, so the committed file reads like documentation. */
const LEADING_KEYS = [
  "$schema",
  "title",
  "description",
  "markdownDescription",
  "deprecated",
  "deprecationMessage",
  "doNotSuggest",
  "type",
  "enum",
  "enumDescriptions",
  "markdownEnumDescriptions",
];
const TRAILING_KEYS = ["defaultSnippets"];

/** Schema keywords whose value is a map of schemas, and those whose value is a schema or a list of schemas. */
const SCHEMA_MAP_KEYWORDS = new Set(["properties", "patternProperties", "definitions"]);
const SCHEMA_KEYWORDS = new Set(["additionalProperties", "items", "anyOf", "oneOf", "allOf", "not", "propertyNames"]);

/** Deep copy of a schema node with a fixed key order (Zod's own order after the leading keys). */
function orderSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(orderSchema);
  if (typeof value !== "object" || value === null) return value;
  const node = value as Record<string, unknown>;
  const keys = Object.keys(node);
  const ordered = [
    ...LEADING_KEYS.filter((k) => k in node),
    ...keys.filter((k) => !LEADING_KEYS.includes(k) && !TRAILING_KEYS.includes(k)),
    ...TRAILING_KEYS.filter((k) => k in node),
  ];
  const out: Record<string, unknown> = {};
  for (const key of ordered) {
    const child = node[key];
    if (SCHEMA_MAP_KEYWORDS.has(key) && typeof child === "object" && child !== null) {
      out[key] = Object.fromEntries(Object.entries(child).map(([name, schema]) => [name, orderSchema(schema)]));
    } else if (SCHEMA_KEYWORDS.has(key)) {
      out[key] = orderSchema(child);
    } else {
      // Enum values, snippet bodies and the like are data: copied as they are.
      out[key] = structuredClone(child);
    }
  }
  return out;
}

/**
 * Generates the draft-07 JSON Schema for editors from the Zod schema (Zod 4's `z.toJSONSchema`);
 * documentation comes from the `.meta()` each field carries (src/schema/describe.ts).
 */
export function emitJsonSchema(): JsonSchema {
  const generated = z.toJSONSchema(openClawConfigSchema, {
    target: "draft-07",
    io: "input",
    unrepresentable: "throw",
    override: allowIncludeKey,
  }) as JsonSchema;
  // VS Code reads these two on the root: openclaw.json is JSON5, so comments and trailing commas are fine.
  const withEditorFlags: JsonSchema = { ...generated, allowComments: true, allowTrailingCommas: true };
  return orderSchema(withEditorFlags) as JsonSchema;
}

/** The emitted schema as the exact bytes of the committed file (2-space JSON, final newline). */
export function formatJsonSchema(schema: JsonSchema = emitJsonSchema()): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
