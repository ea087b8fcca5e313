import { describe, expect, it } from "vitest";
import type { RuleMeta } from "../rules/rule.js";
import { renderRuleDocFile, renderRuleIndex, renderRulePage } from "./rule-page.js";
import { SAMPLE_RULE } from "./sample-run.test-support.js";

describe("rule pages", () => {
  it("renders what, why, examples and how to fix", () => {
    expect(renderRulePage(SAMPLE_RULE)).toBe(
      [
        "# deprecated-cache-ttl",
        "",
        "`cacheControlTtl` is the legacy spelling of `cacheRetention`.",
        "",
        "- Code: `lint/deprecated-cache-ttl`",
        "- Default severity: warning",
        "- Fixable: yes (`openclaw-config lint --fix` applies it)",
        "",
        "## What it checks",
        "",
        "Reports every `cacheControlTtl` key in a model's `params`.",
        "",
        "## Why it matters",
        "",
        "OpenClaw still reads it, but only `cacheRetention` is documented.",
        "",
        "## Invalid",
        "",
        "```json5",
        '{ params: { cacheControlTtl: "1h" } }',
        "```",
        "",
        "## Valid",
        "",
        "```json5",
        '{ params: { cacheRetention: "long" } }',
        "```",
        "",
        "## How to fix",
        "",
        "Run `openclaw-config lint --fix`, which rewrites the key and maps `5m` to `short` and `1h` to `long`.",
        "",
      ].join("\n"),
    );
  });

  const fixableCases: { fixable: RuleMeta["fixable"]; line: string }[] = [
    { fixable: "fix", line: "- Fixable: yes (`openclaw-config lint --fix` applies it)" },
    { fixable: "suggestion", line: "- Fixable: suggestion (shown, never applied automatically, because it changes meaning)" },
    { fixable: "none", line: "- Fixable: no" },
  ];
  it.each(fixableCases)("states fixable=$fixable", ({ fixable, line }) => {
    expect(renderRulePage({ ...SAMPLE_RULE, fixable }).split("\n")[6]).toBe(line);
  });

  it("fences an example that itself contains a code fence with a longer fence", () => {
    const page = renderRulePage({ ...SAMPLE_RULE, docs: { ...SAMPLE_RULE.docs, invalid: '\n// ```\n{ a: "```" }\n\n' } });
    expect(page).toContain('## Invalid\n\n````json5\n// ```\n{ a: "```" }\n````\n');
  });

  it("prefixes the docs file with a generated-file banner", () => {
    expect(renderRuleDocFile(SAMPLE_RULE)).toBe(
      `<!-- Generated from the metadata in src/rules/deprecated-cache-ttl.ts by scripts/generate-rule-docs.mjs. Do not edit by hand. -->\n\n${renderRulePage(SAMPLE_RULE)}`,
    );
  });

  it("indexes rules in id order and escapes pipes", () => {
    const other: RuleMeta = { ...SAMPLE_RULE, id: "a-rule", description: "Checks a | b.", defaultSeverity: "error", fixable: "none" };
    expect(renderRuleIndex([SAMPLE_RULE, other])).toBe(
      [
        "<!-- Generated from rule metadata by scripts/generate-rule-docs.mjs. Do not edit by hand. -->",
        "",
        "# Rules",
        "",
        "`openclaw-config rules` prints this list; `openclaw-config rules <id>` prints a rule's page.",
        "",
        "| rule | default severity | fixable | description |",
        "|---|---|---|---|",
        "| [a-rule](a-rule.md) | error | no | Checks a \\| b. |",
        "| [deprecated-cache-ttl](deprecated-cache-ttl.md) | warning | yes | `cacheControlTtl` is the legacy spelling of `cacheRetention`. |",
        "",
      ].join("\n"),
    );
  });
});
