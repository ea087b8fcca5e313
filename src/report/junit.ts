import { formatPath } from "../diagnostics/diagnostic.js";
import type { Reporter } from "./report.js";
import { countReport } from "./report.js";
import { maskSecretsInReport } from "./secret-mask.js";

/**
 * JUnit XML for CI test-report views (GitLab, Jenkins, Azure): one test suite per file, one failing
 * test case per finding, and one passing case for a file without findings.
 */
export const junit: Reporter = (unmasked) => {
  const report = maskSecretsInReport(unmasked);
  const counts = countReport(report);
  const tests = report.files.reduce((n, f) => n + Math.max(1, f.diagnostics.length), 0);
  const failures = counts.errors + counts.warnings + counts.infos;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="openclaw-config" tests="${tests}" failures="${failures}" errors="0" time="0">`,
  ];
  for (const file of report.files) {
    const name = attr(file.file);
    const count = file.diagnostics.length;
    out.push(`  <testsuite name="${name}" tests="${Math.max(1, count)}" failures="${count}" errors="0" skipped="0" time="0">`);
    if (count === 0) out.push(`    <testcase classname="${name}" name="${name}" time="0"/>`);
    for (const d of file.diagnostics) {
      const position = `${d.range.start.line}:${d.range.start.column}`;
      const path = formatPath(d.path);
      const detail = [
        `${d.file}:${position} ${d.severity} ${d.message} (${d.code})`,
        ...(path ? [`at ${path}`] : []),
        ...(d.notes ?? []).map((n) => `note: ${n}`),
        ...(d.fix ? [`fix: ${d.fix.description} (run with --fix)`] : []),
      ].join("\n");
      out.push(
        `    <testcase classname="${name}" name="${attr(`${position} ${d.code}`)}" time="0">`,
        `      <failure type="${d.severity}" message="${attr(d.message)}">${text(detail)}</failure>`,
        "    </testcase>",
      );
    }
    out.push("  </testsuite>");
  }
  out.push("</testsuites>", "");
  return out.join("\n");
};

/** Characters XML 1.0 cannot carry at all, even escaped. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function text(value: string): string {
  return value.replace(NOT_XML, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function attr(value: string): string {
  return text(value).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}
