import { describe, expect, it } from "vitest";
import { runCli } from "../../../test/cli-harness.js";
import { renderRulePage } from "../../report/rule-page.js";
import { SAMPLE_RULE } from "../../report/sample-run.test-support.js";
import { RULES } from "../../rules/registry.js";
import type { RuleMeta } from "../../rules/rule.js";
import { ruleTable, runRules } from "./rules.js";

const OTHER: RuleMeta = {
  ...SAMPLE_RULE,
  id: "invalid-cache-retention",
  description: "`cacheRetention` is not none, short or long.",
  defaultSeverity: "error",
  fixable: "suggestion",
};

function capture(run: (io: { stdout: { write(t: string): void } }) => number): { code: number; out: string } {
  let out = "";
  const code = run({ stdout: { write: (t) => void (out += t) } });
  return { code, out };
}

describe("rules command", () => {
  it("prints an aligned table sorted by id", () => {
    expect(ruleTable([SAMPLE_RULE, OTHER].sort((a, b) => (a.id < b.id ? -1 : 1)))).toBe(
      [
        "rule                     severity  fixable     description",
        "deprecated-cache-ttl     warning   yes         `cacheControlTtl` is the legacy spelling of `cacheRetention`.",
        "invalid-cache-retention  error     suggestion  `cacheRetention` is not none, short or long.",
        "",
        "2 rules, 1 fixable with `lint --fix`. Run 'openclaw-config rules <id>' for a rule's page.",
        "",
      ].join("\n"),
    );
  });

  it("says when no rule is registered", () => {
    expect(ruleTable([])).toBe("No rules are registered.\n");
  });

  const pageCases: { name: string; id: string }[] = [
    { name: "a bare id", id: "deprecated-cache-ttl" },
    { name: "a diagnostic code", id: "lint/deprecated-cache-ttl" },
  ];
  it.each(pageCases)("prints the page for $name", ({ id }) => {
    const run = capture((io) => runRules({ id, format: "text" }, io, [OTHER, SAMPLE_RULE]));
    expect(run).toEqual({ code: 0, out: renderRulePage(SAMPLE_RULE) });
  });

  it("lists rules as JSON", () => {
    const run = capture((io) => runRules({ format: "json" }, io, [OTHER, SAMPLE_RULE]));
    expect(JSON.parse(run.out)).toEqual([
      {
        id: "deprecated-cache-ttl",
        code: "lint/deprecated-cache-ttl",
        defaultSeverity: "warning",
        fixable: "fix",
        description: SAMPLE_RULE.description,
        docs: "docs/rules/deprecated-cache-ttl.md",
      },
      {
        id: "invalid-cache-retention",
        code: "lint/invalid-cache-retention",
        defaultSeverity: "error",
        fixable: "suggestion",
        description: OTHER.description,
        docs: "docs/rules/invalid-cache-retention.md",
      },
    ]);
  });

  it("rejects an unknown id with a suggestion", () => {
    expect(() => runRules({ id: "deprecated-cache-tll", format: "text" }, { stdout: { write() {} } }, [SAMPLE_RULE])).toThrow(
      "unknown rule 'deprecated-cache-tll'. Did you mean 'deprecated-cache-ttl'? Run 'openclaw-config rules' to list rules.",
    );
  });

  it("is registered: `rules` lists every registered rule", async () => {
    const run = await runCli(["rules"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(ruleTable([...RULES.map((r) => r.meta)].sort((a, b) => (a.id < b.id ? -1 : 1))));
  });

  it("`rules <id>` prints each registered rule's page, and an unknown id exits 2", async () => {
    for (const rule of RULES) {
      const run = await runCli(["rules", rule.meta.id]);
      expect(run).toEqual({ code: 0, stdout: renderRulePage(rule.meta), stderr: "" });
    }
    const unknown = await runCli(["rules", "no-such-rule"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^openclaw-config: unknown rule 'no-such-rule'\./);
  });
});
