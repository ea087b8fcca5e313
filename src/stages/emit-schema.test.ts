import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { openClawConfigSchema } from "../schema/root.js";
import type { JsonSchema } from "./emit-schema.js";
import { EDITOR_KEYWORDS, emitJsonSchema, formatJsonSchema, SCHEMA_FILE } from "./emit-schema.js";

const REPO = join(import.meta.dirname, "..", "..");
const schema = emitJsonSchema();

/** The schema node at a JSON pointer (`/properties/agents/...`). */
function at(pointer: string): JsonSchema {
  let node: unknown = schema;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    node = (node as Record<string, unknown>)[key];
    if (node === undefined) throw new Error(`no schema node at ${pointer}`);
  }
  return node as JsonSchema;
}

/** Every schema node with its JSON pointer, walking properties, additionalProperties, items and unions. */
function walk(node: unknown, pointer = ""): { pointer: string; node: JsonSchema }[] {
  if (typeof node !== "object" || node === null) return [];
  const s = node as JsonSchema;
  const found = [{ pointer, node: s }];
  for (const [key, child] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) {
    found.push(...walk(child, `${pointer}/properties/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`));
  }
  if (typeof s.additionalProperties === "object") found.push(...walk(s.additionalProperties, `${pointer}/additionalProperties`));
  if (typeof s.items === "object") found.push(...walk(s.items, `${pointer}/items`));
  for (const keyword of ["anyOf", "oneOf", "allOf"]) {
    const list = s[keyword];
    if (Array.isArray(list)) list.forEach((branch, i) => found.push(...walk(branch, `${pointer}/${keyword}/${i}`)));
  }
  return found;
}

const PARAMS = "/properties/agents/properties/defaults/properties/models/additionalProperties/properties/params";

describe("committed schema", () => {
  it(`${SCHEMA_FILE} equals what the Zod schemas generate (run: node scripts/generate-schema.mjs)`, () => {
    const committed = readFileSync(join(REPO, SCHEMA_FILE), "utf8");
    expect(committed === formatJsonSchema(), `${SCHEMA_FILE} is stale; run: node scripts/generate-schema.mjs`).toBe(true);
  });

  it("generation is deterministic", () => {
    expect(formatJsonSchema()).toBe(formatJsonSchema(emitJsonSchema()));
  });
});

