import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CliSettings, ProjectSettings } from "./settings.js";
import { mergeSettings, parseProjectSettings, ProjectSettingsResolver } from "./settings.js";

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "occ-settings-"));
  writeFileSync(join(dir, "prod.env"), "ANTHROPIC_API_KEY=x\n");
  writeFileSync(join(dir, "openclaw.schema.json"), "{}\n");
  mkdirSync(join(dir, "folder.env"));
});

const IGNORED = ".openclaw-config.json5 is ignored until its errors are fixed; files are linted with the command-line options only.";

describe("settings file validation", () => {
  const cases: {
    name: string;
    text: string;
    /** [code, message, line, column, notes] of each diagnostic. */
    diagnostics: [string, string, number, number, string[]][];
  }[] = [
    {
      name: "unknown setting with a suggestion",
      text: '{\n  envFile: ["prod.env"],\n}\n',
      diagnostics: [
        [
          "settings/unknown-key",
          "Unknown setting `envFile`; did you mean `envFiles`?",
          2,
          3,
          [".openclaw-config.json5 accepts `rules`, `auth`, `envFiles`, `openclawSchema`.", IGNORED],
        ],
      ],
    },
    {
      name: "auth value with a suggestion",
      text: '{ auth: "apikey" }',
      diagnostics: [
        ["settings/invalid-value", 'Invalid value "apikey" for `auth`: expected "auto", "api-key" or "subscription". Did you mean "api-key"?', 1, 9, [IGNORED]],
      ],
    },
    {
      name: "auth of the wrong type",
      text: "{ auth: 1 }",
      diagnostics: [["settings/invalid-value", '`auth` must be "auto", "api-key" or "subscription", but is the number 1.', 1, 9, [IGNORED]]],
    },
    {
      name: "rule level",
      text: '{ rules: { "deprecated-cache-ttl": "warnings" } }',
      diagnostics: [
        [
          "settings/invalid-value",
          'Invalid value "warnings" for `rules["deprecated-cache-ttl"]`: expected "off", "warn", "warning" or "error". Did you mean "warning"?',
          1,
          36,
          [IGNORED],
        ],
      ],
    },
    {
      name: "unknown rule id with a suggestion, reported beside other mistakes",
      text: '{\n  rules: { "deprecated-cache-tll": "off" },\n  envFiles: "prod.env",\n}\n',
      diagnostics: [
        ["settings/unknown-rule", "Unknown rule `deprecated-cache-tll`. Did you mean `deprecated-cache-ttl`?", 2, 12, ["Run `openclaw-config rules` to list the rule ids.", IGNORED]],
        ["settings/invalid-type", '`envFiles` must be an array, but is "prod.env".', 3, 13, []],
      ],
    },
    {
      name: "files that do not exist, relative to the settings folder",
      text: '{ envFiles: ["prod.env", "missing.env", "folder.env"], openclawSchema: "nope.json" }',
      diagnostics: [
        ["settings/missing-file", "Env file `missing.env` does not exist.", 1, 26, ["Paths in .openclaw-config.json5 are relative to its folder (cfg/missing.env was tried).", IGNORED]],
        ["settings/missing-file", "Env file `folder.env` is a directory.", 1, 41, ["Paths in .openclaw-config.json5 are relative to its folder (cfg/folder.env was tried)."]],
        ["settings/missing-file", "OpenClaw schema `nope.json` does not exist.", 1, 72, ["Paths in .openclaw-config.json5 are relative to its folder (cfg/nope.json was tried)."]],
      ],
    },
    {
      name: "not an object",
      text: '["rules"]',
      diagnostics: [["parse/root-not-object", "", 1, 1, []]],
    },
    {
      name: "a syntax error",
      text: "{ rules: { a: 'off' }",
      diagnostics: [["parse/unexpected-eof", "", 1, 22, []]],
    },
  ];
  it.each(cases)("$name", ({ text, diagnostics }) => {
    const loaded = parseProjectSettings(text, ".openclaw-config.json5", dir, join(dir, ".."));
    // The folder name is random; messages name it relative to the working directory.
    const relDir = dir.split("/").pop() as string;
    const shown = loaded.report.diagnostics.map((d) => [
      d.code,
      d.code.startsWith("parse/") ? "" : d.message,
      d.range.start.line,
      d.range.start.column,
      d.code.startsWith("parse/") ? [] : (d.notes ?? []).map((n) => n.replace(`${relDir}/`, "cfg/")),
    ]);
    expect(shown).toEqual(diagnostics);
    expect(loaded.settings).toBeUndefined();
    expect(loaded.report.file).toBe(".openclaw-config.json5");
    expect(loaded.report.diagnostics.every((d) => d.file === ".openclaw-config.json5")).toBe(true);
  });

  it("accepts every setting and resolves paths against the settings folder", () => {
    const text = '// CI defaults\n{\n  $schema: "x",\n  rules: { "deprecated-cache-ttl": "off", "invalid-cache-ttl": "warn" },\n  auth: "subscription",\n  envFiles: ["prod.env"],\n  openclawSchema: "openclaw.schema.json",\n}\n';
    const loaded = parseProjectSettings(text, "cfg/.openclaw-config.json5", dir, join(dir, ".."));
    const relDir = dir.split("/").pop() as string;
    expect(loaded.report.diagnostics).toEqual([]);
    expect(loaded.settings).toEqual({
      file: "cfg/.openclaw-config.json5",
      rules: new Map([
        ["deprecated-cache-ttl", "off"],
        ["invalid-cache-ttl", "warning"],
      ]),
      auth: "subscription",
      envFiles: [`${relDir}/prod.env`],
      openclawSchema: `${relDir}/openclaw.schema.json`,
    });
  });

  it("treats an empty file as no settings", () => {
    expect(parseProjectSettings(" \n", ".openclaw-config.json5", dir, dir).settings).toEqual({ file: ".openclaw-config.json5", rules: new Map() });
  });
});

