import type { Diagnostic } from "../diagnostics/diagnostic.js";

/** One file's findings, as every reporter receives them. */
export interface FileReport {
  file: string;
  /** Source text for code frames; absent when the file could not be read. */
  source?: string;
  diagnostics: Diagnostic[];
}

/** The whole run: files in input order plus facts every format may print. */
export interface RunReport {
  files: FileReport[];
  /** The detected Anthropic auth mode per file (printed by the json format). */
  auth?: Record<string, { mode: string; source: string }>;
}

/** Totals for the summary line and exit code. */
export interface ReportCounts {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
}

/** Counts errors, warnings and fixable findings over a run. */
export function countReport(report: RunReport): ReportCounts {
  const counts: ReportCounts = { files: report.files.length, errors: 0, warnings: 0, infos: 0, fixable: 0 };
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      if (d.severity === "error") counts.errors++;
      else if (d.severity === "warning") counts.warnings++;
      else counts.infos++;
      if (d.fix) counts.fixable++;
    }
  }
  return counts;
}

/** Options every reporter accepts. */
export interface ReporterOptions {
  color: boolean;
  cwd: string;
}

/** Turns a run into the text of one output format. */
export type Reporter = (report: RunReport, options: ReporterOptions) => string;
