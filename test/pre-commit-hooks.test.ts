import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FAST_COMMAND_NAMES } from "../src/cli/fast-path.js";

const ROOT = resolve(import.meta.dirname, "..");
const CLI = join(ROOT, "dist", "cli.cjs");

/** One hook of .pre-commit-hooks.yaml; every value this repository uses is a plain scalar. */
type Hook = Record<string, string>;

/**
 * Reads the hooks file: a YAML list of flat maps of plain scalars. The project has no YAML
 * dependency, and anything fancier in the file should fail this test rather than be half-read.
 */
function readHooks(text: string): Hook[] {
  const hooks: Hook[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\s+#.*$/, "").trimEnd();
    if (line === "" || line.startsWith("#")) continue;
    const match = /^(- |  )([a-z_]+): (.+)$/.exec(line);
    if (!match) throw new Error(`unexpected line in .pre-commit-hooks.yaml: ${raw}`);
    if (match[1] === "- ") hooks.push({});
    const hook = hooks.at(-1);
    if (!hook) throw new Error("a hook must start with `- id:`");
    hook[match[2] as string] = match[3] as string;
  }
  return hooks;
}

const HOOKS = readHooks(readFileSync(join(ROOT, ".pre-commit-hooks.yaml"), "utf8"));
const hook = (id: string): Hook => {
  const found = HOOKS.find((h) => h.id === id);
  if (!found) throw new Error(`no hook ${id}`);
  return found;
};

/** What pre-commit does with a file name: match `files`, then drop what `exclude` matches (Python `re.search`). */
function selects(h: Hook, file: string): boolean {
  return new RegExp(h.files as string).test(file) && !(h.exclude !== undefined && new RegExp(h.exclude).test(file));
}

