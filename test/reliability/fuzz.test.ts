import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic, SourceRange, TextEdit } from "../../src/diagnostics/diagnostic.js";
import { LineIndex } from "../../src/document/lines.js";
import { migrateDocument } from "../../src/migrations/index.js";
import { lintText } from "../../src/pipeline.js";
import { compileConfig, describePromptCache, resolveConfig } from "../../src/resolve.js";
import { fixText } from "../../src/stages/fix.js";
import { parseConfig } from "../../src/stages/parse.js";
import { runCli } from "../cli-harness.js";
import { fuzzedConfigTextArb, fuzzParameters, fuzzRuns } from "./fuzz-config.js";

/*
 * Property suite over generated and mutated OpenClaw configs (see fuzz-config.ts). The default run
 * is short, for CI (150 cases for each library property, 10 for the CLI one: 610 in all, a few
 * seconds). OPENCLAW_FUZZ_RUNS=20000 is the long run: 20,000 cases for each library property and
 * 1,000 for the CLI one. OPENCLAW_FUZZ_SEED replays a failure. Each property counts its cases and
 * checks the count, so a property that silently ran nothing fails.
 */

/** Runs per property in CI. The CLI property runs 16 commands a case, so the long run gives it 1/20 of the runs. */
const CI_RUNS = 150;
const CI_CLI_RUNS = 10;
const CLI_SHARE = 1 / 20;
const FILE = "openclaw.json5";

/** A test's time limit: a minute, plus a generous allowance per case for the long run on a busy machine. */
const timeoutFor = (runs: number, msPerCase: number) => 60_000 + runs * msPerCase;

const counts = new Map<string, number>();
const count = (property: string) => counts.set(property, (counts.get(property) ?? 0) + 1);

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "occ-fuzz-"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (process.env.OPENCLAW_RELIABILITY_REPORT) {
    process.stdout.write(`\nfuzz cases run: ${[...counts].map(([p, n]) => `${p}=${n}`).join(", ")}\n`);
  }
});

/** Why a range is not a well-formed range of `text`, or undefined when it is. */
function rangeProblem(range: SourceRange, text: string, lines: LineIndex): string | undefined {
  const { start, end } = range;
  if (!(0 <= start.offset && start.offset <= end.offset && end.offset <= text.length)) return `offsets ${start.offset}..${end.offset} outside 0..${text.length}`;
  for (const p of [start, end]) {
    const expected = lines.position(p.offset);
    if (expected.line !== p.line || expected.column !== p.column) return `offset ${p.offset} is ${expected.line}:${expected.column}, not ${p.line}:${p.column}`;
  }
  return undefined;
}

function editProblem(edit: TextEdit, text: string): string | undefined {
  if (!(Number.isInteger(edit.start) && Number.isInteger(edit.end) && 0 <= edit.start && edit.start <= edit.end && edit.end <= text.length)) {
    return `edit ${edit.start}..${edit.end} outside 0..${text.length}`;
  }
  return undefined;
}

/** Every located part of a diagnostic that points into `file` lies inside `text` with consistent line/column. */
function expectInside(diagnostics: readonly Diagnostic[], file: string, text: string): void {
  const lines = new LineIndex(text);
  for (const d of diagnostics) {
    const problems: (string | undefined)[] = [];
    if (d.file === file) problems.push(rangeProblem(d.range, text, lines));
    for (const r of d.related ?? []) if (r.file === file) problems.push(rangeProblem(r.range, text, lines));
    for (const fix of [...(d.fix ? [d.fix] : []), ...(d.suggestions ?? [])]) {
      for (const edit of fix.edits) if (edit.file === file) problems.push(editProblem(edit, text));
    }
    const problem = problems.find((p) => p !== undefined);
    if (problem) throw new Error(`${d.code} "${d.message}": ${problem}`);
  }
}

/** `agent model` and the effective retention of every row of the cache table, under API-key auth (so auth fixes do not matter). */
function effectiveRetentions(text: string): [string, string][] {
  const compiled = compileConfig({ text, file: FILE }, { cwd: dir, auth: "api-key" });
  if (compiled.value === undefined) return [];
  return describePromptCache(compiled).rows.map((row) => [`${row.agent} ${row.model}`, row.retention]);
}

