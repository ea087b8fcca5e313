import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { github, githubStepSummary, SUMMARY_MAX_ROWS } from "./github.js";
import { SAMPLE_CWD, SAMPLE_ERROR, SAMPLE_RUN } from "./sample-run.test-support.js";

const options = { color: false, cwd: SAMPLE_CWD };

describe("github format", () => {
  it("prints one workflow command per finding", () => {
    expect(github(SAMPLE_RUN, options)).toBe(
      [
        "::error file=configs/openclaw.json5,line=2,endLine=2,col=3,endColumn=8,title=schema/unknown-key::Unknown key `agent` at the top level; did you mean `agents`?%0Aat agent%0AOpenClaw refuses to start when the config has an unknown top-level key.",
        '::warning file=configs/openclaw.json5,line=3,endLine=3,col=35,endColumn=50,title=lint/deprecated-cache-ttl::`cacheControlTtl` is deprecated; use `cacheRetention: "long"`.%0Aat agents.defaults.params.cacheControlTtl%0AFix: Replace `cacheControlTtl: "1h"` with `cacheRetention: "long"` (run with --fix).',
        "",
      ].join("\n"),
    );
  });

  it("prints nothing for a clean run", () => {
    expect(github({ files: [{ file: "a.json5", diagnostics: [] }] }, options)).toBe("");
  });

  const one = (patch: Partial<Diagnostic>): Diagnostic => ({ ...SAMPLE_ERROR, notes: [], path: [], ...patch });
  const cases: { name: string; diagnostic: Diagnostic; line: string }[] = [
    {
      name: "info becomes a notice",
      diagnostic: one({ severity: "info", message: "m" }),
      line: "::notice file=configs/openclaw.json5,line=2,endLine=2,col=3,endColumn=8,title=schema/unknown-key::m",
    },
    {
      name: "a multi-line range has no columns",
      diagnostic: one({ message: "m", range: { start: { line: 2, column: 3, offset: 4 }, end: { line: 4, column: 2, offset: 30 } } }),
      line: "::error file=configs/openclaw.json5,line=2,endLine=4,title=schema/unknown-key::m",
    },
    {
      name: "message escapes % CR LF",
      diagnostic: one({ message: "100% sure\r\nnext: a,b" }),
      line: "::error file=configs/openclaw.json5,line=2,endLine=2,col=3,endColumn=8,title=schema/unknown-key::100%25 sure%0D%0Anext: a,b",
    },
    {
      name: "properties escape : and ,",
      diagnostic: one({ message: "m", file: "dir,x/a:b%.json5" }),
      line: "::error file=dir%2Cx/a%3Ab%25.json5,line=2,endLine=2,col=3,endColumn=8,title=schema/unknown-key::m",
    },
    {
      name: "an absolute path below the working directory is made relative",
      diagnostic: one({ message: "m", file: "/repo/configs/a.json5" }),
      line: "::error file=configs/a.json5,line=2,endLine=2,col=3,endColumn=8,title=schema/unknown-key::m",
    },
    {
      name: "an absolute path elsewhere stays absolute",
      diagnostic: one({ message: "m", file: "/etc/openclaw.json" }),
      line: "::error file=/etc/openclaw.json,line=2,endLine=2,col=3,endColumn=8,title=schema/unknown-key::m",
    },
  ];
  it.each(cases)("$name", ({ diagnostic, line }) => {
    expect(github({ files: [{ file: diagnostic.file, diagnostics: [diagnostic] }] }, options)).toBe(`${line}\n`);
  });
});

describe("GitHub step summary", () => {
  it("lists totals and every finding in a Markdown table", () => {
    expect(githubStepSummary(SAMPLE_RUN, options)).toBe(
      [
        "### openclaw-config",
        "",
        "❌ 2 files checked: 1 error, 1 warning, 1 fixable with `--fix`.",
        "",
        "| file | line | severity | rule | message |",
        "|---|---|---|---|---|",
        "| configs/openclaw.json5 | 2:3 | 🔴 error | `schema/unknown-key` | Unknown key `agent` at the top level; did you mean `agents`? |",
        '| configs/openclaw.json5 | 3:35 | 🟡 warning | `lint/deprecated-cache-ttl` | `cacheControlTtl` is deprecated; use `cacheRetention: "long"`. |',
        "",
        "",
      ].join("\n"),
    );
  });

  it("says so when everything is clean", () => {
    expect(githubStepSummary({ files: [{ file: "a.json5", diagnostics: [] }] }, options)).toBe(
      "### openclaw-config\n\n✅ 1 file checked: 0 errors, 0 warnings, 0 fixable with `--fix`.\n\n",
    );
  });

  it("escapes pipes and line breaks in cells", () => {
    const d: Diagnostic = { ...SAMPLE_ERROR, message: "a | b\nc" };
    expect(githubStepSummary({ files: [{ file: d.file, diagnostics: [d] }] }, options)).toContain(
      "| configs/openclaw.json5 | 2:3 | 🔴 error | `schema/unknown-key` | a \\| b c |\n",
    );
  });

  it(`stops after ${SUMMARY_MAX_ROWS} rows and says how many were left out`, () => {
    const many = Array.from({ length: SUMMARY_MAX_ROWS + 3 }, () => SAMPLE_ERROR);
    const text = githubStepSummary({ files: [{ file: SAMPLE_ERROR.file, diagnostics: many }] }, options);
    expect(text.split("\n").filter((l) => l.startsWith("| configs/")).length).toBe(SUMMARY_MAX_ROWS);
    expect(text.endsWith("\n…and 3 more; run `openclaw-config lint` locally for the full list.\n\n")).toBe(true);
  });
});
