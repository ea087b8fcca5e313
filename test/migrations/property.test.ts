import fc from "fast-check";
import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import { migrateDocument } from "../../src/migrations/index.js";
import { parseConfig } from "../../src/stages/parse.js";

/*
 * Generated configs with comments around every params bag. The property: the migrated text
 * parses, its value (read by the json5 package, an independent parser) is the expected transform
 * with key order kept, every comment survives except those belonging to a legacy key that is
 * dropped because cacheRetention already says the same, and migrating twice equals migrating once.
 */

const TTLS = ["5m", "1h", "30m"] as const;
const RETENTIONS = ["none", "short", "long"] as const;
const MAPPED: Record<string, string> = { "5m": "short", "1h": "long" };

const bagArb = fc.record({
  ttl: fc.option(fc.constantFrom(...TTLS), { nil: undefined }),
  retention: fc.option(fc.constantFrom(...RETENTIONS), { nil: undefined }),
  extra: fc.boolean(),
  ttlFirst: fc.boolean(),
  leading: fc.array(fc.constantFrom("line" as const, "block" as const), { maxLength: 2 }),
  trailing: fc.constantFrom("none" as const, "line" as const, "block" as const),
  inner: fc.boolean(),
  blankBefore: fc.boolean(),
});
type Bag = typeof bagArb extends fc.Arbitrary<infer T> ? T : never;

const configArb = fc.record({
  defaults: fc.option(bagArb, { nil: undefined }),
  models: fc.array(bagArb, { maxLength: 3 }),
  list: fc.array(fc.record({ own: fc.option(bagArb, { nil: undefined }), models: fc.array(bagArb, { maxLength: 2 }) }), { maxLength: 2 }),
  entries: fc.array(fc.record({ own: fc.option(bagArb, { nil: undefined }), models: fc.array(bagArb, { maxLength: 2 }) }), { maxLength: 2 }),
  eol: fc.constantFrom("\n", "\r\n"),
  indent: fc.constantFrom("  ", "\t", "    "),
  keyQuote: fc.constantFrom("", '"', "'"),
  stringQuote: fc.constantFrom('"', "'"),
  trailingCommas: fc.boolean(),
});
type ConfigSpec = typeof configArb extends fc.Arbitrary<infer T> ? T : never;

interface Rendered {
  text: string;
  /** Every comment written, and whether the migration is expected to remove it. */
  comments: Map<string, boolean>;
}

