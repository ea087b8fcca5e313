import type { Argv } from "yargs";
import { looksLikeSecret, redactSecret } from "../../auth/credentials.js";
import { formatPath } from "../../diagnostics/diagnostic.js";
import type { PromptCacheReport, PromptCacheRow } from "../../resolve.js";
import { describePromptCache } from "../../resolve.js";
import type { CliIO } from "../io.js";
import { EXIT } from "../io.js";
import type { CommandFactory } from "../main.js";
import type { CompileArgs } from "./resolve.js";
import { compileInputs, compileOptions, reportDiagnostics } from "./resolve.js";

/** Output formats of `cache`. */
export const CACHE_FORMATS = ["table", "json"] as const;
export type CacheFormat = (typeof CACHE_FORMATS)[number];

/** Arguments of `cache`. */
export interface CacheArgs extends CompileArgs {
  format: CacheFormat;
}

/** `openclaw-config cache`. */
export const cacheCommand: CommandFactory = (io, done) => (y) =>
  y.command(
    "cache [files..]",
    "Show the effective prompt caching per agent and Anthropic model, and whether OpenClaw honours it.",
    (cmd: Argv) =>
      compileOptions(cmd)
        .option("format", { alias: "f", choices: CACHE_FORMATS, default: "table" as CacheFormat, describe: "Output format" })
        .example("$0 cache openclaw.json --env-file ~/.openclaw/.env", "Retention, TTL and source for every agent and model")
        .example("$0 cache openclaw.json --explain", "Also list the params layers behind each row"),
    async (argv) => {
      done(await runCache(argv as unknown as CacheArgs, io));
    },
  );

/** Runs `cache` over the named inputs; returns the exit code. */
export async function runCache(args: CacheArgs, io: CliIO): Promise<number> {
  const { inputs, failed } = await compileInputs(args, io);
  const { errors } = reportDiagnostics(inputs, io);
  const reports = inputs.map(({ file, compiled }) => ({ file, report: describePromptCache(compiled) }));
  if (args.format === "json") {
    const files = reports.map(({ file, report }) => ({
      file,
      auth: report.auth,
      rows: report.rows.map((row) => {
        const { layers, ...rest } = row;
        return args.explain ? { ...rest, layers: layers.map((l) => ({ ...l, path: formatPath(l.path), ...("value" in l ? { value: shownValue(l.value, args.showSecrets) } : {}) })) } : rest;
      }),
    }));
    io.stdout.write(`${JSON.stringify({ version: 1, files }, null, 2)}\n`);
  } else {
    io.stdout.write(reports.map(({ file, report }) => formatCacheTable(file, report, args.explain, args.showSecrets)).join("\n"));
  }
  if (failed) return EXIT.usage;
  return errors > 0 ? EXIT.findings : EXIT.clean;
}

const HEADERS = ["AGENT", "MODEL", "RETENTION", "TTL", "SOURCE", "HONOURED"] as const;

/**
 * The human table: the auth mode that decides everything, one row per agent and model, and the
 * reasons a row is not honoured as numbered notes below (shared notes are numbered once).
 */
export function formatCacheTable(file: string, report: PromptCacheReport, explain: boolean, showSecrets = false): string {
  const out: string[] = [file, `auth: ${report.auth.mode} (${report.auth.source})`, ""];
  if (report.rows.length === 0) {
    out.push("No Anthropic models are configured.", "");
    return `${out.join("\n")}\n`;
  }
  const notes: string[] = [];
  const noteNumber = (reason: string): number => {
    const at = notes.indexOf(reason);
    if (at !== -1) return at + 1;
    notes.push(reason);
    return notes.length;
  };
  const cells = report.rows.map((row) => [
    row.agent,
    row.model,
    row.retention,
    row.ttl,
    row.source.text,
    row.reasons.length === 0 ? row.honoured : `${row.honoured} ${row.reasons.map((r) => `[${noteNumber(r)}]`).join("")}`,
  ]);
  const widths = HEADERS.map((header, i) => Math.max(header.length, ...cells.map((row) => (row[i] ?? "").length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => (i === values.length - 1 ? value : value.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  out.push(line(HEADERS), ...cells.map(line));
  if (notes.length > 0) {
    out.push("");
    notes.forEach((note, i) => out.push(`[${i + 1}] ${note}`));
  }
  if (explain) {
    out.push("");
    for (const row of report.rows) out.push(...explainRow(row, showSecrets));
  }
  return `${out.join("\n")}\n`;
}

/** The params layers behind one row, lowest precedence first. */
function explainRow(row: PromptCacheRow, showSecrets: boolean): string[] {
  const lines = [`${row.agent} × ${row.model}: ${row.retention} from ${row.source.text}`];
  if (row.layers.length === 0) lines.push("  no params layer sets anything for this model");
  for (const layer of row.layers) {
    const setting = layer.value === undefined ? "cacheRetention not set" : `cacheRetention ${JSON.stringify(shownValue(layer.value, showSecrets))} at ${layer.at}`;
    lines.push(`  ${layer.scope.padEnd(15)} ${formatPath(layer.path.slice(0, -1))}: ${setting}`);
  }
  return lines;
}

/** A layer's value as printed: an invalid retention can be a pasted credential, shown only with --show-secrets. */
function shownValue(value: unknown, showSecrets: boolean): unknown {
  return !showSecrets && typeof value === "string" && looksLikeSecret(value) ? redactSecret(value) : value;
}