describe("merging settings under the command line", () => {
  const project: ProjectSettings = {
    file: ".openclaw-config.json5",
    rules: new Map([
      ["deprecated-cache-ttl", "off"],
      ["invalid-cache-ttl", "warning"],
    ]),
    auth: "subscription",
    envFiles: ["a.env"],
    openclawSchema: "schema.json",
  };
  const cases: { name: string; project?: ProjectSettings; cli: CliSettings; expected: ReturnType<typeof mergeSettings> }[] = [
    {
      name: "settings alone",
      project,
      cli: { rules: new Map() },
      expected: {
        rules: new Map([
          ["deprecated-cache-ttl", "off"],
          ["invalid-cache-ttl", "warning"],
        ]),
        auth: "subscription",
        envFiles: ["a.env"],
        openclawSchema: "schema.json",
      },
    },
    {
      name: "flags win; --rule per rule, others replace",
      project,
      cli: { rules: new Map([["deprecated-cache-ttl", "error"]]), auth: "api-key", envFiles: ["b.env"], openclawSchema: "other.json" },
      expected: {
        rules: new Map([
          ["deprecated-cache-ttl", "error"],
          ["invalid-cache-ttl", "warning"],
        ]),
        auth: "api-key",
        envFiles: ["b.env"],
        openclawSchema: "other.json",
      },
    },
    {
      name: "an empty --env-file list keeps the settings' env files",
      project,
      cli: { rules: new Map(), envFiles: [] },
      expected: {
        rules: new Map([
          ["deprecated-cache-ttl", "off"],
          ["invalid-cache-ttl", "warning"],
        ]),
        auth: "subscription",
        envFiles: ["a.env"],
        openclawSchema: "schema.json",
      },
    },
    {
      name: "no settings file",
      cli: { rules: new Map([["invalid-cache-ttl", "off"]]) },
      expected: { rules: new Map([["invalid-cache-ttl", "off"]]), envFiles: [] },
    },
  ];
  it.each(cases)("$name", ({ project: p, cli, expected }) => {
    expect(mergeSettings(p, cli)).toEqual(expected);
  });
});

describe("finding the settings file", () => {
  let tree = "";
  beforeAll(() => {
    // outer/.openclaw-config.json5 must never apply: repo/ is a repository root.
    tree = mkdtempSync(join(tmpdir(), "occ-settings-tree-"));
    const write = (path: string, text: string) => {
      mkdirSync(join(tree, path, ".."), { recursive: true });
      writeFileSync(join(tree, path), text);
    };
    write(".openclaw-config.json5", '{ auth: "subscription" }');
    mkdirSync(join(tree, "repo", ".git"), { recursive: true });
    write("repo/.openclaw-config.json5", '{ auth: "api-key" }');
    write("repo/configs/prod/openclaw.json", "{}");
    write("repo/team/.openclaw-config.json5", '{ auth: "auto" }');
    write("repo/team/deep/openclaw.json", "{}");
    write("repo/broken/.openclaw-config.json5", "{ auth: 1 }");
    write("repo/broken/openclaw.json", "{}");
    write("other.json5", "{}");
    write("custom.json5", '{ auth: "subscription" }');
  });

  const cases: { name: string; file: string; auth?: string; from?: string }[] = [
    { name: "the nearest parent's file", file: "repo/configs/prod/openclaw.json", auth: "api-key", from: "repo/.openclaw-config.json5" },
    { name: "a closer file wins", file: "repo/team/deep/openclaw.json", auth: "auto", from: "repo/team/.openclaw-config.json5" },
    { name: "the file beside the config", file: "other.json5", auth: "subscription", from: ".openclaw-config.json5" },
    { name: "an invalid file applies nothing", file: "repo/broken/openclaw.json" },
  ];
  it.each(cases)("$name", ({ file, auth, from }) => {
    const resolver = new ProjectSettingsResolver(tree);
    const settings = resolver.forFile(file);
    expect(settings?.auth).toBe(auth);
    expect(settings?.file).toBe(from);
  });

  it("reports each settings file with findings once", () => {
    const resolver = new ProjectSettingsResolver(tree);
    resolver.forFile("repo/broken/openclaw.json");
    resolver.forFile("repo/broken/openclaw.json");
    resolver.forFile("repo/configs/prod/openclaw.json");
    expect(resolver.reports().map((r) => [r.file, r.diagnostics.map((d) => d.code)])).toEqual([
      ["repo/broken/.openclaw-config.json5", ["settings/invalid-value"]],
    ]);
  });

  it("stops at the repository root", () => {
    const resolver = new ProjectSettingsResolver(join(tree, "repo", "configs"));
    expect(resolver.forFile("prod/openclaw.json")?.file).toBe(join(tree, "repo", ".openclaw-config.json5"));
    mkdirSync(join(tree, "repo", "nosettings", ".git"), { recursive: true });
    writeFileSync(join(tree, "repo", "nosettings", "openclaw.json"), "{}");
    expect(new ProjectSettingsResolver(tree).forFile("repo/nosettings/openclaw.json")).toBeUndefined();
  });

  it("--config applies one file to every input", () => {
    const resolver = new ProjectSettingsResolver(tree, "custom.json5");
    expect(resolver.forFile("repo/team/deep/openclaw.json")?.auth).toBe("subscription");
    expect(resolver.forFile("repo/configs/prod/openclaw.json")?.file).toBe("custom.json5");
  });

  it("--config naming a missing file is a usage error", () => {
    expect(() => new ProjectSettingsResolver(tree, "nope.json5")).toThrow("--config: cannot read nope.json5: no such file");
  });
});
