import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import AjvModule from "ajv";
import { describe, expect, it } from "vitest";
import { SHARED_DIR } from "../../test/shared.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { renderRulePage } from "./rule-page.js";
import { renderSarif, sarif } from "./sarif.js";
import { SAMPLE_CWD, SAMPLE_ERROR, SAMPLE_RULE, SAMPLE_RUN } from "./sample-run.test-support.js";

const options = { color: false, cwd: SAMPLE_CWD };
const SCHEMA_FILE = join(SHARED_DIR, "schemas", "sarif-2.1.0.json");
const SCHEMA_SKIP = existsSync(SCHEMA_FILE) ? undefined : `../shared/schemas/sarif-2.1.0.json not found (${SCHEMA_FILE}); SARIF schema validation skipped`;

/** Validates a SARIF log against the published 2.1.0 schema; returns Ajv's errors (empty when valid). */
function schemaErrors(log: unknown): unknown[] {
  const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as new (options: object) => {
    compile(schema: unknown): ((data: unknown) => boolean) & { errors?: unknown[] | null };
  };
  // The schema's `format: uri` checks need ajv-formats, which the project does not ship.
  const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(JSON.parse(readFileSync(SCHEMA_FILE, "utf8")));
  return validate(log) ? [] : (validate.errors ?? []);
}

