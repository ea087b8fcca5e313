import { formatPath } from "../diagnostics/diagnostic.js";
import { LineIndex } from "../document/lines.js";
import { codeFrame } from "./code-frame.js";
import { palette } from "./color.js";
import type { Reporter } from "./report.js";
import { countReport } from "./report.js";
import { maskSecretsInLine, maskSecretsInReport } from "./secret-mask.js";

/** Human output: per file, each finding with position, message, code, key path, code frame and notes. */
export const stylish: Reporter = (unmasked, options) => {
  const report = maskSecretsInReport(unmasked);
  const c = palette(options.color);
  const out: string[] = [];
  for (const file of report.files) {
    if (file.diagnostics.length === 0) continue;
    out.push(c.underline(file.file));
    const lines = file.source !== undefined ? new LineIndex(file.source) : undefined;
    for (const d of file.diagnostics) {
      const severity = d.severity === "error" ? c.red("error") : d.severity === "warning" ? c.yellow("warning") : c.blue("info");
      const position = `${d.range.start.line}:${d.range.start.column}`;
      out.push(`  ${c.dim(position.padEnd(7))} ${severity}  ${d.message}  ${c.dim(d.code)}`);
      if (d.path.length > 0) out.push(`  ${" ".repeat(7)} ${c.dim(`at ${formatPath(d.path)}`)}`);
      const sameFile = d.file === file.file;
      if (lines && sameFile && file.source !== "") {
        out.push(indent(codeFrame(lines, d.range, c, { redact: maskSecretsInLine }), 4));
      }
      for (const note of d.notes ?? []) out.push(`    ${c.cyan("note:")} ${note}`);
      for (const related of d.related ?? []) {
        out.push(`    ${c.cyan("see:")} ${related.file}:${related.range.start.line}:${related.range.start.column} (${related.message})`);
      }
      if (d.fix) out.push(`    ${c.cyan("fix:")} ${d.fix.description} (run with --fix)`);
      for (const s of d.suggestions ?? []) out.push(`    ${c.cyan("suggestion:")} ${s.description}`);
      out.push("");
    }
  }
  const counts = countReport(report);
  const problems = counts.errors + counts.warnings + counts.infos;
  if (problems === 0) return "";
  // "in 2 of 340 files" when only some files have findings, so a batch run also says how much was checked.
  const withProblems = report.files.filter((f) => f.diagnostics.length > 0).length;
  const where = withProblems === counts.files ? `${counts.files} file${counts.files === 1 ? "" : "s"}` : `${withProblems} of ${counts.files} files`;
  const summary = `${problems} problem${problems === 1 ? "" : "s"} (${counts.errors} error${counts.errors === 1 ? "" : "s"}, ${counts.warnings} warning${counts.warnings === 1 ? "" : "s"}) in ${where}`;
  out.push((counts.errors > 0 ? c.red : c.yellow)(c.bold(`✖ ${summary}`)));
  if (counts.fixable > 0) out.push(c.dim(`  ${counts.fixable} fixable with \`--fix\`.`));
  return `${out.join("\n")}\n`;
};

function indent(text: string, n: number): string {
  const pad = " ".repeat(n);
  return text
    .split("\n")
    .map((l) => pad + l)
    .join("\n");
}
