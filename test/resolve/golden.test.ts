import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FAKE } from "../../src/auth/fake-credential.test-support.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { formatPath } from "../../src/diagnostics/diagnostic.js";
import { compileConfig } from "../../src/resolve.js";
import { runCli } from "../cli-harness.js";

/*
 * End-to-end golden cases for `resolve` and `cache`. Each folder of test/resolve/cases holds the
 * input files, a case.json naming the command and flags, and the expected bytes: `stdout.golden`
 * (what the command prints) and `diagnostics.golden` (one line per diagnostic, from the library,
 * so the expectation does not depend on the stylish reporter's layout). Set UPDATE_GOLDEN=1 to
 * rewrite the expectations after a deliberate change, then review the diff.
 *
 * Inputs never hold credential-shaped text: `{{FAKE.name}}` placeholders are filled with the
 * generated values of fake-credential.test-support.ts in a temporary copy of the case, which is
 * where the command runs. No golden may contain a credential: redaction must have removed it.
 */

interface GoldenCase {
  description: string;
  command: "resolve" | "cache";
  input: string;
  envFiles?: string[];
  auth?: "api-key" | "subscription";
  format?: string;
  explain?: boolean;
  showSecrets?: boolean;
  exit: number;
}

const CASES_DIR = join(import.meta.dirname, "cases");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

/** One diagnostic as a stable line: `file:line:col-line:col severity code message [path]`. */
function diagnosticLine(d: Diagnostic): string {
  const range = `${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column}`;
  const path = d.path.length > 0 ? ` [${formatPath(d.path)}]` : "";
  return `${d.file}:${range} ${d.severity} ${d.code} ${d.message}${path}`;
}

function expectGolden(file: string, actual: string): void {
  if (UPDATE || !existsSync(file)) {
    writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}

const names = readdirSync(CASES_DIR).sort();
const WORK_DIR = mkdtempSync(join(tmpdir(), "occ-golden-"));
afterAll(() => rmSync(WORK_DIR, { recursive: true, force: true }));

/** Copies a case's inputs into a fresh folder, with `{{FAKE.name}}` filled in. */
function materialise(name: string): string {
  const from = join(CASES_DIR, name);
  const to = join(WORK_DIR, name);
  cpSync(from, to, { recursive: true, filter: (src) => !/\.golden$/.test(src) && !src.endsWith("case.json") });
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const file = join(dir, entry);
      if (statSync(file).isDirectory()) visit(file);
      else writeFileSync(file, fillFakes(readFileSync(file, "utf8"), relative(to, file)));
    }
  };
  visit(to);
  return to;
}

function fillFakes(text: string, file: string): string {
  return text.replace(/\{\{FAKE\.(\w+)\}\}/g, (_, key: string) => {
    const value = (FAKE as Record<string, string>)[key];
    if (value === undefined) throw new Error(`${file}: unknown placeholder FAKE.${key}`);
    return value;
  });
}

describe("resolve/cache golden cases", () => {
  it("has cases", () => {
    expect(names.length).toBeGreaterThanOrEqual(15);
  });

  it.each(names)("%s", async (name) => {
    const golden = join(CASES_DIR, name);
    const spec = JSON.parse(readFileSync(join(golden, "case.json"), "utf8")) as GoldenCase;
    const dir = materialise(name);
    const args = [spec.command, spec.input];
    for (const envFile of spec.envFiles ?? []) args.push("--env-file", envFile);
    if (spec.auth) args.push("--auth", spec.auth);
    if (spec.format) args.push("--format", spec.format);
    if (spec.explain) args.push("--explain");
    if (spec.showSecrets) args.push("--show-secrets");

    const run = await runCli(args, { cwd: dir });
    expect(run.code, run.stderr).toBe(spec.exit);
    expectGolden(join(golden, "stdout.golden"), run.stdout);
    for (const secret of Object.values(FAKE)) expect(run.stdout + run.stderr).not.toContain(secret);

    const compiled = compileConfig(
      { file: spec.input },
      { cwd: dir, envFiles: spec.envFiles ?? [], ...(spec.auth ? { auth: spec.auth } : {}) },
    );
    expectGolden(join(golden, "diagnostics.golden"), compiled.diagnostics.map((d) => `${diagnosticLine(d)}\n`).join(""));
  });
});
