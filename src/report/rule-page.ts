import type { RuleMeta } from "../rules/rule.js";

/** How `fixable` reads in tables and pages. */
export function describeFixable(fixable: RuleMeta["fixable"]): string {
  switch (fixable) {
    case "fix":
      return "yes";
    case "suggestion":
      return "suggestion";
    case "none":
      return "no";
  }
}

/** Where a rule's page lives in the repository (the `docs` pointer of its diagnostics). */
export function rulePagePath(id: string): string {
  return `docs/rules/${id}.md`;
}

/**
 * A rule's full documentation as Markdown. The single renderer behind `openclaw-config rules <id>`,
 * docs/rules/<id>.md and the SARIF rule help, so the three never disagree.
 */
export function renderRulePage(meta: RuleMeta): string {
  const fixable =
    meta.fixable === "fix"
      ? "yes (`openclaw-config lint --fix` applies it)"
      : meta.fixable === "suggestion"
        ? "suggestion (shown, never applied automatically, because it changes meaning)"
        : "no";
  const lines = [
    `# ${meta.id}`,
    "",
    oneParagraph(meta.description),
    "",
    `- Code: \`lint/${meta.id}\``,
    `- Default severity: ${meta.defaultSeverity}`,
    `- Fixable: ${fixable}`,
    "",
    "## What it checks",
    "",
    block(meta.docs.checks),
    "",
    "## Why it matters",
    "",
    block(meta.docs.why),
    "",
    "## Invalid",
    "",
    fence(meta.docs.invalid),
    "",
    "## Valid",
    "",
    fence(meta.docs.valid),
    "",
    "## How to fix",
    "",
    block(meta.docs.fix),
    "",
  ];
  return lines.join("\n");
}

/** The one-line banner that marks a generated page; not part of the page text itself. */
export function generatedBanner(id: string): string {
  return `<!-- Generated from the metadata in src/rules/${id}.ts by scripts/generate-rule-docs.mjs. Do not edit by hand. -->`;
}

/** The exact contents of docs/rules/<id>.md. */
export function renderRuleDocFile(meta: RuleMeta): string {
  return `${generatedBanner(meta.id)}\n\n${renderRulePage(meta)}`;
}

/** The exact contents of docs/rules/README.md: an index of every rule. */
export function renderRuleIndex(rules: readonly RuleMeta[]): string {
  const lines = [
    "<!-- Generated from rule metadata by scripts/generate-rule-docs.mjs. Do not edit by hand. -->",
    "",
    "# Rules",
    "",
    "`openclaw-config rules` prints this list; `openclaw-config rules <id>` prints a rule's page.",
    "",
    "| rule | default severity | fixable | description |",
    "|---|---|---|---|",
    ...sortById(rules).map(
      (r) => `| [${r.id}](${r.id}.md) | ${r.defaultSeverity} | ${describeFixable(r.fixable)} | ${tableCell(r.description)} |`,
    ),
    "",
  ];
  return lines.join("\n");
}

/** Rules in id order (the registry is sorted, but the pages must not depend on that). */
export function sortById<T extends { id: string }>(rules: readonly T[]): T[] {
  return [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function oneParagraph(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, " ");
}

function block(text: string): string {
  return text.trim();
}

function fence(code: string): string {
  // A longer fence than any backtick run inside keeps the example intact.
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  return `${ticks}json5\n${code.replace(/^\n+|\s+$/g, "")}\n${ticks}`;
}

function tableCell(text: string): string {
  return oneParagraph(text).replace(/\|/g, "\\|");
}
