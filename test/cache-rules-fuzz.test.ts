import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/pipeline.js";
import { fixText } from "../src/stages/fix.js";
import { parseConfig } from "../src/stages/parse.js";

/*
 * The cache rules and the effective-params merge read deep into agents and models: whatever
 * shape those take, linting finishes with located diagnostics and never throws.
 */
const anyValue = fc.jsonValue({ maxDepth: 3 });
const cacheValue = fc.oneof(fc.constantFrom("none", "short", "long", "5m", "1h", "standard", ""), anyValue);
const params = fc.dictionary(fc.constantFrom("cacheRetention", "cacheControlTtl", "temperature", "__proto__"), cacheValue, { maxKeys: 3 });
const modelRef = fc.constantFrom("anthropic/claude-opus-4-6", "amazon-bedrock/anthropic.claude-x", "openai/gpt-5", "proxy/c", "opus", "", "a/");
const modelEntry = fc.oneof(fc.record({ alias: fc.oneof(fc.constantFrom("opus", "Opus"), anyValue), params: fc.oneof(params, anyValue) }, { requiredKeys: [] }), anyValue);
const models = fc.oneof(fc.dictionary(modelRef, modelEntry, { maxKeys: 3 }), anyValue);
const selection = fc.oneof(modelRef, fc.record({ primary: fc.oneof(modelRef, anyValue), fallbacks: fc.oneof(fc.array(modelRef, { maxLength: 3 }), anyValue) }, { requiredKeys: [] }), anyValue);
const agent = fc.oneof(fc.record({ id: fc.oneof(fc.constantFrom("main", "work", ""), anyValue), model: selection, models, params: fc.oneof(params, anyValue) }, { requiredKeys: [] }), anyValue);
const config = fc.record(
  {
    agents: fc.oneof(
      fc.record(
        {
          defaults: fc.oneof(fc.record({ model: selection, models, params: fc.oneof(params, anyValue) }, { requiredKeys: [] }), anyValue),
          list: fc.oneof(fc.array(agent, { maxLength: 3 }), anyValue),
          entries: fc.oneof(fc.dictionary(fc.constantFrom("main", "2", "params"), agent, { maxKeys: 2 }), anyValue),
        },
        { requiredKeys: [] },
      ),
      anyValue,
    ),
    models: fc.oneof(
      fc.record({ providers: fc.dictionary(fc.constantFrom("proxy", "anthropic", "amazon-bedrock"), fc.oneof(fc.record({ api: fc.constantFrom("anthropic-messages", "openai-completions"), params, models: fc.array(fc.record({ id: fc.constantFrom("c", "d"), params }), { maxLength: 2 }) }), anyValue), { maxKeys: 2 }) }),
      anyValue,
    ),
  },
  { requiredKeys: [] },
);

describe("cache rules on arbitrary shapes", () => {
  it.each(["auto", "api-key", "subscription"] as const)("--auth %s: never throws, every range inside the text", (auth) => {
    fc.assert(
      fc.property(config, (value) => {
        const text = JSON.stringify(value, null, 2);
        const result = lintText(text, "fuzz.json", { auth });
        for (const d of result.diagnostics) {
          expect(d.range.start.offset).toBeGreaterThanOrEqual(0);
          expect(d.range.end.offset).toBeLessThanOrEqual(text.length);
        }
        expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
      }),
      { numRuns: 150, seed: 20260901 },
    );
  });

  it("--fix output parses and a second --fix changes nothing", () => {
    fc.assert(
      fc.property(config, fc.constantFrom("api-key" as const, "subscription" as const), (value, auth) => {
        const fixed = fixText(JSON.stringify(value, null, 2), "fuzz.json", { auth });
        expect(parseConfig(fixed.text, "fuzz.json").document).toBeDefined();
        expect(fixText(fixed.text, "fuzz.json", { auth }).text).toBe(fixed.text);
      }),
      { numRuns: 100, seed: 20260901 },
    );
  });
});
