import type { Diagnostic, KeyPath, Severity } from "../diagnostics/diagnostic.js";
import { FILE_START } from "../diagnostics/diagnostic.js";
import type { SourceMap } from "../document/source-map.js";
import type { Rule, RuleContext, RuleReport } from "../rules/rule.js";

/** Per-rule severity: a rule's default unless overridden; `off` disables it. */
export type RuleSetting = Severity | "off";

/** Runs rules over a config value; each report becomes a Diagnostic with a located range. */
export function lintConfig<C extends RuleContext>(
  rules: readonly Rule<C>[],
  base: Omit<C, "report" | "origin">,
  file: string,
  settings: ReadonlyMap<string, RuleSetting> = new Map(),
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const sourceMap: SourceMap = base.sourceMap;
  // One context serves every rule (rules run one after another and keep nothing): `report` files
  // each finding under the rule running now. A context per rule cost ~1 KB per rule and file.
  let id = "";
  let setting: Severity = "error";
  const context = {
    ...base,
    origin: (path: KeyPath) => sourceMap.originOf(base.config, path),
    report: (finding: RuleReport) => {
      const loc = finding.at ?? sourceMap.locate(base.config, finding.path, finding.part ?? "value");
      // An explicit --rule severity overrides a rule's own per-finding tier; the default does not.
      const severity = settings.has(id) ? setting : (finding.severity ?? setting);
      diagnostics.push({
        code: `lint/${id}`,
        severity,
        message: finding.message,
        file: loc?.file ?? file,
        range: loc?.range ?? FILE_START,
        path: finding.path,
        docs: `docs/rules/${id}.md`,
        ...(finding.notes && finding.notes.length > 0 ? { notes: finding.notes } : {}),
        ...(finding.fix ? { fix: finding.fix } : {}),
        ...(finding.suggestions && finding.suggestions.length > 0 ? { suggestions: finding.suggestions } : {}),
      });
    },
  } as unknown as C;
  for (const rule of rules) {
    const chosen = settings.get(rule.meta.id) ?? rule.meta.defaultSeverity;
    if (chosen === "off") continue;
    id = rule.meta.id;
    setting = chosen;
    rule.check(context);
  }
  return diagnostics;
}
