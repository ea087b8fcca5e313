import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { junit } from "./junit.js";
import { SAMPLE_CWD, SAMPLE_ERROR, SAMPLE_RUN } from "./sample-run.test-support.js";

const options = { color: false, cwd: SAMPLE_CWD };

describe("junit format", () => {
  it("writes a suite per file, a failing case per finding and a passing case per clean file", () => {
    expect(junit(SAMPLE_RUN, options)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="openclaw-config" tests="3" failures="2" errors="0" time="0">',
        '  <testsuite name="configs/openclaw.json5" tests="2" failures="2" errors="0" skipped="0" time="0">',
        '    <testcase classname="configs/openclaw.json5" name="2:3 schema/unknown-key" time="0">',
        '      <failure type="error" message="Unknown key `agent` at the top level; did you mean `agents`?">configs/openclaw.json5:2:3 error Unknown key `agent` at the top level; did you mean `agents`? (schema/unknown-key)',
        "at agent",
        "note: OpenClaw refuses to start when the config has an unknown top-level key.</failure>",
        "    </testcase>",
        '    <testcase classname="configs/openclaw.json5" name="3:35 lint/deprecated-cache-ttl" time="0">',
        '      <failure type="warning" message="`cacheControlTtl` is deprecated; use `cacheRetention: &quot;long&quot;`.">configs/openclaw.json5:3:35 warning `cacheControlTtl` is deprecated; use `cacheRetention: "long"`. (lint/deprecated-cache-ttl)',
        "at agents.defaults.params.cacheControlTtl",
        'fix: Replace `cacheControlTtl: "1h"` with `cacheRetention: "long"` (run with --fix)</failure>',
        "    </testcase>",
        "  </testsuite>",
        '  <testsuite name="configs/clean.json5" tests="1" failures="0" errors="0" skipped="0" time="0">',
        '    <testcase classname="configs/clean.json5" name="configs/clean.json5" time="0"/>',
        "  </testsuite>",
        "</testsuites>",
        "",
      ].join("\n"),
    );
  });

  const cases: { name: string; patch: Partial<Diagnostic>; failure: string }[] = [
    {
      name: "markup in messages is escaped",
      patch: { message: `<a href="x">&'</a>` },
      failure: `<failure type="error" message="&lt;a href=&quot;x&quot;&gt;&amp;'&lt;/a&gt;">configs/openclaw.json5:2:3 error &lt;a href="x"&gt;&amp;'&lt;/a&gt; (schema/unknown-key)</failure>`,
    },
    {
      name: "characters XML cannot hold are replaced",
      patch: { message: "nul\u0000 esc\u001b lone\uD800" },
      failure: `<failure type="error" message="nul\uFFFD esc\uFFFD lone\uFFFD">configs/openclaw.json5:2:3 error nul\uFFFD esc\uFFFD lone\uFFFD (schema/unknown-key)</failure>`,
    },
    {
      name: "line breaks in an attribute survive as character references",
      patch: { message: "one\ntwo" },
      failure: `<failure type="error" message="one&#10;two">configs/openclaw.json5:2:3 error one\ntwo (schema/unknown-key)</failure>`,
    },
  ];
  it.each(cases)("$name", ({ patch, failure }) => {
    const d: Diagnostic = { ...SAMPLE_ERROR, notes: [], path: [], ...patch };
    expect(junit({ files: [{ file: d.file, diagnostics: [d] }] }, options)).toContain(`      ${failure}\n`);
  });
});
