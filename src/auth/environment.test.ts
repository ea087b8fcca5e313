import { describe, expect, it } from "vitest";
import type { EnvSource, EnvVar } from "./dotenv.js";
import { collectEnvironment, configEnvVars, describeEnvSource } from "./environment.js";
import type { EnvironmentOptions } from "./environment.js";

/** name=value@where, shadowed definitions in brackets. */
function summary(vars: Map<string, EnvVar>): string[] {
  const where = (s: EnvSource): string => (s.kind === "process" ? "process" : s.kind === "env-file" ? `${s.file}:${s.line}` : s.path.join("."));
  return [...vars.values()]
    .map((v) => `${v.name}=${v.value}@${where(v.source)}${v.shadows ? ` [${v.shadows.map((s) => `${s.value}@${where(s.source)}`).join(", ")}]` : ""}`)
    .sort();
}

describe("collectEnvironment", () => {
  const cases: [string, unknown, EnvironmentOptions, string[]][] = [
    ["nothing", {}, {}, []],
    ["config env.KEY", { env: { A: "1" } }, {}, ["A=1@env.A"]],
    ["config env.vars", { env: { vars: { A: "1" } } }, {}, ["A=1@env.vars.A"]],
    ["env.KEY beats env.vars.KEY", { env: { vars: { A: "v" }, A: "k" } }, {}, ["A=k@env.A [v@env.vars.A]"]],
    ["shellEnv and vars are not variables", { env: { shellEnv: { enabled: true }, vars: {} } }, {}, []],
    [
      "non-string and blank entries are skipped",
      { env: { A: 1, B: "  ", C: ["x"], D: null, vars: { E: "", F: 2, G: " " } } },
      {},
      ["G= @env.vars.G"],
    ],
    ["process env only when given", { env: {} }, { processEnv: { A: "p", B: undefined } }, ["A=p@process"]],
    ["env file", {}, { envFiles: [{ file: ".env", text: "A=1\nB=2" }] }, ["A=1@.env:1", "B=2@.env:2"]],
    [
      "process beats env files beats config",
      { env: { A: "c", B: "c", C: "c" } },
      { processEnv: { A: "p" }, envFiles: [{ file: ".env", text: "A=f\nB=f" }] },
      ["A=p@process [f@.env:1, c@env.A]", "B=f@.env:2 [c@env.B]", "C=c@env.C"],
    ],
    [
      "the first env file defining a name wins",
      {},
      { envFiles: [{ file: "./.env", text: "A=cwd" }, { file: "~/.openclaw/.env", text: "A=global\nB=global" }] },
      ["A=cwd@./.env:1 [global@~/.openclaw/.env:1]", "B=global@~/.openclaw/.env:2"],
    ],
    [
      "config fills a blank process variable",
      { env: { A: "c" } },
      { processEnv: { A: "  " } },
      ["A=c@env.A [  @process]"],
    ],
    ["an empty process variable still blocks env files (dotenv)", {}, { processEnv: { A: "" }, envFiles: [{ file: ".env", text: "A=f" }] }, ["A=@process [f@.env:1]"]],
    [
      "shadowed config definitions stay flat",
      { env: { vars: { A: "v" }, A: "k" } },
      { processEnv: { A: "p" } },
      ["A=p@process [k@env.A, v@env.vars.A]"],
    ],
    ["config references are kept raw", { env: { A: "${A}" } }, {}, ["A=${A}@env.A"]],
  ];
  it.each(cases)("%s", (_name, config, options, expected) => {
    expect(summary(collectEnvironment(config, options).vars)).toEqual(expected);
  });

  const malformed: [string, unknown][] = [
    ["undefined", undefined],
    ["null", null],
    ["a string", "env"],
    ["an array", [{ env: { A: "1" } }]],
    ["env is an array", { env: ["A=1"] }],
    ["env is a string", { env: "A=1" }],
    ["env.vars is an array", { env: { vars: ["A"] } }],
    ["__proto__ key", JSON.parse('{"env":{"__proto__":{"A":"1"}}}')],
  ];
  it.each(malformed)("never throws on a config that is %s", (_name, config) => {
    expect(summary(collectEnvironment(config, { envFiles: [{ file: ".env", text: "B=1" }] }).vars)).toEqual(["B=1@.env:1"]);
  });

  it("ignores malformed options", () => {
    const options = { envFiles: "nope", processEnv: ["A"] } as unknown as EnvironmentOptions;
    expect(summary(collectEnvironment({ env: { C: "1" } }, options).vars)).toEqual(["C=1@env.C"]);
  });

  it("passes on env-file diagnostics in file order", () => {
    const { diagnostics } = collectEnvironment({}, { envFiles: [{ file: "a.env", text: "BAD" }, { file: "b.env", text: "X='open" }] });
    expect(diagnostics.map((d) => `${d.file} ${d.code} ${d.range.start.line}:${d.range.start.column}`)).toEqual([
      "a.env env-file/invalid-line 1:4",
      "b.env env-file/invalid-line 1:3",
    ]);
  });

  it("does not let a __proto__ variable touch prototypes", () => {
    const config = JSON.parse('{"env":{"__proto__":"x","vars":{"constructor":"y"}}}') as unknown;
    const vars = configEnvVars(config);
    expect([...vars.keys()]).toEqual(["constructor", "__proto__"]);
    expect(({} as Record<string, unknown>)["x"]).toBeUndefined();
  });
});

describe("describeEnvSource", () => {
  const cases: [EnvSource, string][] = [
    [{ kind: "process" }, "the process environment"],
    [{ kind: "env-file", file: "~/.openclaw/.env", line: 3 }, "~/.openclaw/.env line 3"],
    [{ kind: "config", path: ["env", "vars", "ANTHROPIC_API_KEY"] }, "the config's env.vars.ANTHROPIC_API_KEY"],
    [{ kind: "config", path: ["env", "MY-KEY"] }, 'the config\'s env["MY-KEY"]'],
  ];
  it.each(cases)("%j", (source, text) => {
    expect(describeEnvSource(source)).toBe(text);
  });
});
