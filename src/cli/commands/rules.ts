import type { Argv } from "yargs";
import { closestMatch } from "../../diagnostics/suggest.js";
import { describeFixable, renderRulePage, rulePagePath, sortById } from "../../report/rule-page.js";
import { RULES } from "../../rules/registry.js";
import type { RuleMeta } from "../../rules/rule.js";
import type { CliIO } from "../io.js";
import { EXIT, UsageError } from "../io.js";
import type { CommandFactory } from "../main.js";

/** Arguments of `rules`. */
export interface RulesArgs {
  id?: string;
  format: "text" | "json";
}

/** `openclaw-config rules [id]`: the rule list, or one rule's full page. */
export const rulesCommand: CommandFactory = (io, done) => (y) =>
  y.command(
    "rules [id]",
    "List every lint rule, or print one rule's documentation.",
    (cmd: Argv) =>
      cmd
        .positional("id", { type: "string", describe: "A rule id (as in `lint/<id>`) to print its page" })
        .option("format", { alias: "f", choices: ["text", "json"] as const, default: "text" as const, describe: "Output format" })
        .example("$0 rules", "List the rules")
        .example("$0 rules deprecated-cache-ttl", "What the rule checks, why, examples and how to fix"),
    (argv) => {
      done(runRules(argv as unknown as RulesArgs, io, RULES.map((r) => r.meta)));
    },
  );

/** Prints the rule table or a rule page for the given rules; returns the exit code. */
export function runRules(args: RulesArgs, io: Pick<CliIO, "stdout">, rules: readonly RuleMeta[]): number {
  const sorted = sortById(rules);
  if (args.id === undefined) {
    io.stdout.write(args.format === "json" ? `${JSON.stringify(sorted.map(listEntry), null, 2)}\n` : ruleTable(sorted));
    return EXIT.clean;
  }
  const id = args.id.replace(/^lint\//, "");
  const meta = sorted.find((r) => r.id === id);
  if (!meta) {
    const suggestion = closestMatch(id, sorted.map((r) => r.id));
    throw new UsageError(`unknown rule '${args.id}'.${suggestion ? ` Did you mean '${suggestion}'?` : ""} Run 'openclaw-config rules' to list rules.`);
  }
  io.stdout.write(args.format === "json" ? `${JSON.stringify({ ...listEntry(meta), docs: meta.docs }, null, 2)}\n` : renderRulePage(meta));
  return EXIT.clean;
}

/** The aligned plain-text table `openclaw-config rules` prints. */
export function ruleTable(rules: readonly RuleMeta[]): string {
  if (rules.length === 0) return "No rules are registered.\n";
  const header = ["rule", "severity", "fixable", "description"];
  const rows = rules.map((r) => [r.id, r.defaultSeverity, describeFixable(r.fixable), r.description.trim().replace(/\s*\n\s*/g, " ")]);
  const widths = header.slice(0, -1).map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < widths.length ? c.padEnd(widths[i] as number) : c))
      .join("  ")
      .trimEnd();
  const fixable = rules.filter((r) => r.fixable === "fix").length;
  const footer = `\n${rules.length} rule${rules.length === 1 ? "" : "s"}, ${fixable} fixable with \`lint --fix\`. Run 'openclaw-config rules <id>' for a rule's page.\n`;
  return `${[line(header), ...rows.map(line)].join("\n")}\n${footer}`;
}

function listEntry(meta: RuleMeta) {
  return {
    id: meta.id,
    code: `lint/${meta.id}`,
    defaultSeverity: meta.defaultSeverity,
    fixable: meta.fixable,
    description: meta.description,
    docs: rulePagePath(meta.id),
  };
}