function render(spec: ConfigSpec): Rendered {
  const { eol, indent, keyQuote, stringQuote, trailingCommas } = spec;
  const comments = new Map<string, boolean>();
  let count = 0;
  const comment = (kind: "line" | "block", dropped: boolean) => {
    const text = kind === "line" ? `// note ${count++}!` : `/* note ${count++}! */`;
    comments.set(text, dropped);
    return text;
  };
  const key = (k: string) => (keyQuote === "" && /^[A-Za-z_$][\w$]*$/.test(k) ? k : `${keyQuote || '"'}${k}${keyQuote || '"'}`);
  const str = (s: string) => `${stringQuote}${s}${stringQuote}`;
  const pad = (depth: number) => indent.repeat(depth);

  // An object whose members are already rendered lines (each without its separator).
  const object = (members: string[][], depth: number, header?: string): string => {
    if (members.length === 0) return "{}";
    let out = `{${header ? ` ${header}` : ""}${eol}`;
    members.forEach((lines, i) => {
      const last = i === members.length - 1;
      const comma = !last || trailingCommas ? "," : "";
      // The separator goes after the value, before any same-line comment of the member.
      const body = lines.map((l) => `${l}${eol}`).join("");
      out += body.replace(/\u0000/, comma);
    });
    return `${out}${pad(depth - 1)}}`;
  };
  // A member rendered as lines: `\u0000` marks where its comma goes.
  const member = (k: string, value: string, depth: number): string[] => [`${pad(depth)}${key(k)}: ${value}\u0000`];

  const bag = (b: Bag, depth: number): string => {
    const dropped = b.ttl !== undefined && b.retention !== undefined && MAPPED[b.ttl] === b.retention;
    const members: string[][] = [];
    const ttlMember = (): string[] | undefined => {
      if (b.ttl === undefined) return undefined;
      const lines: string[] = [];
      if (b.blankBefore) lines.push(`${pad(depth)}${comment("line", false)}`, "");
      for (const kind of b.leading) lines.push(`${pad(depth)}${comment(kind, dropped)}`);
      const inner = b.inner ? ` ${comment("block", dropped)} ` : "";
      const trailing = b.trailing === "none" ? "" : ` ${comment(b.trailing, dropped)}`;
      lines.push(`${pad(depth)}${key("cacheControlTtl")}${inner}: ${str(b.ttl)}\u0000${trailing}`);
      return lines;
    };
    const ttl = ttlMember();
    if (ttl && b.ttlFirst) members.push(ttl);
    if (b.retention !== undefined) members.push(member("cacheRetention", str(b.retention), depth));
    if (b.extra) members.push([`${pad(depth)}${comment("line", false)}`, ...member("maxTokens", "0x400", depth)]);
    if (ttl && !b.ttlFirst) members.push(ttl);
    return object(members, depth);
  };

  const modelsMap = (bags: Bag[], depth: number): string =>
    object(
      bags.map((b, i) => member(`anthropic/model-${i}`, object([member("params", bag(b, depth + 2), depth + 1)], depth + 1), depth)),
      depth,
    );
  const agent = (own: Bag | undefined, models: Bag[], depth: number, id?: string): string => {
    const members: string[][] = [];
    if (id !== undefined) members.push(member("id", str(id), depth));
    if (own) members.push(member("params", bag(own, depth + 1), depth));
    if (models.length > 0) members.push(member("models", modelsMap(models, depth + 1), depth));
    return object(members, depth);
  };

  const agents: string[][] = [];
  if (spec.defaults || spec.models.length > 0) agents.push(member("defaults", agent(spec.defaults, spec.models, 3), 2));
  if (spec.list.length > 0) {
    const items = spec.list.map((a, i) => `${pad(3)}${agent(a.own, a.models, 4, `agent-${i}`)}`);
    agents.push([`${pad(2)}${key("list")}: [${eol}${items.join(`,${eol}`)}${trailingCommas ? "," : ""}${eol}${pad(2)}]\u0000`]);
  }
  if (spec.entries.length > 0) {
    agents.push(member("entries", object(spec.entries.map((a, i) => member(`agent${i}`, agent(a.own, a.models, 4), 3)), 3), 2));
  }
  const header = comment("line", false);
  const text = `${comment("block", false)}${eol}${object([member("agents", object(agents, 2), 1)], 1, header)}${eol}`;
  return { text, comments };
}

/** The expected value: each params bag transformed as the migration promises, key order kept. */
function transform(value: unknown, inParams = false): unknown {
  if (Array.isArray(value)) return value.map((v) => transform(v));
  if (typeof value !== "object" || value === null) return value;
  const input = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const ttl = input.cacheControlTtl;
  const mapped = inParams && typeof ttl === "string" ? MAPPED[ttl] : undefined;
  for (const [k, v] of Object.entries(input)) {
    if (inParams && k === "cacheControlTtl" && mapped !== undefined) {
      if (!("cacheRetention" in input)) out.cacheRetention = mapped;
      else if (input.cacheRetention !== mapped) out[k] = v;
      continue;
    }
    out[k] = transform(v, k === "params");
  }
  return out;
}

function migrate(text: string): string {
  const parsed = parseConfig(text, "openclaw.json5");
  if (!parsed.document) throw new Error(`generated config does not parse:\n${text}`);
  return migrateDocument(parsed.document).files[0]?.after ?? text;
}

describe("migration property", () => {
  it("keeps comments, parses, transforms the value and is idempotent", () => {
    fc.assert(
      fc.property(configArb, (spec) => {
        const { text, comments } = render(spec);
        const migrated = migrate(text);
        const after = parseConfig(migrated, "openclaw.json5");
        expect(after.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(JSON.stringify(JSON5.parse(migrated))).toBe(JSON.stringify(transform(JSON5.parse(text))));
        for (const [comment, dropped] of comments) {
          expect({ comment, count: migrated.split(comment).length - 1 }).toEqual({ comment, count: dropped ? 0 : 1 });
        }
        if (spec.eol === "\r\n") expect(/(^|[^\r])\n/.test(migrated)).toBe(false);
        expect(migrate(migrated)).toBe(migrated);
      }),
      { numRuns: 300 },
    );
  });
});
