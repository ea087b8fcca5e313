import { describe, expect, it } from "vitest";
import type { EnvVar } from "../auth/dotenv.js";
import { FAKE } from "../auth/fake-credential.test-support.js";
import { parseConfig } from "./parse.js";
import { stepsOf } from "./provenance.js";
import { mayHoldReference, scanReferences, substituteEnv } from "./substitute-env.js";

const vars = (entries: Record<string, string>): Map<string, EnvVar> =>
  new Map(Object.entries(entries).map(([name, value]) => [name, { name, value, source: { kind: "process" } } satisfies EnvVar]));

describe("scanReferences", () => {
  const cases: { input: string; pieces: unknown[] }[] = [
    { input: "plain", pieces: [{ kind: "text", text: "plain" }] },
    { input: "${A}", pieces: [{ kind: "reference", name: "A", raw: "${A}" }] },
    {
      input: "x${A_1}y${_B}",
      pieces: [
        { kind: "text", text: "x" },
        { kind: "reference", name: "A_1", raw: "${A_1}" },
        { kind: "text", text: "y" },
        { kind: "reference", name: "_B", raw: "${_B}" },
      ],
    },
    { input: "$${A}", pieces: [{ kind: "text", text: "${A}" }] },
    { input: "$$${A}", pieces: [{ kind: "text", text: "$${A}" }] },
    { input: "$$A", pieces: [{ kind: "text", text: "$$A" }] },
    { input: "cost: $5", pieces: [{ kind: "text", text: "cost: $5" }] },
    { input: "${a}", pieces: [{ kind: "malformed", raw: "${a}", problem: "lowercase" }, { kind: "text", text: "${a}" }] },
    { input: "${1A}", pieces: [{ kind: "malformed", raw: "${1A}", problem: "invalid" }, { kind: "text", text: "${1A}" }] },
    { input: "${A-B}", pieces: [{ kind: "malformed", raw: "${A-B}", problem: "invalid" }, { kind: "text", text: "${A-B}" }] },
    { input: "${}", pieces: [{ kind: "malformed", raw: "${}", problem: "empty" }, { kind: "text", text: "${}" }] },
    { input: "${A", pieces: [{ kind: "malformed", raw: "${A", problem: "unclosed" }, { kind: "text", text: "${A" }] },
    { input: "${pass:x/y}", pieces: [{ kind: "malformed", raw: "${pass:x/y}", problem: "secret-store" }, { kind: "text", text: "${pass:x/y}" }] },
    // OpenClaw consumes only the `$` of a malformed reference; a valid one inside it still counts.
    {
      input: "${a ${B}",
      pieces: [
        { kind: "malformed", raw: "${a ${B}", problem: "invalid" },
        { kind: "text", text: "${a " },
        { kind: "reference", name: "B", raw: "${B}" },
      ],
    },
    // `$${lower}` is no escape: it stays as written (and `${lower}` is flagged).
    { input: "$${a}", pieces: [{ kind: "text", text: "$" }, { kind: "malformed", raw: "${a}", problem: "lowercase" }, { kind: "text", text: "${a}" }] },
  ];
  it.each(cases)("$input", ({ input, pieces }) => {
    expect(scanReferences(input)).toEqual(pieces);
  });
});