describe("Ajv strict mode", () => {
  it("compiles the schema with the editor keywords declared as annotations", () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    ajv.addVocabulary([...EDITOR_KEYWORDS]);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it("rejects it without them, naming the first unknown keyword (so the list is needed)", () => {
    const ajv = new Ajv({ strict: true });
    expect(() => ajv.compile(schema)).toThrow('strict mode: unknown keyword: "markdownDescription"');
  });
});

describe("editor fragments", () => {
  const cases: { name: string; pointer: string; expected: unknown }[] = [
    {
      name: "cacheRetention: enum with per-value docs",
      pointer: `${PARAMS}/properties/cacheRetention`,
      expected: {
        title: "Prompt cache retention",
        description:
          'How long Anthropic keeps the prompt cache for this model: "none" (no caching), "short" (5 minutes) or "long" (1 hour). Honoured only with Anthropic API-key auth; subscription auth (setup-token or OAuth) ignores it.',
        markdownDescription: [
          "How long Anthropic keeps the prompt cache for this model.",
          "",
          '- `"none"`: no prompt caching',
          '- `"short"`: 5-minute cache; OpenClaw sets it on every Anthropic model that has no value under API-key auth',
          '- `"long"`: 1-hour extended cache (OpenClaw sends the `extended-cache-ttl-2025-04-11` beta flag)',
          "",
          'Nothing else is valid: `"standard"` is **not** an alias of `"short"`.',
          "",
          'Takes effect with Anthropic **API-key** auth on `anthropic/*` (and `anthropic-vertex/*`) models, and when set explicitly on Claude models of `amazon-bedrock` or of a custom provider whose `api` is `"anthropic-messages"`. Subscription auth (setup-token or OAuth) ignores it.',
        ].join("\n"),
        type: "string",
        enum: ["none", "short", "long"],
        enumDescriptions: [
          "No prompt caching.",
          "5-minute cache. OpenClaw's default for Anthropic models under API-key auth.",
          "1-hour extended cache (`extended-cache-ttl-2025-04-11` beta).",
        ],
        markdownEnumDescriptions: [
          "No prompt caching.",
          "5-minute cache. OpenClaw's default for Anthropic models under API-key auth.",
          "1-hour extended cache (`extended-cache-ttl-2025-04-11` beta).",
        ],
      },
    },
    {
      name: "cacheControlTtl: deprecated, names cacheRetention and the mapping, not suggested",
      pointer: `${PARAMS}/properties/cacheControlTtl`,
      expected: {
        title: "Prompt cache TTL (deprecated)",
        description:
          'Deprecated: use cacheRetention. "5m" means cacheRetention "short", "1h" means "long"; any other value is ignored. When both are set, cacheRetention wins.',
        markdownDescription: [
          "**Deprecated**: use `cacheRetention`.",
          "",
          '`"5m"` means `cacheRetention: "short"`, `"1h"` means `cacheRetention: "long"`; OpenClaw ignores any other value. When both keys are set, `cacheRetention` wins.',
          "",
          'Under API-key auth OpenClaw adds `cacheRetention: "short"` to Anthropic models that have only `cacheControlTtl`, so a legacy `"1h"` silently runs as 5 minutes. `openclaw-config migrate --write` rewrites it to `cacheRetention`.',
        ].join("\n"),
        deprecated: true,
        deprecationMessage: 'cacheControlTtl is deprecated: use cacheRetention ("5m" -> "short", "1h" -> "long"). Run `openclaw-config migrate --write` to convert it.',
        doNotSuggest: true,
        type: "string",
        enum: ["5m", "1h"],
        enumDescriptions: ['Same as `cacheRetention: "short"` (5 minutes).', 'Same as `cacheRetention: "long"` (1 hour).'],
        markdownEnumDescriptions: ['Same as `cacheRetention: "short"` (5 minutes).', 'Same as `cacheRetention: "long"` (1 hour).'],
      },
    },
    {
      name: "params: typed cache keys, any other param allowed",
      pointer: PARAMS,
      expected: expect.objectContaining({
        title: "Model parameters",
        type: "object",
        properties: { cacheRetention: expect.any(Object), cacheControlTtl: expect.any(Object), $include: expect.any(Object) },
        additionalProperties: {},
      }),
    },
    {
      name: "auth profile mode: enum in schema order with one description each",
      pointer: "/properties/auth/properties/profiles/additionalProperties/properties/mode",
      expected: expect.objectContaining({
        title: "Auth mode",
        enum: ["api_key", "oauth", "token", "aws-sdk"],
        markdownEnumDescriptions: [
          "An API key (`sk-ant-api03-...`). Prompt caching works.",
          "OAuth sign-in: subscription auth; cache settings are ignored.",
          "A setup-token from `claude setup-token` (`sk-ant-oat01-...`): subscription auth; cache settings are ignored.",
          "AWS SDK credentials (Amazon Bedrock; newer OpenClaw versions).",
        ],
      }),
    },
    {
      name: "provider auth: the hyphenated spelling",
      pointer: "/properties/models/properties/providers/additionalProperties/properties/auth",
      expected: expect.objectContaining({ enum: ["api-key", "aws-sdk", "oauth", "token"], markdownEnumDescriptions: expect.any(Array) }),
    },
    {
      name: "$schema at the root",
      pointer: "/properties/$schema",
      expected: expect.objectContaining({ title: "JSON Schema", type: "string" }),
    },
    {
      name: "root: JSON5 comments and trailing commas are fine for VS Code",
      pointer: "",
      expected: expect.objectContaining({ allowComments: true, allowTrailingCommas: true, additionalProperties: false }),
    },
    {
      name: "$include: offered at the top level",
      pointer: "/properties/$include",
      expected: expect.objectContaining({ title: "Include files", anyOf: [{ type: "string", minLength: 1 }, { type: "array", items: { type: "string", minLength: 1 } }] }),
    },
  ];
  it.each(cases)("$name", ({ pointer, expected }) => {
    expect(at(pointer)).toEqual(expected);
  });

  it("$include is allowed on every object but suggested only at the top level", () => {
    const objects = walk(schema).filter(({ node }) => node.type === "object");
    expect(objects.length).toBeGreaterThan(20);
    for (const { pointer, node } of objects) {
      const include = (node.properties as Record<string, JsonSchema>).$include;
      expect(include, pointer).toBeDefined();
      expect(include?.doNotSuggest, pointer).toBe(pointer === "" ? undefined : true);
    }
  });

  it("$schema is a property of the root only", () => {
    const holders = walk(schema).filter(({ node }) => typeof node.properties === "object" && "$schema" in (node.properties as object));
    expect(holders.map((h) => h.pointer)).toEqual([""]);
  });

  it("additionalProperties is open exactly where OpenClaw accepts any key", () => {
    const open = walk(schema)
      .filter(({ node }) => node.type === "object" && node.additionalProperties !== false)
      .map(({ pointer, node }) => `${pointer} -> ${JSON.stringify(Object.keys(node.additionalProperties as object).length === 0 ? "any" : (node.additionalProperties as JsonSchema).title ?? (node.additionalProperties as JsonSchema).type)}`);
    const agentMaps = (agent: string) => [
      `${agent}/properties/models -> "Model settings"`,
      `${agent}/properties/models/additionalProperties/properties/params -> "any"`,
      `${agent}/properties/params -> "any"`,
    ];
    expect(open).toEqual([
      '/properties/env -> "Environment variable"',
      '/properties/env/properties/vars -> "Environment variable"',
      '/properties/auth/properties/profiles -> "Auth profile"',
      '/properties/auth/properties/order -> "Profile failover order"',
      '/properties/auth/properties/cooldowns -> "any"',
      '/properties/models/properties/providers -> "Provider"',
      '/properties/models/properties/providers/additionalProperties/properties/apiKey/anyOf/1 -> "any"',
      '/properties/models/properties/providers/additionalProperties/properties/headers -> "any"',
      '/properties/models/properties/providers/additionalProperties/properties/params -> "any"',
      '/properties/models/properties/providers/additionalProperties/properties/models/items/properties/headers -> "any"',
      '/properties/models/properties/providers/additionalProperties/properties/models/items/properties/params -> "any"',
      '/properties/agents/properties/defaults/properties/models -> "Model settings"',
      '/properties/agents/properties/defaults/properties/models/additionalProperties/properties/params -> "any"',
      '/properties/agents/properties/defaults/properties/params -> "any"',
      ...agentMaps("/properties/agents/properties/list/items"),
      '/properties/agents/properties/entries -> "Agent"',
      ...agentMaps("/properties/agents/properties/entries/additionalProperties"),
    ]);
  });

  it("every modelled field has a title, a description and a Markdown description; pass-through keys say so", () => {
    const missing: string[] = [];
    let modelled = 0;
    for (const { pointer, node } of walk(schema)) {
      const isField = /\/properties\/[^/]+$/.test(pointer) || (/\/additionalProperties$/.test(pointer) && Object.keys(node).length > 0);
      if (!isField) continue;
      const passThrough = node.type === undefined && node.anyOf === undefined;
      if (!passThrough) modelled++;
      const needed = passThrough ? ["description", "markdownDescription"] : ["title", "description", "markdownDescription"];
      for (const key of needed) if (typeof node[key] !== "string" || (node[key] as string).length === 0) missing.push(`${pointer} ${key}`);
      if (passThrough && !pointer.endsWith("/$include")) expect(node.description, pointer).toMatch(/passes this value through unchecked/);
    }
    expect(missing).toEqual([]);
    expect(modelled).toBeGreaterThan(100);
  });
});

/** Snippet text with `${1:default}` and `${1|a,b|}` placeholders replaced by their first value. */
function expandPlaceholders(value: unknown): unknown {
  const expand = (text: string) => text.replace(/\$\{\d+:([^}]*)\}/g, "$1").replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, "$1");
  if (typeof value === "string") return expand(value);
  if (Array.isArray(value)) return value.map(expandPlaceholders);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [expand(k), expandPlaceholders(v)]));
  }
  return value;
}