describe("fuzz: generated and mutated configs", () => {
  it("lint never throws, locates every finding inside the file, and is deterministic", { timeout: timeoutFor(fuzzRuns(CI_RUNS), 50) }, () => {
    const runs = fuzzRuns(CI_RUNS);
    fc.assert(
      fc.property(fuzzedConfigTextArb, (text) => {
        count("lint");
        const first = lintText(text, FILE);
        expectInside(first.diagnostics, FILE, text);
        for (const d of first.diagnostics) expect(d.code).not.toMatch(/internal|failed/);
        expect(JSON.stringify(lintText(text, FILE).diagnostics)).toBe(JSON.stringify(first.diagnostics));
      }),
      fuzzParameters(runs),
    );
    expect(counts.get("lint")).toBe(runs);
  });

  it("fix produces text that parses, and fixing twice equals fixing once", { timeout: timeoutFor(fuzzRuns(CI_RUNS), 50) }, () => {
    const runs = fuzzRuns(CI_RUNS);
    fc.assert(
      fc.property(fuzzedConfigTextArb, (text) => {
        count("fix");
        const parsed = parseConfig(text, FILE);
        const parsedBefore = parsed.document !== undefined;
        const once = fixText(text, FILE);
        expectInside(once.result.diagnostics, FILE, once.text);
        if (!parsedBefore) {
          expect(once.text).toBe(text);
          return;
        }
        const reparsed = parseConfig(once.text, FILE);
        expect(reparsed.document, reparsed.diagnostics[0]?.message).toBeDefined();
        expect(fixText(once.text, FILE).text).toBe(once.text);
        if (once.applied === 0) expect(once.text).toBe(text);
        // Safe fixes keep the prompt caching this tool resolves (it migrates first, as a fix does). A fix may
        // add a models entry, which adds a row to the table; every row that was there keeps its retention.
        // Not with duplicate keys: the migration deliberately leaves a duplicated key alone (migrate/duplicate-key),
        // so the tool's view of such a file is OpenClaw's own, which a fix may then change on purpose.
        else if (!parsed.diagnostics.some((d) => d.code === "parse/duplicate-key")) {
          const after = new Map(effectiveRetentions(once.text));
          for (const [row, retention] of effectiveRetentions(text)) expect(after.get(row), row).toBe(retention);
        }
      }),
      fuzzParameters(runs),
    );
    expect(counts.get("fix")).toBe(runs);
  });

  it("migrate never fails internally, its output parses, and migrating twice equals migrating once", { timeout: timeoutFor(fuzzRuns(CI_RUNS), 50) }, () => {
    const runs = fuzzRuns(CI_RUNS);
    fc.assert(
      fc.property(fuzzedConfigTextArb, (text) => {
        count("migrate");
        const parsed = parseConfig(text, FILE);
        if (!parsed.document) return;
        const once = migrateDocument(parsed.document);
        expect(once.diagnostics.filter((d) => d.code === "migrate/failed").map((d) => d.message)).toEqual([]);
        expectInside(once.diagnostics, FILE, text);
        const after = once.files[0]?.after ?? text;
        const reparsed = parseConfig(after, FILE);
        expect(reparsed.document).toBeDefined();
        if (reparsed.document) expect(migrateDocument(reparsed.document).files).toEqual([]);
      }),
      fuzzParameters(runs),
    );
    expect(counts.get("migrate")).toBe(runs);
  });

  it("resolve never throws, locates its findings, and gives the same result twice", { timeout: timeoutFor(fuzzRuns(CI_RUNS), 50) }, () => {
    const runs = fuzzRuns(CI_RUNS);
    fc.assert(
      fc.property(fuzzedConfigTextArb, (text) => {
        count("resolve");
        const file = join(dir, FILE);
        const first = resolveConfig({ text, file }, { cwd: dir });
        expectInside(first.diagnostics, file, text);
        const second = resolveConfig({ text, file }, { cwd: dir });
        expect(JSON.stringify(second.config)).toBe(JSON.stringify(first.config));
        expect(JSON.stringify(second.diagnostics)).toBe(JSON.stringify(first.diagnostics));
      }),
      fuzzParameters(runs),
    );
    expect(counts.get("resolve")).toBe(runs);
  });

  it("the CLI (lint --fix, migrate --write, resolve, cache, every lint format) exits 0, 1 or 2 with no internal error, and its writes are idempotent", { timeout: timeoutFor(fuzzRuns(CI_CLI_RUNS, CLI_SHARE), 3_000) }, async () => {
    const runs = fuzzRuns(CI_CLI_RUNS, CLI_SHARE);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fuzzedConfigTextArb, async (generated) => {
        count("cli");
        const caseDir = mkdtempSync(join(dir, `cli-${n++}-`));
        const path = join(caseDir, FILE);
        writeFileSync(path, generated);
        // What is on disk (a lone surrogate is written as U+FFFD), which is what the CLI reads.
        const text = readFileSync(path, "utf8");
        const parsedBefore = parseConfig(text, FILE).document !== undefined;
        const check = async (args: string[], options: { stdin?: string } = {}) => {
          const run = await runCli(args, { cwd: caseDir, ...options });
          expect([0, 1, 2], `${args.join(" ")}: ${run.stderr}`).toContain(run.code);
          expect(run.stderr).not.toMatch(/internal error/);
          return run;
        };
        for (const format of ["stylish", "json", "sarif", "github", "junit"]) await check(["lint", "--format", format, FILE]);
        await check(["resolve", FILE]);
        await check(["resolve", "--explain", FILE]);
        await check(["cache", "--format", "json", FILE]);
        await check(["migrate", FILE]);

        const dryRun = await check(["lint", "--fix-dry-run", "-"], { stdin: text });
        await check(["lint", "--fix", FILE]);
        const fixed = readFileSync(path, "utf8");
        // --fix writes exactly what --fix-dry-run prints, never a file that does not parse.
        expect(fixed).toBe(dryRun.code === 2 ? text : dryRun.stdout);
        if (parsedBefore) expect(parseConfig(fixed, FILE).document).toBeDefined();
        else expect(fixed).toBe(text);
        await check(["lint", "--fix", FILE]);
        expect(readFileSync(path, "utf8")).toBe(fixed);

        await check(["migrate", "--write", FILE]);
        const migrated = readFileSync(path, "utf8");
        if (parsedBefore) expect(parseConfig(migrated, FILE).document).toBeDefined();
        await check(["migrate", "--write", FILE]);
        expect(readFileSync(path, "utf8")).toBe(migrated);
        rmSync(caseDir, { recursive: true, force: true });
      }),
      fuzzParameters(runs),
    );
    expect(counts.get("cli")).toBe(runs);
  });
});
