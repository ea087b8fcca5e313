import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { MAX_INCLUDE_BYTES, MAX_INCLUDE_DEPTH } from "./includes.js";
import { loadConfig } from "./load.js";
import { stepsOf } from "./provenance.js";

const ROOT = mkdtempSync(join(tmpdir(), "occ-includes-"));
afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

/** Writes a case's files under a fresh folder and returns it. */
function setup(name: string, files: Record<string, string>): string {
  const dir = join(ROOT, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const brief = (d: Diagnostic) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.code} ${d.message}`;

describe("resolveIncludes (file system cases)", () => {
  it("refuses a symbolic link that points outside the config's folder", () => {
    const dir = setup("symlink-out", { "config/openclaw.json5": '{ gateway: { $include: "./linked.json5" } }\n', "outside/secret.json5": "{ port: 1 }\n" });
    symlinkSync(join(dir, "outside/secret.json5"), join(dir, "config/linked.json5"));
    const loaded = loadConfig({ file: "config/openclaw.json5" }, { cwd: dir });
    expect(loaded.diagnostics.map(brief)).toEqual([
      'config/openclaw.json5:1:24 include/outside-root Included file "./linked.json5" is a symbolic link to a file outside the config\'s folder.',
    ]);
    expect(loaded.value).toEqual({ gateway: {} });
  });

  it("follows a symbolic link that stays inside the config's folder", () => {
    const dir = setup("symlink-in", { "openclaw.json5": '{ gateway: { $include: "./alias.json5" } }\n', "real/gateway.json5": "{ port: 2 }\n" });
    symlinkSync(join(dir, "real/gateway.json5"), join(dir, "alias.json5"));
    const loaded = loadConfig({ file: "openclaw.json5" }, { cwd: dir });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.value).toEqual({ gateway: { port: 2 } });
  });

  it("refuses a file over 2 MiB without reading it", () => {
    const dir = setup("too-large", { "openclaw.json5": '{ hooks: { $include: "./big.json5" } }\n' });
    writeFileSync(join(dir, "big.json5"), `{ a: "${"x".repeat(MAX_INCLUDE_BYTES)}" }`);
    const loaded = loadConfig({ file: "openclaw.json5" }, { cwd: dir });
    expect(loaded.diagnostics.map(brief)).toEqual([
      'openclaw.json5:1:22 include/file-too-large Included file "./big.json5" is 2.0 MiB; OpenClaw reads included files up to 2 MiB.',
    ]);
  });

  it(`loads exactly ${MAX_INCLUDE_DEPTH} nested levels`, () => {
    const files: Record<string, string> = { "openclaw.json5": '{ $include: "./l1.json5" }\n' };
    for (let i = 1; i <= MAX_INCLUDE_DEPTH; i++) {
      files[`l${i}.json5`] = i < MAX_INCLUDE_DEPTH ? `{ $include: "./l${i + 1}.json5", hooks: { l${i}: ${i} } }` : `{ hooks: { l${i}: ${i} } }`;
    }
    const loaded = loadConfig({ file: "openclaw.json5" }, { cwd: setup("depth-limit", files) });
    expect(loaded.diagnostics).toEqual([]);
    expect(Object.keys((loaded.value as { hooks: object }).hooks)).toHaveLength(MAX_INCLUDE_DEPTH);
  });

  it("includes one file twice without calling it a cycle, and reads it once", () => {
    const dir = setup("diamond", {
      "openclaw.json5": '{ agents: { $include: ["./a.json5", "./b.json5"] } }\n',
      "a.json5": '{ $include: "./common.json5", defaults: { workspace: "a" } }\n',
      "b.json5": '{ $include: "./common.json5" }\n',
      "common.json5": '{ list: [{ id: "shared" }] }\n',
    });
    const loaded = loadConfig({ file: "openclaw.json5" }, { cwd: dir });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.value).toEqual({ agents: { list: [{ id: "shared" }, { id: "shared" }], defaults: { workspace: "a" } } });
    expect([...loaded.documents.keys()]).toEqual(["openclaw.json5", "a.json5", "common.json5", "b.json5"]);
  });

  it("resolves $include inside array elements and absolute paths inside the folder", () => {
    const dir = setup("in-array", { "agent.json5": '{ id: "main" }\n' });
    writeFileSync(join(dir, "openclaw.json5"), `{ agents: { list: [{ $include: ${JSON.stringify(join(dir, "agent.json5"))} }, { id: "x" }] } }\n`);
    const loaded = loadConfig({ file: "openclaw.json5" }, { cwd: dir });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.value).toEqual({ agents: { list: [{ id: "main" }, { id: "x" }] } });
  });

  it("resolves includes of standard input relative to --stdin-filename's folder", () => {
    const dir = setup("stdin", { "conf/gateway.json5": "{ port: 3 }\n" });
    const loaded = loadConfig({ text: '{ gateway: { $include: "./gateway.json5" } }', file: "conf/openclaw.json5" }, { cwd: dir });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.value).toEqual({ gateway: { port: 3 } });
    expect(loaded.sourceMap.locate(loaded.value, ["gateway", "port"])?.file).toBe("conf/gateway.json5");
  });

  it("locates merged values in the file that wrote them, with the include in their history", () => {
    const dir = setup("locate", {
      "openclaw.json5": '{\n  agents: {\n    $include: "./agents.json5",\n    defaults: { workspace: "~/w" },\n  },\n}\n',
      "agents.json5": '{\n  defaults: {\n    timeoutSeconds: 60,\n  },\n}\n',
    });
    const loaded = loadConfig({ file: "openclaw.json5" }, { cwd: dir });
    const timeout = loaded.sourceMap.locate(loaded.value, ["agents", "defaults", "timeoutSeconds"]);
    expect({ file: timeout?.file, line: timeout?.range.start.line }).toEqual({ file: "agents.json5", line: 3 });
    expect(stepsOf(timeout?.origin)).toEqual([{ kind: "include", file: "agents.json5", from: { file: "openclaw.json5", line: 3 } }]);
    const workspace = loaded.sourceMap.locate(loaded.value, ["agents", "defaults", "workspace"]);
    expect({ file: workspace?.file, line: workspace?.range.start.line }).toEqual({ file: "openclaw.json5", line: 4 });
  });

  it("gives an included array file's elements their own locations", () => {
    const dir = setup("array-file", { "openclaw.json5": '{ agents: { list: { $include: "./list.json5" } } }\n', "list.json5": '[\n  { id: "a" },\n  { id: "b" },\n]\n' });
    const loaded = loadConfig({ file: "openclaw.json5" }, { cwd: dir });
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.value).toEqual({ agents: { list: [{ id: "a" }, { id: "b" }] } });
    expect(loaded.sourceMap.locate(loaded.value, ["agents", "list", 1, "id"])?.range.start.line).toBe(3);
  });

  it("keeps __proto__ an ordinary key through includes and merges", () => {
    const dir = setup("proto", {
      "openclaw.json5": '{ hooks: { $include: "./a.json5", "__proto__": { polluted: true } } }\n',
      "a.json5": '{ "__proto__": { x: 1 }, constructor: { prototype: { y: 2 } } }\n',
    });
    const loaded = loadConfig({ file: "openclaw.json5" }, { cwd: dir });
    const hooks = (loaded.value as { hooks: Record<string, unknown> }).hooks;
    expect(Object.keys(hooks)).toEqual(["__proto__", "constructor"]);
    expect(Object.getPrototypeOf(hooks)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(hooks)).toBe('{"__proto__":{"x":1,"polluted":true},"constructor":{"prototype":{"y":2}}}');
  });
});

describe("resolveIncludes (nesting across files)", () => {
  it("bounds the merged nesting even when each file stays under the parser's limit", () => {
    const deep = (depth: number, inner: string) => `${"[".repeat(depth)}${inner}${"]".repeat(depth)}`;
    const files: Record<string, string> = { "openclaw.json5": `{ hooks: { $include: "./f1.json5" } }` };
    for (let i = 1; i <= 3; i++) {
      files[`f${i}.json5`] = `{ x: ${deep(900, i < 3 ? `{ $include: "./f${i + 1}.json5" }` : "1")} }`;
    }
    const loaded = loadConfig({ file: "openclaw.json5" }, { cwd: setup("deep-merge", files) });
    expect(loaded.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([
      "include/too-deep: Included content nests deeper than 1000 levels; the deeper part is left out.",
    ]);
  });
});

describe("resolveIncludes (expansion budget)", () => {
  /** Files f0..f{levels-1}, each including the next `fanOut` times; the last holds `leaf`. */
  const fan = (levels: number, fanOut: number, leaf: string): Record<string, string> => {
    const files: Record<string, string> = { "openclaw.json5": `{ gateway: { $include: "f0.json5" } }\n` };
    for (let i = 0; i < levels; i++) {
      files[`f${i}.json5`] = i === levels - 1 ? `${leaf}\n` : `{ $include: [${Array.from({ length: fanOut }, () => `"f${i + 1}.json5"`).join(", ")}] }\n`;
    }
    return files;
  };

  it("stops after 2000 expanded files, at the include that would exceed it", () => {
    // 1 + 10 + 100 + 1000 + 10000 expansions of small objects: the file count runs out first.
    const loaded = loadConfig({ file: "openclaw.json5" }, { cwd: setup("fan-count", fan(5, 10, "{ port: 1 }")) });
    expect(loaded.diagnostics.map(brief)).toEqual([
      'f3.json5:1:122 include/too-many Including "f4.json5" would expand more than 2000 included files in all; it and the remaining includes are left out.',
    ]);
  });

  it("stops once merging has copied a million values, at the include that would exceed it", () => {
    // Arrays concatenate, so each level copies ten times what the level below produced.
    const loaded = loadConfig({ file: "openclaw.json5" }, { cwd: setup("fan-size", fan(6, 10, `{ list: [${Array.from({ length: 100 }, (_, k) => k).join(", ")}] }`)) });
    expect(loaded.diagnostics.map(brief)).toEqual([
      'f4.json5:1:98 include/too-many Including "f5.json5" would copy more than 1,000,000 values while merging includes; it and the remaining includes are left out.',
    ]);
  });
});
