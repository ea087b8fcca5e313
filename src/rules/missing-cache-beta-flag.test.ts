import { describe, expect, it } from "vitest";
import { missingCacheBetaFlag } from "./missing-cache-beta-flag.js";
import { applyFix, findings, MALFORMED_SECTIONS, runRule } from "./rule-test-kit.js";
import type { RuleRunOptions } from "./rule-test-kit.js";

const FLAG = "extended-cache-ttl-2025-04-11";
const provider = (headers: string, extra = "") => `{ models: { providers: { anthropic: { ${extra}headers: { ${headers} } } } } }`;

describe("missing-cache-beta-flag", () => {
  const valid: [string, string, RuleRunOptions?][] = [
    ["no headers", "{ models: { providers: { anthropic: { baseUrl: 'https://api.anthropic.com' } } } }"],
    ["flag present", provider(`"anthropic-beta": "${FLAG}"`)],
    ["flag among others, spaces around commas", provider(`"anthropic-beta": "context-1m-2025-08-07 , ${FLAG} "`)],
    ["header name in another case", provider(`"Anthropic-Beta": "a,${FLAG}"`)],
    ["other headers only", provider(`"User-Agent": "claude-code/0.1.0"`)],
    ["non-Anthropic provider", `{ models: { providers: { openrouter: { api: "openai-completions", headers: { "anthropic-beta": "x" } } } } }`],
    ["value from an env reference is not checked", provider(`"anthropic-beta": "\${BETAS}"`)],
    ["non-string value is left to the schema", provider(`"anthropic-beta": ["x"]`)],
    ["anthropic provider under subscription is oauth-beta-override's", provider(`"anthropic-beta": "x"`), { auth: "subscription" }],
  ];
  it.each(valid)("valid: %s", (_name, source, options) => {
    expect(findings(missingCacheBetaFlag, source, options)).toEqual([]);
  });

  const message = (owner: string) => `error The anthropic-beta header of ${owner} does not include ${FLAG}.`;
  const invalid: [string, string, RuleRunOptions, string[]][] = [
    ["provider anthropic", provider(`"anthropic-beta": "context-1m-2025-08-07"`), {}, [`1:68-1:91 ${message('provider "anthropic"')}`]],
    ["header name in upper case", provider(`"ANTHROPIC-BETA": "a"`), { auth: "api-key" }, [`1:68-1:71 ${message('provider "anthropic"')}`]],
    ["a flag that only contains the name", provider(`"anthropic-beta": "not-${FLAG}"`), {}, [`1:68-1:103 ${message('provider "anthropic"')}`]],
    [
      "custom provider speaking anthropic-messages, even under subscription",
      `{ models: { providers: { minimax: { api: "anthropic-messages", headers: { "anthropic-beta": "" } } } } }`,
      { auth: "subscription" },
      [`1:93-1:95 ${message('provider "minimax"')}`],
    ],
    [
      "model definition inherits the provider's api",
      `{
  models: {
    providers: {
      proxy: {
        api: "anthropic-messages",
        models: [
          { id: "claude-opus-4-6", headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14' } },
        ],
      },
    },
  },
}`,
      {},
      [`7:65-7:98 ${message('model "claude-opus-4-6" of provider "proxy"')}`],
    ],
    [
      "model definition with its own api under a non-Anthropic provider",
      `{ models: { providers: { gw: { api: "openai-completions", models: [{ id: "c", api: "anthropic-messages", headers: { "anthropic-beta": "x" } }] } } } }`,
      {},
      [`1:135-1:138 ${message('model "c" of provider "gw"')}`],
    ],
    [
      "provider and model level both",
      `{ models: { providers: { anthropic: { headers: { "anthropic-beta": "a" }, models: [{ id: "m", headers: { "anthropic-beta": "b" } }] } } } }`,
      {},
      [`1:68-1:71 ${message('provider "anthropic"')}`, `1:124-1:127 ${message('model "m" of provider "anthropic"')}`],
    ],
  ];
  it.each(invalid)("invalid: %s", (_name, source, options, expected) => {
    expect(findings(missingCacheBetaFlag, source, options)).toEqual(expected);
  });

  it("explains why and what to do", () => {
    const [finding] = runRule(missingCacheBetaFlag, provider(`"anthropic-beta": "a"`)).diagnostics;
    expect(finding?.code).toBe("lint/missing-cache-beta-flag");
    expect(finding?.path).toEqual(["models", "providers", "anthropic", "headers", "anthropic-beta"]);
    expect(finding?.notes).toEqual([
      `This header replaces the beta list OpenClaw sends to Anthropic, so ${FLAG} is dropped and 1-hour prompt caching (cacheRetention "long") stops working.`,
      `Append ${FLAG} to the comma-separated list (lint --fix does this).`,
    ]);
    expect(finding?.fix?.description).toBe(`Append ${FLAG} to the anthropic-beta header`);
  });

  const fixes: [string, string, string][] = [
    ["one flag, double quotes", `{ h: 1, models: { providers: { anthropic: { headers: { "anthropic-beta": "a" } } } } }`, `"a,${FLAG}"`],
    ["single quotes kept", `{ models: { providers: { anthropic: { headers: { 'anthropic-beta': 'a' } } } } }`, `'a,${FLAG}'`],
    ["comma-space style kept", `{ models: { providers: { anthropic: { headers: { "anthropic-beta": "a, b" } } } } }`, `"a, b, ${FLAG}"`],
    ["trailing separator dropped", `{ models: { providers: { anthropic: { headers: { "anthropic-beta": "a,b, " } } } } }`, `"a,b,${FLAG}"`],
    ["empty value", `{ models: { providers: { anthropic: { headers: { "anthropic-beta": "" } } } } }`, `"${FLAG}"`],
  ];
  it.each(fixes)("fix: %s", (_name, source, newValue) => {
    const [finding] = runRule(missingCacheBetaFlag, source).diagnostics;
    const fixed = applyFix(source, finding?.fix);
    expect(fixed).toBe(source.replace(/(["'])[^"']*\1 \} \} \} \} \}$/, `${newValue} } } } } }`));
    // Fixed once, clean after.
    expect(findings(missingCacheBetaFlag, fixed)).toEqual([]);
  });

  it("fix keeps comments and the rest of the file byte for byte", () => {
    const source = `// gateway config\r\n{\r\n  models: { providers: { anthropic: {\r\n    headers: { "anthropic-beta": "a" }, // keep\r\n  } } },\r\n}\r\n`;
    const [finding] = runRule(missingCacheBetaFlag, source).diagnostics;
    expect(applyFix(source, finding?.fix)).toBe(source.replace(`"a" }`, `"a,${FLAG}" }`));
  });

  it.each(MALFORMED_SECTIONS)("ignores malformed sections: %s", (_name, source) => {
    expect(findings(missingCacheBetaFlag, source, { auth: "api-key" })).toEqual([]);
  });
});
