import fc from "fast-check";

/*
 * fast-check generators for the property suite: configs shaped like real OpenClaw configs (agents,
 * models, params with cacheControlTtl/cacheRetention, provider headers, auth profiles, env), written
 * out as JSON5 in many styles (comments of both kinds, three quoting styles, trailing commas or not,
 * CRLF or LF, tabs or spaces, hex numbers), and then mutated (random edits, truncations, comment
 * insertions) so the parser, the rules, the fixer, the migrator and the resolver see broken files too.
 */

/** A JSON5 value as the printer knows it: `Hex` prints a number as `0x..`. */
export type ConfigValue = string | number | boolean | null | Hex | ConfigValue[] | { [key: string]: ConfigValue };

/** A number to print in hexadecimal. */
export class Hex {
  constructor(readonly value: number) {}
}

const MODEL_REFS = [
  "anthropic/claude-opus-4-6",
  "anthropic/claude-sonnet-4-5",
  "anthropic/claude-haiku-4-5",
  "anthropic-vertex/claude-opus-4-6",
  "amazon-bedrock/us.anthropic.claude-sonnet-4-5-v1:0",
  "openai/gpt-5",
  "custom/claude-proxy",
  "claude-opus-4-6",
];
const RETENTIONS: ConfigValue[] = ["none", "short", "long", "standard", "5m", "1h", "", true, 0];
const TTLS: ConfigValue[] = ["5m", "1h", "2h", "short", null, 300];
const BETA_FLAGS = ["extended-cache-ttl-2025-04-11", "prompt-caching-2024-07-31", "oauth-2025-04-20", "interleaved-thinking-2025-05-14"];
const AGENT_IDS = ["main", "work", "ops", "research"];

const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);

const paramsArb: fc.Arbitrary<{ [key: string]: ConfigValue }> = fc.record(
  {
    cacheRetention: pick(RETENTIONS),
    cacheControlTtl: pick(TTLS),
    temperature: fc.constantFrom<ConfigValue>(0, 0.7, 1, -0, new Hex(1)),
    maxTokens: fc.constantFrom<ConfigValue>(1024, new Hex(0x2000), 64000),
  },
  { requiredKeys: [] },
);

const modelsMapArb = fc.dictionary(pick(MODEL_REFS), fc.record({ params: paramsArb, alias: pick(["opus", "fast", "x"]) }, { requiredKeys: [] }), { maxKeys: 3 });

const headersArb: fc.Arbitrary<{ [key: string]: ConfigValue }> = fc.record(
  {
    beta: fc.tuple(pick(["anthropic-beta", "Anthropic-Beta", "ANTHROPIC-BETA"]), fc.subarray(BETA_FLAGS), pick([",", ", ", " , "])),
    other: fc.constantFrom<ConfigValue>("x", "${HEADER_VALUE}"),
  },
  { requiredKeys: [] },
).map(({ beta, other }) => {
  const headers: { [key: string]: ConfigValue } = {};
  if (beta) headers[beta[0]] = beta[1].join(beta[2]);
  if (other !== undefined) headers["x-trace"] = other;
  return headers;
});

const agentArb = fc.record(
  { default: fc.boolean(), params: paramsArb, models: modelsMapArb, model: pick(MODEL_REFS), name: pick(["Main", "Ops"]) },
  { requiredKeys: [] },
);

const agentsArb = fc
  .record(
    {
      defaults: fc.record(
        { params: paramsArb, models: modelsMapArb, model: fc.record({ primary: pick(MODEL_REFS), fallbacks: fc.subarray(MODEL_REFS, { maxLength: 2 }) }, { requiredKeys: [] }) },
        { requiredKeys: [] },
      ),
      shape: fc.constantFrom("list", "entries", "none"),
      agents: fc.uniqueArray(fc.tuple(pick(AGENT_IDS), agentArb), { maxLength: 3, selector: ([id]) => id }),
    },
    { requiredKeys: ["shape", "agents"] },
  )
  .map(({ defaults, shape, agents }) => {
    const out: { [key: string]: ConfigValue } = {};
    if (defaults) out.defaults = defaults as ConfigValue;
    if (shape === "list") out.list = agents.map(([id, agent]) => ({ id, ...(agent as { [key: string]: ConfigValue }) }));
    if (shape === "entries") out.entries = Object.fromEntries(agents.map(([id, agent]) => [id, agent as ConfigValue]));
    return out;
  });

