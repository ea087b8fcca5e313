import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.js";

const REPO = join(import.meta.dirname, "..");
const COMMITTED = readFileSync(join(REPO, "schemas", "openclaw-config.schema.json"), "utf8");
const FIXTURES = join(import.meta.dirname, "fixtures", "openclaw-schema");
const OPENCLAW_SCHEMA = join(FIXTURES, "openclaw.schema.json");

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "occ-schema-"));
  writeFileSync(join(dir, "not-json.json"), "{ nope");
  writeFileSync(join(dir, "bad-type.json"), '{ "type": "text" }');
});

describe("openclaw-config schema", () => {
  it("prints the committed schema byte for byte", async () => {
    const run = await runCli(["schema"]);
    expect(run).toEqual({ code: 0, stdout: COMMITTED, stderr: "" });
  });

  it("--out writes the same bytes and prints nothing", async () => {
    const run = await runCli(["schema", "--out", "editor.schema.json"], { cwd: dir });
    expect(run).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(readFileSync(join(dir, "editor.schema.json"), "utf8")).toBe(COMMITTED);
  });

  it("--out into a missing directory is exit 2 with the reason", async () => {
    const run = await runCli(["schema", "--out", "missing/editor.schema.json"], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: "", stderr: "openclaw-config: cannot write missing/editor.schema.json: the directory does not exist\n" });
  });

  it("rejects a stray argument", async () => {
    const run = await runCli(["schema", "extra"]);
    expect(run.code).toBe(2);
  });
});

describe("lint --openclaw-schema", () => {
  it("a file valid for both schemas: exit 0", async () => {
    const run = await runCli(["lint", "--openclaw-schema", OPENCLAW_SCHEMA, "--format", "json", join(FIXTURES, "valid.json5")]);
    const report = JSON.parse(run.stdout) as { summary: { errors: number } };
    expect({ code: run.code, errors: report.summary.errors, stderr: run.stderr }).toEqual({ code: 0, errors: 0, stderr: "" });
  });

  it("without the flag, sections the project does not model pass", async () => {
    const run = await runCli(["lint", "--format", "json", join(FIXTURES, "invalid.json5")]);
    const report = JSON.parse(run.stdout) as { files: { diagnostics: { code: string }[] }[] };
    expect(report.files[0]?.diagnostics.filter((d) => d.code.startsWith("schema/"))).toEqual([]);
    expect(run.code).toBe(0);
  });

  it("with the flag, each error is located at its key or value: exit 1", async () => {
    const run = await runCli(["lint", "--openclaw-schema", OPENCLAW_SCHEMA, "--format", "json", join(FIXTURES, "invalid.json5")]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      files: { diagnostics: { code: string; message: string; pathText: string; range: { start: { line: number; column: number } } }[] }[];
    };
    const found = report.files[0]?.diagnostics.filter((d) => d.code.startsWith("openclaw-schema/"));
    expect(found?.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.code} ${d.pathText}: ${d.message}`)).toEqual([
      '5:11 openclaw-schema/invalid-type gateway.port: Expected an integer, but found a string ("18789").',
      '6:11 openclaw-schema/invalid-value gateway.bind: Invalid value "lann": expected "loopback", "lan", "tailnet" or "auto". Did you mean "lan"?',
      "8:14 openclaw-schema/unknown-key logging.levle: Unknown key `levle` in logging; did you mean `level`?",
    ]);
  });

  const unusable: { name: string; schema: () => string; stderr: () => string }[] = [
    {
      name: "a missing schema file",
      schema: () => "nope.json",
      stderr: () => "openclaw-config: --openclaw-schema: cannot read nope.json: no such file\nRun 'openclaw-config --help' for usage.\n",
    },
    {
      name: "a file that is not JSON",
      schema: () => join(dir, "not-json.json"),
      stderr: () => `openclaw-config: --openclaw-schema: ${join(dir, "not-json.json")} is not valid JSON: `,
    },
    {
      name: "a file that is not a valid schema",
      schema: () => join(dir, "bad-type.json"),
      stderr: () => `openclaw-config: --openclaw-schema: ${join(dir, "bad-type.json")} is not a usable JSON Schema: schema is invalid: `,
    },
  ];
  it.each(unusable)("$name: exit 2 before any file is linted", async ({ schema, stderr }) => {
    const run = await runCli(["lint", "--openclaw-schema", schema(), join(FIXTURES, "valid.json5")], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.startsWith(stderr()), run.stderr).toBe(true);
  });
});

describe("cold start", () => {
  it("the CLI bundle reaches Ajv only through dynamic import()", async () => {
    const result = await build({
      entryPoints: [join(REPO, "src", "cli.ts")],
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      outdir: join(dir, "bundle"),
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const outputs = result.metafile.outputs;
    const entry = Object.keys(outputs).find((name) => outputs[name]?.entryPoint === "src/cli.ts" || outputs[name]?.entryPoint?.endsWith("/src/cli.ts"));
    expect(entry).toBeDefined();
    const staticallyLoaded = new Set<string>();
    const queue = [entry as string];
    while (queue.length > 0) {
      const name = queue.pop() as string;
      if (staticallyLoaded.has(name)) continue;
      staticallyLoaded.add(name);
      for (const imported of outputs[name]?.imports ?? []) if (imported.kind === "import-statement" && !imported.external) queue.push(imported.path);
    }
    const ajvInputs = [...staticallyLoaded].flatMap((name) => Object.keys(outputs[name]?.inputs ?? {}).filter((input) => input.includes("node_modules/ajv/")));
    expect(ajvInputs).toEqual([]);
    const allInputs = Object.values(outputs).flatMap((o) => Object.keys(o.inputs));
    expect(allInputs.some((input) => input.includes("node_modules/ajv/"))).toBe(true);
  }, 60_000);
});
