import { describe, expect, it } from "vitest";
import { parseConfig } from "../stages/parse.js";
import { cacheControlTtlToRetention, paramsBagPaths } from "./cache-control-ttl-to-retention.js";
import { migrateDocument } from "./index.js";

function migrate(text: string) {
  const parsed = parseConfig(text, "openclaw.json5");
  if (!parsed.document) throw new Error("fixture does not parse");
  const result = migrateDocument(parsed.document, [cacheControlTtlToRetention]);
  return {
    text: result.files[0]?.after ?? text,
    diagnostics: result.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      at: `${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column}`,
      path: d.path,
    })),
  };
}

describe("cache-control-ttl-to-retention", () => {
  const rewrites: { name: string; before: string; after: string }[] = [
    {
      name: '"1h" becomes "long" in agents.defaults.params',
      before: '{ agents: { defaults: { params: { cacheControlTtl: "1h" } } } }',
      after: '{ agents: { defaults: { params: { cacheRetention: "long" } } } }',
    },
    {
      name: '"5m" becomes "short", single quotes kept',
      before: "{ agents: { defaults: { params: { 'cacheControlTtl': '5m' } } } }",
      after: "{ agents: { defaults: { params: { 'cacheRetention': 'short' } } } }",
    },
    {
      name: "agents.defaults.models.*.params",
      before: '{"agents":{"defaults":{"models":{"anthropic/claude-opus-4-6":{"params":{"cacheControlTtl":"1h","maxTokens":10}}}}}}',
      after: '{"agents":{"defaults":{"models":{"anthropic/claude-opus-4-6":{"params":{"cacheRetention":"long","maxTokens":10}}}}}}',
    },
    {
      name: "agents.list[].params and agents.list[].models.*.params",
      before: "{ agents: { list: [{ id: 'a', params: { cacheControlTtl: '5m' }, models: { 'anthropic/x': { params: { cacheControlTtl: '1h' } } } }] } }",
      after: "{ agents: { list: [{ id: 'a', params: { cacheRetention: 'short' }, models: { 'anthropic/x': { params: { cacheRetention: 'long' } } } }] } }",
    },
    {
      name: "agents.entries.*.params and agents.entries.*.models.*.params",
      before: "{ agents: { entries: { main: { params: { cacheControlTtl: '5m' }, models: { 'anthropic/x': { params: { cacheControlTtl: '1h' } } } } } } }",
      after: "{ agents: { entries: { main: { params: { cacheRetention: 'short' }, models: { 'anthropic/x': { params: { cacheRetention: 'long' } } } } } } }",
    },
    {
      name: "both keys agree: the legacy key goes",
      before: '{\n  agents: { defaults: { params: {\n    cacheControlTtl: "1h", // old\n    cacheRetention: "long",\n  } } },\n}\n',
      after: '{\n  agents: { defaults: { params: {\n    cacheRetention: "long",\n  } } },\n}\n',
    },
    {
      name: "both keys agree, legacy key last",
      before: "{ agents: { defaults: { params: { cacheRetention: 'short', cacheControlTtl: '5m' } } } }",
      after: "{ agents: { defaults: { params: { cacheRetention: 'short' } } } }",
    },
    {
      name: "params outside the known bags are left alone",
      before: "{ models: { providers: { p: { params: { cacheControlTtl: '1h' } } } }, agents: { params: { cacheControlTtl: '1h' } } }",
      after: "{ models: { providers: { p: { params: { cacheControlTtl: '1h' } } } }, agents: { params: { cacheControlTtl: '1h' } } }",
    },
    {
      name: "a config without agents",
      before: "{ gateway: { port: 1 } }",
      after: "{ gateway: { port: 1 } }",
    },
  ];
  it.each(rewrites)("$name", ({ before, after }) => {
    expect(migrate(before)).toEqual({ text: after, diagnostics: [] });
    expect(migrate(after)).toEqual({ text: after, diagnostics: [] });
  });

  const findings: { name: string; before: string; diagnostics: ReturnType<typeof migrate>["diagnostics"] }[] = [
    {
      name: "both keys disagree: both stay",
      before: "{ agents: { defaults: { params: { cacheControlTtl: '1h', cacheRetention: 'short' } } } }",
      diagnostics: [
        {
          code: "migrate/conflicting-cache-settings",
          severity: "warning",
          message: 'cacheControlTtl "1h" (cacheRetention "long") disagrees with cacheRetention "short" in the same params; it was not migrated.',
          at: "1:35-1:50",
          path: ["agents", "defaults", "params", "cacheControlTtl"],
        },
      ],
    },
    {
      name: "an invalid cacheRetention beside a valid legacy value",
      before: "{ agents: { defaults: { params: { cacheRetention: 'standard', cacheControlTtl: '5m' } } } }",
      diagnostics: [
        {
          code: "migrate/conflicting-cache-settings",
          severity: "warning",
          message: 'cacheControlTtl "5m" (cacheRetention "short") disagrees with cacheRetention "standard" in the same params; it was not migrated.',
          at: "1:63-1:78",
          path: ["agents", "defaults", "params", "cacheControlTtl"],
        },
      ],
    },
    {
      name: "an unknown legacy value is not guessed",
      before: '{ agents: { defaults: { models: { "anthropic/x": { params: { cacheControlTtl: "30m" } } } } } }',
      diagnostics: [
        {
          code: "migrate/invalid-cache-ttl",
          severity: "warning",
          message: 'cacheControlTtl is "30m", which is neither "5m" nor "1h"; it was not migrated.',
          at: "1:79-1:84",
          path: ["agents", "defaults", "models", "anthropic/x", "params", "cacheControlTtl"],
        },
      ],
    },
    {
      name: "a non-string legacy value",
      before: "{ agents: { list: [{ id: 'a', params: { cacheControlTtl: 3600 } }] } }",
      diagnostics: [
        {
          code: "migrate/invalid-cache-ttl",
          severity: "warning",
          message: 'cacheControlTtl is 3600, which is neither "5m" nor "1h"; it was not migrated.',
          at: "1:58-1:62",
          path: ["agents", "list", 0, "params", "cacheControlTtl"],
        },
      ],
    },
    {
      name: "a duplicated legacy key",
      before: "{ agents: { defaults: { params: { cacheControlTtl: '5m', cacheControlTtl: '1h' } } } }",
      diagnostics: [
        {
          code: "migrate/duplicate-key",
          severity: "warning",
          message: "agents.defaults.params sets cacheControlTtl more than once; it was not migrated.",
          at: "1:58-1:73",
          path: ["agents", "defaults", "params", "cacheControlTtl"],
        },
      ],
    },
  ];
  it.each(findings)("$name", ({ before, diagnostics }) => {
    expect(migrate(before)).toEqual({ text: before, diagnostics });
  });

  it("finds every params bag", () => {
    const config = {
      agents: {
        defaults: { params: {}, models: { "anthropic/a": { params: {} }, "openai/b": {}, c: null } },
        list: [{ id: "x", params: {}, models: { "anthropic/a": { params: {} } } }, null, { id: "y", params: [] }],
        entries: { main: { params: {} }, other: { models: { "anthropic/a": { params: {} } } } },
      },
    };
    expect(paramsBagPaths(config)).toEqual([
      ["agents", "defaults", "params"],
      ["agents", "defaults", "models", "anthropic/a", "params"],
      ["agents", "list", 0, "params"],
      ["agents", "list", 0, "models", "anthropic/a", "params"],
      ["agents", "entries", "main", "params"],
      ["agents", "entries", "other", "models", "anthropic/a", "params"],
    ]);
  });

  it("does not follow an inherited agents key", () => {
    const inherited = Object.create({ agents: { defaults: { params: {} } } }) as unknown;
    expect(paramsBagPaths(inherited)).toEqual([]);
  });
});