const providersArb = fc.record(
  {
    anthropic: fc.record({ headers: headersArb, auth: pick(["api-key", "api_key", "oauth"]), apiKey: pick(["${ANTHROPIC_API_KEY}", "sk-ant-placeholder"]) }, { requiredKeys: [] }),
    custom: fc.record(
      { api: pick(["anthropic-messages", "openai-completions"]), baseUrl: fc.constant("https://proxy.example/v1"), models: fc.array(fc.record({ id: pick(["claude-proxy", "m"]), headers: headersArb }, { requiredKeys: ["id"] }), { maxLength: 2 }) },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const authArb = fc.record(
  {
    profiles: fc.dictionary(pick(["anthropic:default", "anthropic:work", "openai:default"]), fc.record({ provider: pick(["anthropic", "openai"]), mode: pick(["api_key", "api-key", "oauth", "token"]) }), { maxKeys: 3 }),
    order: fc.record({ anthropic: fc.subarray(["anthropic:default", "anthropic:work", "anthropic:missing"]) }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);

const envArb = fc.record(
  { ANTHROPIC_API_KEY: pick(["${ANTHROPIC_API_KEY}", "$${ESCAPED}", "sk-ant-api03-placeholder"]), vars: fc.dictionary(pick(["FOO", "BAR_1"]), pick(["x", "${FOO}"]), { maxKeys: 2 }) },
  { requiredKeys: [] },
);

/** A config value shaped like an OpenClaw config (sometimes with a mistake a rule or the schema reports). */
export const openClawConfigArb: fc.Arbitrary<{ [key: string]: ConfigValue }> = fc.record(
  {
    $schema: fc.constant("https://example.invalid/openclaw.schema.json"),
    env: envArb,
    agents: agentsArb,
    models: fc.record({ providers: providersArb }, { requiredKeys: [] }),
    auth: authArb,
    gateway: fc.record({ port: fc.constantFrom<ConfigValue>(18789, new Hex(0x4965)), bind: fc.constant("loopback") }, { requiredKeys: [] }),
    agent: fc.constant({ model: "anthropic/claude-opus-4-6" }),
    unknownSection: fc.constant(true),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<{ [key: string]: ConfigValue }>;

/** How a config is written out. */
export interface Json5Style {
  keyQuotes: "none" | "double" | "single" | "mixed";
  stringQuote: '"' | "'";
  trailingCommas: boolean;
  eol: "\n" | "\r\n";
  indent: string;
  /** Comment density: 0 none, higher more (each slot gets one with probability about density/8). */
  comments: number;
  bom: boolean;
  /** Repeat some object members (with their value) later in the same object, as a careless merge does. */
  duplicates: boolean;
  /** Comments inside members too: between key, colon and value. */
  innerComments: boolean;
  /** Drives comment placement and mixed quoting deterministically. */
  dice: number[];
}

export const json5StyleArb: fc.Arbitrary<Json5Style> = fc.record({
  keyQuotes: fc.constantFrom("none", "double", "single", "mixed"),
  stringQuote: fc.constantFrom('"', "'"),
  trailingCommas: fc.boolean(),
  eol: fc.constantFrom("\n", "\r\n"),
  indent: fc.constantFrom("  ", "    ", "\t"),
  comments: fc.integer({ min: 0, max: 6 }),
  bom: fc.boolean(),
  duplicates: fc.boolean(),
  innerComments: fc.boolean(),
  dice: fc.array(fc.nat({ max: 255 }), { minLength: 16, maxLength: 16 }),
});

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Writes a value as JSON5 text in the given style. */
export function printJson5(value: ConfigValue, style: Json5Style): string {
  let roll = 0;
  const die = () => style.dice[roll++ % style.dice.length] ?? 0;
  const quote = (text: string, q: '"' | "'") => {
    let out = q;
    for (const ch of text) {
      if (ch === q || ch === "\\") out += `\\${ch}`;
      else if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else out += ch;
    }
    return out + q;
  };
  const key = (name: string) => {
    const mode = style.keyQuotes === "mixed" ? (["none", "double", "single"] as const)[die() % 3] : style.keyQuotes;
    if (mode === "none" && IDENTIFIER.test(name)) return name;
    return quote(name, mode === "single" ? "'" : '"');
  };
  const comment = (indent: string): string => {
    if (style.comments === 0 || die() % 8 >= style.comments) return "";
    return die() % 2 === 0 ? `${indent}// note ${die()}${style.eol}` : `${indent}/* block ${die()} */${style.eol}`;
  };
  const write = (v: ConfigValue, indent: string): string => {
    if (v instanceof Hex) return `0x${v.value.toString(16).toUpperCase()}`;
    if (typeof v === "string") return quote(v, style.stringQuote);
    if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
    if (typeof v === "boolean" || v === null) return String(v);
    const inner = indent + style.indent;
    const colon = () => (style.innerComments && die() % 4 === 0 ? " /* k */ : /* v */ " : ": ");
    const members = Array.isArray(v) ? [] : Object.entries(v);
    // A repeated member comes back after the others, a string with another value; JSON5 keeps the later one.
    if (style.duplicates && members.length > 0 && die() % 3 === 0) {
      const [k, item] = members[die() % members.length] as [string, ConfigValue];
      members.push([k, typeof item === "string" ? (["5m", "1h", "short", "long"][die() % 4] as string) : item]);
    }
    const entries = Array.isArray(v) ? v.map((item) => write(item, inner)) : members.map(([k, item]) => `${key(k)}${colon()}${write(item, inner)}`);
    const [open, close] = Array.isArray(v) ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) return `${open}${close}`;
    const lines = entries.map((entry, i) => `${comment(inner)}${inner}${entry}${i < entries.length - 1 || style.trailingCommas ? "," : ""}${die() % 11 === 0 ? " // trailing" : ""}`);
    return `${open}${style.eol}${lines.join(style.eol)}${style.eol}${indent}${close}`;
  };
  return `${style.bom ? "\uFEFF" : ""}${comment("")}${write(value, "")}${style.eol}`;
}

/** A config written out in a random style. */
export const configTextArb: fc.Arbitrary<string> = fc.tuple(openClawConfigArb, json5StyleArb).map(([value, style]) => printJson5(value, style));

/** One edit of a mutation. `at` is taken modulo the text length (+1), so it always lands inside. */
export type Mutation =
  | { kind: "insert"; at: number; text: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "truncate"; at: number }
  | { kind: "comment"; at: number; text: string }
  | { kind: "duplicate"; at: number; length: number };

// Characters that matter to JSON5 and to line counting, plus a few that should never confuse it.
const NASTY = ["{", "}", "[", "]", ",", ":", '"', "'", "\\", "/", "*", "\n", "\r", "\r\n", " ", "\t", "\u2028", "\uFEFF", "$", "${A}", "0x", "-", ".", "e9", "NaN", "Infinity", "__proto__", "é", "😀", "\uD800"];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: fc.array(fc.constantFrom(...NASTY), { minLength: 1, maxLength: 4 }).map((parts) => parts.join("")) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("comment" as const), at: fc.nat(), text: fc.constantFrom("// c\n", "/* c */", "/* multi\nline */", "// no newline", "/* unterminated") }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
);

/** Applies mutations in order. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    switch (m.kind) {
      case "insert":
      case "comment":
        out = out.slice(0, at) + m.text + out.slice(at);
        break;
      case "delete":
        out = out.slice(0, at) + out.slice(at + m.length);
        break;
      case "truncate":
        out = out.slice(0, at);
        break;
      case "duplicate":
        out = out.slice(0, at + m.length) + out.slice(at, at + m.length) + out.slice(at + m.length);
        break;
    }
  }
  return out;
}

/** A config text: as generated (half of the cases), or with one to three mutations. */
export const fuzzedConfigTextArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: configTextArb, weight: 1 },
  { arbitrary: fc.tuple(configTextArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([text, mutations]) => mutate(text, mutations)), weight: 1 },
);

/**
 * Runs per property: the short CI default, or in the long run (`OPENCLAW_FUZZ_RUNS=n`) n times
 * `share` (a slow property runs a share of n, never fewer than its CI default).
 */
export function fuzzRuns(ciDefault: number, share = 1): number {
  const raw = process.env.OPENCLAW_FUZZ_RUNS;
  if (raw === undefined || raw === "") return ciDefault;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs <= 0) throw new Error(`OPENCLAW_FUZZ_RUNS must be a positive whole number, got '${raw}'`);
  return Math.max(ciDefault, Math.round(runs * share));
}

/** fast-check parameters: the run count, and a fixed seed when `OPENCLAW_FUZZ_SEED` is set (to replay a failure). */
export function fuzzParameters(runs: number): fc.Parameters<unknown> {
  const seed = process.env.OPENCLAW_FUZZ_SEED;
  return { numRuns: runs, ...(seed ? { seed: Number(seed) } : {}) };
}