describe("sarif format", () => {
  it("writes one run with rule help, located results, fixes and fingerprints", () => {
    const page = renderRulePage(SAMPLE_RULE);
    const region = (start: [number, number, number], end: [number, number, number]) => ({
      startLine: start[0],
      startColumn: start[1],
      endLine: end[0],
      endColumn: end[1],
      charOffset: start[2],
      charLength: end[2] - start[2],
    });
    const expected = {
      $schema: "https://json.schemastore.org/sarif-2.1.0.json",
      version: "2.1.0",
      runs: [
        {
          tool: {
            driver: {
              name: "openclaw-config",
              semanticVersion: "9.9.9",
              version: "9.9.9",
              rules: [
                {
                  id: "lint/deprecated-cache-ttl",
                  name: "deprecated-cache-ttl",
                  shortDescription: { text: "`cacheControlTtl` is the legacy spelling of `cacheRetention`." },
                  fullDescription: { text: "Reports every `cacheControlTtl` key in a model's `params`." },
                  help: {
                    text: "`cacheControlTtl` is the legacy spelling of `cacheRetention`.\n\nReports every `cacheControlTtl` key in a model's `params`.\n\nHow to fix: Run `openclaw-config lint --fix`, which rewrites the key and maps `5m` to `short` and `1h` to `long`.",
                    markdown: page,
                  },
                  defaultConfiguration: { level: "warning" },
                  properties: { tags: ["openclaw-config", "lint"], fixable: "yes", docs: "docs/rules/deprecated-cache-ttl.md" },
                },
                {
                  id: "schema/unknown-key",
                  name: "unknown-key",
                  shortDescription: { text: "The config does not match the shape OpenClaw accepts." },
                  help: { text: "The config does not match the shape OpenClaw accepts. The message of each result says what is wrong and how to fix it." },
                  defaultConfiguration: { level: "error" },
                  properties: { tags: ["openclaw-config", "schema"] },
                },
              ],
            },
          },
          originalUriBaseIds: { "%SRCROOT%": { uri: "file:///repo/" } },
          columnKind: "utf16CodeUnits",
          results: [
            {
              ruleId: "schema/unknown-key",
              ruleIndex: 1,
              level: "error",
              message: {
                text: "Unknown key `agent` at the top level; did you mean `agents`?\nOpenClaw refuses to start when the config has an unknown top-level key.",
              },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: "configs/openclaw.json5", uriBaseId: "%SRCROOT%" },
                    region: region([2, 3, 4], [2, 8, 9]),
                  },
                  logicalLocations: [{ fullyQualifiedName: "agent", kind: "member" }],
                },
              ],
              partialFingerprints: { "openclawConfigKeyPath/v1": "a4d7f495181104d0c283c873c0fa7844" },
            },
            {
              ruleId: "lint/deprecated-cache-ttl",
              ruleIndex: 0,
              level: "warning",
              message: { text: '`cacheControlTtl` is deprecated; use `cacheRetention: "long"`.' },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: "configs/openclaw.json5", uriBaseId: "%SRCROOT%" },
                    region: region([3, 35, 49], [3, 50, 64]),
                  },
                  logicalLocations: [{ fullyQualifiedName: "agents.defaults.params.cacheControlTtl", kind: "member" }],
                },
              ],
              partialFingerprints: { "openclawConfigKeyPath/v1": "9a33b42c5cab902052d92432952b723d" },
              fixes: [
                {
                  description: { text: 'Replace `cacheControlTtl: "1h"` with `cacheRetention: "long"`' },
                  artifactChanges: [
                    {
                      artifactLocation: { uri: "configs/openclaw.json5", uriBaseId: "%SRCROOT%" },
                      replacements: [{ deletedRegion: { charOffset: 49, charLength: 21 }, insertedContent: { text: 'cacheRetention: "long"' } }],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(renderSarif(SAMPLE_RUN, options, [SAMPLE_RULE], "9.9.9")).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  const locationCases: { name: string; file: string; artifact: object }[] = [
    { name: "relative path", file: "a b/ü.json5", artifact: { uri: "a%20b/%C3%BC.json5", uriBaseId: "%SRCROOT%" } },
    { name: "absolute path below cwd", file: "/repo/x/openclaw.json", artifact: { uri: "x/openclaw.json", uriBaseId: "%SRCROOT%" } },
    { name: "absolute path elsewhere", file: "/etc/open claw.json", artifact: { uri: "file:///etc/open%20claw.json" } },
    { name: "standard input", file: "<stdin>", artifact: { uri: "%3Cstdin%3E", uriBaseId: "%SRCROOT%" } },
  ];
  it.each(locationCases)("artifact location of a $name", ({ file, artifact }) => {
    const d: Diagnostic = { ...SAMPLE_ERROR, file };
    const log = JSON.parse(renderSarif({ files: [{ file, diagnostics: [d] }] }, options, [], "1.0.0"));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual(artifact);
  });

  it("maps severities to SARIF levels and describes a code by its most severe finding", () => {
    const findings: Diagnostic[] = [
      { ...SAMPLE_ERROR, code: "parse/duplicate-key", severity: "info" },
      { ...SAMPLE_ERROR, code: "parse/duplicate-key", severity: "warning" },
    ];
    const log = JSON.parse(renderSarif({ files: [{ file: SAMPLE_ERROR.file, diagnostics: findings }] }, options, [], "1.0.0"));
    expect(log.runs[0].results.map((r: { level: string }) => r.level)).toEqual(["note", "warning"]);
    expect(log.runs[0].tool.driver.rules[0].defaultConfiguration).toEqual({ level: "warning" });
  });

  it("is the same bytes for the same input", () => {
    expect(sarif(SAMPLE_RUN, options)).toBe(sarif(SAMPLE_RUN, options));
  });

  it.skipIf(SCHEMA_SKIP !== undefined)("validates against the SARIF 2.1.0 JSON Schema", () => {
    const withEverything = {
      files: [
        ...SAMPLE_RUN.files,
        {
          file: "/elsewhere/b.json5",
          diagnostics: [
            {
              ...SAMPLE_ERROR,
              file: "/elsewhere/b.json5",
              severity: "info" as const,
              related: [{ file: "/elsewhere/a.json5", range: SAMPLE_ERROR.range, message: "first definition" }],
            },
          ],
        },
      ],
    };
    const logs = [
      JSON.parse(renderSarif(withEverything, options, [SAMPLE_RULE], "0.1.0")),
      JSON.parse(sarif({ files: [] }, options)),
      JSON.parse(sarif(withEverything, options)),
    ];
    for (const log of logs) expect(schemaErrors(log)).toEqual([]);
    // The validator really checks: a run without a tool is rejected.
    expect(schemaErrors({ version: "2.1.0", runs: [{ results: [] }] })).not.toEqual([]);
  });
  if (SCHEMA_SKIP) it.skip(SCHEMA_SKIP, () => {});
});
