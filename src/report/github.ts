import { isAbsolute, relative, sep } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { formatPath } from "../diagnostics/diagnostic.js";
import type { FileReport, Reporter, ReporterOptions, RunReport } from "./report.js";
import { countReport } from "./report.js";
import { maskSecretsInReport } from "./secret-mask.js";

/** Rows the step summary lists before it stops (GitHub caps a step summary at 1 MiB). */
export const SUMMARY_MAX_ROWS = 500;

/** GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding. */
export const github: Reporter = (unmasked, options) => {
  const report = maskSecretsInReport(unmasked);
  const out: string[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) out.push(annotation(d, options.cwd));
  }
  return out.length > 0 ? `${out.join("\n")}\n` : "";
};

function annotation(d: Diagnostic, cwd: string): string {
  const command = d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "notice";
  const { start, end } = d.range;
  const props: [string, string | number][] = [["file", workspacePath(d.file, cwd)], ["line", start.line], ["endLine", end.line]];
  // GitHub honours columns only for a single-line range; elsewhere they would mark the wrong text.
  if (start.line === end.line) props.push(["col", start.column], ["endColumn", Math.max(end.column, start.column)]);
  props.push(["title", d.code]);
  const path = formatPath(d.path);
  const body = [d.message, ...(path ? [`at ${path}`] : []), ...(d.notes ?? []), ...(d.fix ? [`Fix: ${d.fix.description} (run with --fix).`] : [])].join("\n");
  return `::${command} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(",")}::${escapeData(body)}`;
}

/**
 * A Markdown report for `$GITHUB_STEP_SUMMARY`: totals and a table of every finding, because the
 * Checks UI shows only the first ten annotations of each kind per step.
 */
export function githubStepSummary(unmasked: RunReport, options: Pick<ReporterOptions, "cwd">): string {
  const report = maskSecretsInReport(unmasked);
  const counts = countReport(report);
  const lines = ["### openclaw-config", ""];
  const findings = report.files.flatMap((f: FileReport) => f.diagnostics);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  lines.push(
    `${counts.errors > 0 ? "❌" : counts.warnings > 0 ? "⚠️" : "✅"} ${plural(counts.files, "file")} checked: ${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")}, ${counts.fixable} fixable with \`--fix\`.`,
    "",
  );
  if (findings.length === 0) return `${lines.join("\n")}\n`;
  lines.push("| file | line | severity | rule | message |", "|---|---|---|---|---|");
  for (const d of findings.slice(0, SUMMARY_MAX_ROWS)) {
    const severity = d.severity === "error" ? "🔴 error" : d.severity === "warning" ? "🟡 warning" : "🔵 info";
    lines.push(
      `| ${cell(workspacePath(d.file, options.cwd))} | ${d.range.start.line}:${d.range.start.column} | ${severity} | \`${d.code}\` | ${cell(d.message)} |`,
    );
  }
  if (findings.length > SUMMARY_MAX_ROWS) lines.push("", `…and ${findings.length - SUMMARY_MAX_ROWS} more; run \`openclaw-config lint\` locally for the full list.`);
  return `${lines.join("\n")}\n\n`;
}

/** GitHub resolves annotation paths against the workspace, so paths below the working directory are made relative. */
function workspacePath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return file.split(sep).join("/");
  const rel = relative(cwd, file);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? file : rel.split(sep).join("/");
}

/** Escaping of a workflow command's message (GitHub's toolkit `escapeData`). */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escaping of a workflow command's property value (GitHub's toolkit `escapeProperty`). */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** A Markdown table cell: one line, pipes escaped, inline code kept. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}