describe("default snippets", () => {
  const holders = walk(schema).filter(({ node }) => Array.isArray(node.defaultSnippets));
  const snippets = holders.flatMap(({ pointer, node }) =>
    (node.defaultSnippets as { label: string; body: unknown }[]).map((s) => ({ pointer, label: s.label, body: s.body })),
  );

  it("offers an API-key setup and a setup-token setup for a new file, and the same two as auth profiles", () => {
    expect(snippets.map((s) => `${s.pointer || "(root)"}: ${s.label}`)).toEqual([
      "(root): Anthropic API key with prompt caching",
      "(root): Anthropic setup-token (Claude subscription)",
      "/properties/auth/properties/profiles/additionalProperties: Anthropic API key",
      "/properties/auth/properties/profiles/additionalProperties: Anthropic setup-token (Claude subscription)",
    ]);
  });

  it.each(snippets)("$pointer $label: the inserted text is valid for the JSON Schema", ({ pointer, body }) => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema(schema, "root");
    const validate = ajv.getSchema(`root#${pointer}`);
    expect(validate).toBeDefined();
    const value = expandPlaceholders(body);
    expect(validate?.(value), JSON.stringify(validate?.errors)).toBe(true);
  });

  it("the root snippets are valid for the Zod schema too, with the models they name", () => {
    const roots = snippets.filter((s) => s.pointer === "").map((s) => expandPlaceholders(s.body));
    for (const value of roots) expect(openClawConfigSchema().safeParse(value).success).toBe(true);
    expect(roots).toEqual([
      {
        auth: { profiles: { "anthropic:default": { provider: "anthropic", mode: "api_key" } }, order: { anthropic: ["anthropic:default"] } },
        agents: {
          defaults: {
            model: { primary: "anthropic/claude-opus-4-6" },
            models: { "anthropic/claude-opus-4-6": { params: { cacheRetention: "long" } } },
          },
        },
      },
      {
        auth: { profiles: { "anthropic:default": { provider: "anthropic", mode: "token" } }, order: { anthropic: ["anthropic:default"] } },
        agents: { defaults: { model: { primary: "anthropic/claude-sonnet-4-5" } } },
      },
    ]);
  });
});
