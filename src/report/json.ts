import { formatPath } from "../diagnostics/diagnostic.js";
import type { Reporter } from "./report.js";
import { countReport } from "./report.js";
import { maskSecretsInReport } from "./secret-mask.js";

/** Version of the JSON report shape; bumped on any incompatible change (see README). */
export const JSON_REPORT_VERSION = 1;

/** Machine output: a versioned, deterministic JSON document. */
export const json: Reporter = (unmasked) => {
  const report = maskSecretsInReport(unmasked);
  const counts = countReport(report);
  const body = {
    version: JSON_REPORT_VERSION,
    tool: "openclaw-config",
    summary: counts,
    files: report.files.map((file) => ({
      file: file.file,
      ...(report.auth?.[file.file] ? { auth: report.auth[file.file] } : {}),
      errorCount: file.diagnostics.filter((d) => d.severity === "error").length,
      warningCount: file.diagnostics.filter((d) => d.severity === "warning").length,
      fixableCount: file.diagnostics.filter((d) => d.fix).length,
      diagnostics: file.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        message: d.message,
        file: d.file,
        range: d.range,
        path: d.path,
        pathText: formatPath(d.path),
        ...(d.notes ? { notes: d.notes } : {}),
        ...(d.docs ? { docs: d.docs } : {}),
        ...(d.related ? { related: d.related } : {}),
        ...(d.fix ? { fix: d.fix } : {}),
        ...(d.suggestions ? { suggestions: d.suggestions } : {}),
      })),
    })),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
};