/** Runs a hook as pre-commit does: `entry` split on spaces, then `args`, then the file names; the bin is the built CLI. */
function runHook(h: Hook, files: string[], cwd: string, args: string[] = []) {
  const [bin, ...rest] = (h.entry as string).split(" ");
  expect(bin).toBe(Object.keys(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).bin)[0]);
  const run = spawnSync(process.execPath, [CLI, ...rest, ...args, ...files], { cwd, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

let dir = "";
beforeAll(() => {
  // The hooks run the published bin, so they are tested against the bundle; rebuild it when missing or older than src/.
  if (!existsSync(CLI) || statSync(CLI).mtimeMs < newestMtime(join(ROOT, "src"))) {
    const build = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }
  dir = mkdtempSync(join(tmpdir(), "occ-pre-commit-"));
  mkdirSync(join(dir, "deploy"));
  writeFileSync(
    join(dir, "openclaw.json"),
    '{\n  agents: {\n    defaults: {\n      models: {\n        "anthropic/claude-opus-4-6": { params: { cacheControlTtl: "5m" } },\n        "anthropic/claude-sonnet-4-5": { params: { cacheRetention: "standard" } },\n      },\n    },\n  },\n}\n',
  );
  writeFileSync(join(dir, "deploy", "prod.json5"), '{ agents: { defaults: { params: { cacheRetention: "long" } } } }\n');
});

describe(".pre-commit-hooks.yaml", () => {
  it("declares both hooks as node hooks", () => {
    expect(HOOKS.map((h) => [h.id, h.language, h.entry])).toEqual([
      ["openclaw-config-lint", "node", "openclaw-config lint"],
      ["openclaw-config-migrate-check", "node", "openclaw-config migrate"],
    ]);
  });

  const names: { file: string; selected: boolean }[] = [
    { file: "openclaw.json", selected: true },
    { file: "home/.openclaw/openclaw.json", selected: true },
    { file: "openclaw.prod.json", selected: true },
    { file: "deploy/openclaw-staging.json", selected: true },
    { file: "deploy/prod.json5", selected: true },
    { file: "openclaw.json5", selected: true },
    { file: "package.json", selected: false },
    { file: "tsconfig.json", selected: false },
    { file: "notopenclaw.json", selected: false },
    { file: "openclaw.json.bak", selected: false },
    { file: ".openclaw-config.json5", selected: false },
    { file: "deploy/.openclaw-config.json5", selected: false },
  ];
  it.each(names)("selects $file: $selected", ({ file, selected }) => {
    for (const h of HOOKS) expect(selects(h, file)).toBe(selected);
  });
});

describe("installing the hooks the way pre-commit does", () => {
  it("`npm pack` prints only the tarball name, which pre-commit reads from stdout", () => {
    // pre-commit installs a node hook with `npm install`, then `npm install -g $(npm pack)`; the `prepare`
    // build must not echo into that stdout (.npmrc sets foreground-scripts=false for this).
    const pack = spawnSync("npm", ["pack", "--dry-run"], { cwd: ROOT, encoding: "utf8" });
    const { name, version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect({ status: pack.status, stdout: pack.stdout }).toEqual({ status: 0, stdout: `${name}-${version}.tgz\n` });
  });
});

describe("the built package", () => {
  it("has the declarations package.json names, so TypeScript users of the library get its types", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { types: string; exports: { ".": { types: string } } };
    expect(pkg.exports["."].types).toBe(`./${pkg.types}`);
    const declarations = readFileSync(join(ROOT, pkg.types), "utf8");
    expect(declarations).toContain("export { lintText }");
    expect(declarations).toContain("export { resolveConfig }");
    // Every module the index re-exports from was emitted beside it.
    for (const [, from] of declarations.matchAll(/from "(\.[^"]+)\.js"/g)) expect(existsSync(join(ROOT, "dist", "types", `${from}.d.ts`)), from).toBe(true);
  });
});

describe("running the hooks the way pre-commit does", () => {
  it("openclaw-config-lint fails on a config with an error and prints the findings", () => {
    const run = runHook(hook("openclaw-config-lint"), ["openclaw.json", "deploy/prod.json5"], dir);
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n").filter((l) => /^ {2}\d+:\d+ /.test(l))).toEqual([
      '  5:50    warning  cacheControlTtl is deprecated; use cacheRetention: "short".  lint/deprecated-cache-ttl',
      '  6:68    error  Invalid cacheRetention "standard": expected "none", "short" or "long".  lint/invalid-cache-retention',
    ]);
    expect(run.stderr).toBe("");
  });

  it("openclaw-config-lint passes a clean config silently", () => {
    expect(runHook(hook("openclaw-config-lint"), ["deploy/prod.json5"], dir)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("openclaw-config-lint keeps the file names apart from repeatable `args`", () => {
    const run = runHook(hook("openclaw-config-lint"), ["openclaw.json", "deploy/prod.json5"], dir, ["--rule", "invalid-cache-retention=warn", "--quiet"]);
    expect(run).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("openclaw-config-migrate-check fails and prints the diff while a migration is pending", () => {
    const run = runHook(hook("openclaw-config-migrate-check"), ["openclaw.json", "deploy/prod.json5"], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('-        "anthropic/claude-opus-4-6": { params: { cacheControlTtl: "5m" } },\n');
    expect(run.stdout).toContain('+        "anthropic/claude-opus-4-6": { params: { cacheRetention: "short" } },\n');
    expect(run.stdout).not.toContain("deploy/prod.json5");
  });

  it("openclaw-config-migrate-check passes when nothing is pending", () => {
    expect(runHook(hook("openclaw-config-migrate-check"), ["deploy/prod.json5"], dir)).toMatchObject({ code: 0, stdout: "" });
  });
});

describe("the bin's output (written to the descriptors directly, without Node's stream objects)", () => {
  /** A config with 2,000 findings: ~5 MB of JSON report, more than any pipe buffer holds. */
  const manyFindings = () => {
    const file = join(dir, "many.json5");
    const entries = Array.from({ length: 2000 }, (_, i) => `"anthropic/claude-opus-4-${i}": { params: { cacheControlTtl: "1h" } },`);
    writeFileSync(file, `{ agents: { defaults: { models: {\n${entries.join("\n")}\n} } } }\n`);
    return file;
  };

  it("is the same through a pipe as into a file", () => {
    const file = manyFindings();
    const piped = spawnSync(process.execPath, [CLI, "lint", "--format", "json", file], { encoding: "utf8", maxBuffer: 1 << 28 });
    const outFile = join(dir, "report.json");
    const fd = openSync(outFile, "w");
    const direct = spawnSync(process.execPath, [CLI, "lint", "--format", "json", file], { stdio: ["ignore", fd, "pipe"], encoding: "utf8" });
    closeSync(fd);
    expect(piped.status).toBe(direct.status);
    expect(piped.stdout.length).toBeGreaterThan(1_000_000);
    expect(readFileSync(outFile, "utf8")).toBe(piped.stdout);
    expect(JSON.parse(piped.stdout).files[0].diagnostics.length).toBeGreaterThanOrEqual(2000);
  });

  it("--version prints the package version (answered without loading yargs)", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    const run = spawnSync(process.execPath, [CLI, "--version"], { encoding: "utf8" });
    expect({ code: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
  });

  it("ends quietly when the reader closes the pipe early (`| head`)", async () => {
    const child = spawn(process.execPath, [CLI, "lint", "--format", "json", manyFindings()], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on("close", (c) => done(c)));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});

describe("the bin's two bundles (a lint loads the fast one; it hands over to the whole CLI when it must)", () => {
  const bin = (args: string[], input?: string) => {
    const run = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: "utf8", ...(input !== undefined ? { input } : {}) });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it("the bin sends exactly the fast path's commands to the fast bundle", () => {
    const loader = readFileSync(join(ROOT, "scripts", "cli-loader.cjs"), "utf8");
    const listed = /const FAST_COMMANDS = (\[[^\]]*\]);/.exec(loader)?.[1];
    expect(listed && JSON.parse(listed)).toEqual(FAST_COMMAND_NAMES);
  });

  it("leaves yargs and the other commands out of the fast bundle", () => {
    const fast = readFileSync(join(ROOT, "dist", "cli-fast.bundle.cjs"), "latin1");
    const whole = readFileSync(join(ROOT, "dist", "cli.bundle.cjs"), "latin1");
    // esbuild names each bundled package module by its path, e.g. "node_modules/yargs/build/lib/yargs-factory.js".
    expect(whole).toContain('"node_modules/yargs/');
    expect(fast).not.toContain('"node_modules/yargs');
    expect(fast.length).toBeLessThan(whole.length * 0.7);
  });

  it("`lint --help` is handed over to the whole CLI, which prints the help", () => {
    const run = bin(["lint", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^openclaw-config lint \[files\.\.\]/);
    expect(run.stderr).toBe("");
  });

  it("`lint` with an option spelling only yargs reads gives the same result as the plain spelling", () => {
    // yargs also accepts the camel-case spelling; the fast bundle's strict parser declines it.
    const plain = bin(["lint", "--format", "json", "--max-warnings", "0", "openclaw.json"]);
    const camel = bin(["lint", "--format", "json", "--maxWarnings", "0", "openclaw.json"]);
    expect(plain.code).toBe(1);
    expect(JSON.parse(plain.stdout).files[0].diagnostics.length).toBe(2);
    expect(camel).toEqual(plain);
  });

  it("a usage error on the fast path is worded by yargs, as before", () => {
    const run = bin(["lint", "--format", "nope", "openclaw.json"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('Argument: format, Given: "nope"');
  });

  it("`check` reads standard input through the fast bundle", () => {
    const run = bin(["check", "-"], '{ agents: { defaults: { params: { cacheRetention: "sometimes" } } } }\n');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("lint/invalid-cache-retention");
  });

  it("`migrate` runs from the fast bundle, and `migrate --help` from the whole CLI", () => {
    const pending = '{ agents: { defaults: { params: { cacheControlTtl: "5m" } } } }\n';
    const plain = bin(["migrate", "-"], pending);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toContain('+{ agents: { defaults: { params: { cacheRetention: "short" } } } }');
    // `--no-write` is a form only yargs reads: the same run through the whole CLI.
    expect(bin(["migrate", "-", "--no-write"], pending)).toEqual(plain);
    const help = bin(["migrate", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^openclaw-config migrate \[files\.\.\]/);
  });

  it("`migrate --ignore-pattern <glob> <file>` takes one pattern and keeps the file a file, on both paths", () => {
    for (const args of [["--ignore-pattern", "nothing-*.json5"], ["--ignorePattern", "nothing-*.json5"]]) {
      const run = bin(["migrate", ...args, "openclaw.json"]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("+++ b/openclaw.json");
    }
  });

  it("other commands load the whole CLI directly", () => {
    const run = bin(["rules"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("invalid-cache-retention");
    expect(run.stderr).toBe("");
  });
});