describe("substituteEnv", () => {
  const run = (text: string, env: Record<string, string>, environmentGiven = true) => {
    const doc = parseConfig(text, "c.json5").document;
    if (!doc) throw new Error("fixture does not parse");
    return { doc, ...substituteEnv(doc.value, doc.sourceMap, { vars: vars(env), environmentGiven }) };
  };

  const cases: {
    name: string;
    text: string;
    env: Record<string, string>;
    given?: boolean;
    value: unknown;
    diagnostics: { code: string; severity: string; message: string; range: string }[];
  }[] = [
    {
      name: "substitutes strings at any depth, never keys",
      text: '{ "${K}": ["${A}", { b: "x-${A}-${A}" }], n: 1 }',
      env: { A: "v", K: "key" },
      value: { "${K}": ["v", { b: "x-v-v" }], n: 1 },
      diagnostics: [],
    },
    {
      name: "undefined variable with an environment given is an error at the reference",
      text: '{ a: "pre ${MISSING} post" }',
      env: {},
      value: { a: "pre ${MISSING} post" },
      diagnostics: [{ code: "env/undefined-variable", severity: "error", message: "`${MISSING}` refers to MISSING, which is not set.", range: "1:11-1:21" }],
    },
    {
      name: "undefined variable without an environment is a warning",
      text: '{ a: "${MISSING}" }',
      env: {},
      given: false,
      value: { a: "${MISSING}" },
      diagnostics: [{ code: "env/undefined-variable", severity: "warning", message: "`${MISSING}` refers to MISSING, which is not set.", range: "1:7-1:17" }],
    },
    {
      name: "an empty variable counts as missing",
      text: '{ a: "${E}" }',
      env: { E: "" },
      value: { a: "${E}" },
      diagnostics: [{ code: "env/empty-variable", severity: "error", message: "`${E}` refers to E, which is set but empty (in the process environment).", range: "1:7-1:11" }],
    },
    {
      name: "the second of two identical references is located at its own place",
      text: '{ a: "${M}/${M}" }',
      env: {},
      value: { a: "${M}/${M}" },
      diagnostics: [
        { code: "env/undefined-variable", severity: "error", message: "`${M}` refers to M, which is not set.", range: "1:7-1:11" },
        { code: "env/undefined-variable", severity: "error", message: "`${M}` refers to M, which is not set.", range: "1:12-1:16" },
      ],
    },
    {
      name: "a reference spelled with escapes in the source is located at the whole string",
      text: '{ a: "\\u0024{M}" }',
      env: {},
      value: { a: "${M}" },
      diagnostics: [{ code: "env/undefined-variable", severity: "error", message: "`${M}` refers to M, which is not set.", range: "1:6-1:17" }],
    },
    {
      name: "lowercase reference suggests the set uppercase name",
      text: "{ a: '${home}' }",
      env: { HOME: "/h" },
      value: { a: "${home}" },
      diagnostics: [
        {
          code: "env/malformed-reference",
          severity: "warning",
          message: "`${home}` is left as text: variable names are uppercase; did you mean `${HOME}`, which is set?",
          range: "1:7-1:14",
        },
      ],
    },
    {
      name: "bare $VAR as the whole value",
      text: '{ a: "$HOME" }',
      env: { HOME: "/h" },
      value: { a: "$HOME" },
      diagnostics: [{ code: "env/bare-reference", severity: "warning", message: "`$HOME` is left as text: OpenClaw substitutes only the `${HOME}` form.", range: "1:7-1:12" }],
    },
    {
      name: "password-store references are left for OpenClaw",
      text: '{ a: "${pass:openclaw/key}" }',
      env: {},
      value: { a: "${pass:openclaw/key}" },
      diagnostics: [
        {
          code: "env/secret-store-reference",
          severity: "info",
          message: "`${pass:openclaw/key}` is a password-store reference; this tool does not run `pass` or `gopass`, so it is shown as written.",
          range: "1:7-1:27",
        },
      ],
    },
  ];

  it.each(cases)("$name", ({ text, env, given, value, diagnostics }) => {
    const result = run(text, env, given ?? true);
    expect(result.value).toEqual(value);
    expect(
      result.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        message: d.message,
        range: `${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column}`,
      })),
    ).toEqual(diagnostics);
  });

  it("records the variables of a substituted string, marking secret ones, and keeps the source map usable", () => {
    const result = run('{ provider: { apiKey: "${ANTHROPIC_API_KEY}", url: "https://${HOST}/v1" } }', {
      ANTHROPIC_API_KEY: FAKE.anthropicApiKey,
      HOST: "example.test",
    });
    const provider = (result.value as { provider: Record<string, unknown> }).provider;
    expect(provider.apiKey).toBe(FAKE.anthropicApiKey);
    const keyStep = stepsOf(result.doc.sourceMap.get(provider, "apiKey"))[0];
    expect(keyStep).toMatchObject({ kind: "env", template: "${ANTHROPIC_API_KEY}", references: [{ variable: "ANTHROPIC_API_KEY", source: "the process environment", secret: true }] });
    const urlStep = stepsOf(result.doc.sourceMap.get(provider, "url"))[0];
    expect(urlStep).toMatchObject({ kind: "env", references: [{ variable: "HOST", secret: false }] });
    expect(result.doc.sourceMap.locate(result.value, ["provider", "url"])?.range.start).toEqual({ line: 1, column: 52, offset: 51 });
  });

  it("never puts a variable's value in a message", () => {
    const result = run('{ a: "${lower}", b: "${EMPTY}", c: "${X}" }', { EMPTY: "", lower: FAKE.generic });
    for (const d of result.diagnostics) expect(JSON.stringify(d)).not.toContain(FAKE.generic);
  });
});

describe("mayHoldReference", () => {
  it.each([
    ["{ a: 'plain', b: [1, true] }", false],
    ["{ a: '${A}' }", true],
    ["{ a: 'cost: $5' }", true],
    ["{ a: '\\x24{A}' }", true],
    ["{ a: '\\u0024{A}' }", true],
    ["{ a: 'C:\\\\temp' }", false],
  ])("%s: %s", (text, expected) => {
    expect(mayHoldReference(text)).toBe(expected);
  });

  it.each(["{ a: '\\x24' }", "{ a: '\\u0024' }", "{ a: '$' }"])("is true for %s, whose parsed string holds a `$`", (text) => {
    expect(JSON.stringify(parseConfig(text, "t.json5").document?.value)).toContain("$");
    expect(mayHoldReference(text)).toBe(true);
  });
});
