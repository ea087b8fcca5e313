import { createHash } from "node:crypto";
import { isAbsolute, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { VERSION } from "../version.js";
import type { Diagnostic, Severity, SourceRange } from "../diagnostics/diagnostic.js";
import { formatPath } from "../diagnostics/diagnostic.js";
import { RULES } from "../rules/registry.js";
import type { RuleMeta } from "../rules/rule.js";
import type { Reporter, ReporterOptions, RunReport } from "./report.js";
import { describeFixable, renderRulePage, rulePagePath, sortById } from "./rule-page.js";
import { maskSecretsInReport } from "./secret-mask.js";

/** The base id every relative artifact URI hangs off; resolved through `originalUriBaseIds`. */
const SRCROOT = "%SRCROOT%";

/** What each diagnostic namespace reports, for findings that do not come from a lint rule. */
const NAMESPACE_DESCRIPTIONS: Record<string, string> = {
  parse: "A problem found while reading the file as JSON5.",
  schema: "The config does not match the shape OpenClaw accepts.",
  include: "A problem with an `$include`.",
  env: "A problem substituting a `${VAR}` reference.",
  "env-file": "A problem in an env file given with `--env-file`.",
  "auth-store": "A problem in an auth profile store (`auth-profiles.json`).",
  migrate: "A problem found while migrating the config.",
  settings: "A problem in the project settings file `.openclaw-config.json5`.",
  "openclaw-schema": "The config does not match the OpenClaw JSON Schema given with `--openclaw-schema`.",
};

/** SARIF 2.1.0: one run, every registered rule with its help page, results with regions and fixes. */
export const sarif: Reporter = (report, options) =>
  renderSarif(
    report,
    options,
    RULES.map((r) => r.meta),
    VERSION,
  );

/** The SARIF log for a run, describing the given rules (the registry's, except in tests). */
export function renderSarif(unmasked: RunReport, options: ReporterOptions, rules: readonly RuleMeta[], version: string): string {
  const report = maskSecretsInReport(unmasked);
  const ruleMetas = sortById(rules);
  const ruleIds = new Set(ruleMetas.map((m) => `lint/${m.id}`));
  // Non-rule codes (parse/…, schema/…) become descriptors too, so every result has a ruleIndex.
  const otherCodes = new Map<string, Severity>();
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      if (ruleIds.has(d.code)) continue;
      const seen = otherCodes.get(d.code);
      otherCodes.set(d.code, seen === undefined ? d.severity : moreSevere(seen, d.severity));
    }
  }
  const descriptors = [
    ...ruleMetas.map(ruleDescriptor),
    ...[...otherCodes.keys()].sort().map((code) => codeDescriptor(code, otherCodes.get(code) as Severity)),
  ];
  const indexOf = new Map(descriptors.map((d, i) => [d.id, i]));

  const results = report.files.flatMap((file) =>
    file.diagnostics.map((d) => result(d, indexOf.get(d.code) as number, options.cwd)),
  );
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "openclaw-config",
            semanticVersion: version,
            version,
            rules: descriptors,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.cwd) } },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleDescriptor(meta: RuleMeta) {
  const page = renderRulePage(meta);
  return {
    id: `lint/${meta.id}`,
    name: meta.id,
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.docs.checks.trim() },
    // Markdown viewers (GitHub code scanning) show the full page; plain text gets what and how to fix.
    help: { text: `${meta.description}\n\n${meta.docs.checks.trim()}\n\nHow to fix: ${meta.docs.fix.trim()}`, markdown: page },
    defaultConfiguration: { level: level(meta.defaultSeverity) },
    properties: { tags: ["openclaw-config", "lint"], fixable: describeFixable(meta.fixable), docs: rulePagePath(meta.id) },
  };
}

/** Findings outside the rules have no default severity; the descriptor states the most severe one this run saw. */
function codeDescriptor(code: string, severity: Severity) {
  const namespace = code.split("/")[0] ?? code;
  const text = NAMESPACE_DESCRIPTIONS[namespace] ?? `openclaw-config reports \`${code}\`.`;
  return {
    id: code,
    name: code.slice(namespace.length + 1) || code,
    shortDescription: { text },
    help: { text: `${text} The message of each result says what is wrong and how to fix it.` },
    defaultConfiguration: { level: level(severity) },
    properties: { tags: ["openclaw-config", namespace] },
  };
}

function result(d: Diagnostic, ruleIndex: number, cwd: string) {
  const text = d.notes && d.notes.length > 0 ? `${d.message}\n${d.notes.join("\n")}` : d.message;
  const pathText = formatPath(d.path);
  return {
    ruleId: d.code,
    ruleIndex,
    level: level(d.severity),
    message: { text },
    locations: [
      {
        physicalLocation: physicalLocation(d.file, d.range, cwd),
        ...(pathText ? { logicalLocations: [{ fullyQualifiedName: pathText, kind: "member" }] } : {}),
      },
    ],
    ...(d.related && d.related.length > 0
      ? {
          relatedLocations: d.related.map((r, i) => ({
            id: i + 1,
            physicalLocation: physicalLocation(r.file, r.range, cwd),
            message: { text: r.message },
          })),
        }
      : {}),
    // Keyed on the key path, not the line, so a finding keeps its identity when lines move.
    partialFingerprints: { "openclawConfigKeyPath/v1": fingerprint(d, pathText) },
    ...(d.fix
      ? {
          fixes: [
            {
              description: { text: d.fix.description },
              artifactChanges: groupByFile(d.fix.edits).map(([file, edits]) => ({
                artifactLocation: artifactLocation(file, cwd),
                replacements: edits.map((e) => ({
                  deletedRegion: { charOffset: e.start, charLength: e.end - e.start },
                  insertedContent: { text: e.text },
                })),
              })),
            },
          ],
        }
      : {}),
  };
}

function physicalLocation(file: string, range: SourceRange, cwd: string) {
  return {
    artifactLocation: artifactLocation(file, cwd),
    region: {
      startLine: range.start.line,
      startColumn: range.start.column,
      endLine: range.end.line,
      endColumn: range.end.column,
      charOffset: range.start.offset,
      charLength: range.end.offset - range.start.offset,
    },
  };
}

/** A relative URI under %SRCROOT% for files below the working directory, else an absolute file URI. */
function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) {
    const rel = relative(cwd, file);
    if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return { uri: pathToFileURL(file).href };
    return { uri: encodePath(rel), uriBaseId: SRCROOT };
  }
  return { uri: encodePath(file), uriBaseId: SRCROOT };
}

function encodePath(path: string): string {
  return path.split(sep).join("/").split("/").map(encodeURIComponent).join("/");
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith("/") ? href : `${href}/`;
}

function moreSevere(a: Severity, b: Severity): Severity {
  const rank = { error: 2, warning: 1, info: 0 } as const;
  return rank[a] >= rank[b] ? a : b;
}

function level(severity: Severity): "error" | "warning" | "note" {
  return severity === "info" ? "note" : severity;
}

function fingerprint(d: Diagnostic, pathText: string): string {
  const where = pathText || `${d.range.start.line}:${d.range.start.column}`;
  return createHash("sha256").update(`${d.code}\0${d.file}\0${where}`).digest("hex").slice(0, 32);
}

function groupByFile<T extends { file: string }>(edits: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const e of edits) {
    const list = groups.get(e.file);
    if (list) list.push(e);
    else groups.set(e.file, [e]);
  }
  return [...groups];
}
