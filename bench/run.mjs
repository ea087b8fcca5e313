// Benchmark: prints medians and ratios measured in one run (see README "Performance").
// Usage: npm run bench            full run (a few minutes)
//        npm run bench -- --short CI smoke mode: tiny inputs, one run each, checks that everything works
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const short = process.argv.includes("--short");
const cli = join(root, "dist", "cli.cjs");
const work = join(root, "bench", ".work");
const runs = short ? 1 : 11;
const warmups = short ? 0 : 2;

if (!existsSync(cli)) {
  console.error("dist/cli.cjs is missing: run `npm run build` first.");
  process.exit(2);
}
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;
const mb = (x) => `${(x / 1024 / 1024).toFixed(1)} MB`;

/** Wall time of a child process, in ms; fails loudly when the command itself fails unexpectedly. */
function timeCommand(args, okCodes = [0, 1]) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 30 });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (!okCodes.includes(r.status)) {
    console.error(`command failed (${r.status}): node ${args.join(" ")}\n${r.stderr}`);
    process.exit(2);
  }
  return elapsed;
}

/**
 * Medians of several commands measured round by round (a, b, a, b, ...), so a slow spell on a
 * shared machine lands on both sides of a ratio instead of on one.
 */
function measure(...fns) {
  for (let i = 0; i < warmups; i++) for (const fn of fns) fn();
  const xs = fns.map(() => []);
  for (let i = 0; i < runs; i++) fns.forEach((fn, j) => xs[j].push(fn()));
  return xs.map(median);
}

/**
 * A generated config with `models` model entries (~175 bytes each, with params and comments). The
 * entries are valid for the linter, so the measurement is of parsing, validating and linting, not
 * of printing thousands of findings.
 */
function generateConfig(models) {
  const lines = ["// generated benchmark config", "{", "  agents: {", "    defaults: {", "      models: {"];
  for (let i = 0; i < models; i++) {
    const provider = i % 3 === 0 ? "ollama" : i % 3 === 1 ? "openai" : "openrouter";
    lines.push(`        // model ${i}: served by ${provider}`);
    lines.push(`        "${provider}/model-${i}": { alias: "m${i}", params: { temperature: 0.${i % 10}, maxTokens: ${1000 + i}, topP: 0.9 }, streaming: ${i % 2 === 0} },`);
  }
  lines.push("      },", "    },", "  },", "}", "");
  return lines.join("\n");
}

const results = [];
const report = (name, value, target, pass) => {
  results.push({ name, value, target, pass });
  console.log(`${pass === undefined ? " " : pass ? "✓" : "✗"} ${name.padEnd(34)} ${value.padEnd(44)} ${target}`);
};

console.log(`openclaw-config benchmark${short ? " (short mode: smoke test, timings not meaningful)" : ""}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${runs} runs after ${warmups} warm-up, medians`);
console.log("");

// 1. Cold start: one small real-world config vs bare `node -e 0`.
const corpusSmall = join(root, "..", "shared", "corpus", "real", "046-0xrancho-aa-cma-small-json5.json5");
const small = existsSync(corpusSmall) ? corpusSmall : join(root, "fixtures", "openclaw.json5");
const [bare, cold] = measure(
  () => timeCommand(["-e", "0"]),
  () => timeCommand([cli, "lint", small]),
);
report("cold start (lint small config)", `${ms(cold)} vs node -e 0 ${ms(bare)} = ${(cold / bare).toFixed(2)}x`, "≤ 1.5x", cold / bare <= 1.5);

// 2. Large file: in-process lint vs json5.parse of the same text.
const baseModels = short ? 200 : 20000;
const sizes = [1, 2, 4];
const files = sizes.map((k) => {
  const text = generateConfig(baseModels * k);
  const file = join(work, `large-${k}x.json5`);
  writeFileSync(file, text);
  return { k, file, bytes: Buffer.byteLength(text) };
});
// The in-process measurements run interleaved round by round (lint 1x, json5 1x, then again), so
// a slow spell on a shared machine hits both sides of a ratio instead of skewing one. A full GC runs
// before each timed call, outside the timing: the CLI lints a file in a fresh process, so no call
// should pay for the garbage the previous one left. The json5 comparison and the scaling rounds
// run in separate processes: json5.parse keeps its last result alive in a module variable (~5 MB
// for the 1x file) and leaves a grown heap behind, and the 1x lint that ran after it was ~12%
// faster than in a process that only lints, which inflated the scaling ratio (4.3x-4.7x in the
// shared process against 3.8x-4.0x alone, 8 runs of each, same build).
const inproc = join(work, "inproc.mjs");
writeFileSync(
  inproc,
  `import { readFileSync } from "node:fs";
import JSON5 from ${JSON.stringify(join(root, "node_modules", "json5", "lib", "index.js"))};
import { lintText } from ${JSON.stringify(join(root, "dist", "index.js"))};
const [n, w, ...jobs] = process.argv.slice(2);
const tasks = jobs.map((job) => {
  const [mode, file] = job.split("=");
  return { mode, file, text: readFileSync(file, "utf8"), times: [] };
});
for (let round = 0; round < Number(w) + Number(n); round++) {
  for (const task of tasks) {
    globalThis.gc();
    const t = performance.now();
    if (task.mode === "json5") JSON5.parse(task.text);
    else lintText(task.text, task.file);
    if (round >= Number(w)) task.times.push(performance.now() - t);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(JSON.stringify(tasks.map((task) => median(task.times))));
`,
);
const inProcess = (jobs) => {
  const r = spawnSync(process.execPath, ["--expose-gc", inproc, String(runs), String(warmups), ...jobs.map(([mode, file]) => `${mode}=${file}`)], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(2);
  }
  return JSON.parse(r.stdout);
};
const one = files[0];
const [lintOne, json1] = inProcess([["lint", one.file], ["json5", one.file]]);
report(`large file (${mb(one.bytes)}) lint vs json5`, `${ms(lintOne)} vs ${ms(json1)} = ${(lintOne / json1).toFixed(2)}x`, "≤ 2.0x", lintOne / json1 <= 2.0);

// 3. Scaling: lint at 1x, 2x and 4x, interleaved in a process that only lints.
const times = inProcess(files.map((f) => ["lint", f.file]));
report(
  "scaling 1x / 2x / 4x",
  `${times.map(ms).join(" / ")} (4x = ${(times[2] / times[0]).toFixed(2)}x)`,
  "4x input ≤ 4.4x time",
  times[2] / times[0] <= 4.4,
);

// 4. Batch: one invocation over 1,000 small configs vs one invocation over 1.
const batchDir = join(work, "batch");
mkdirSync(batchDir);
const smallText = readFileSync(small, "utf8");
const count = short ? 20 : 1000;
for (let i = 0; i < count; i++) writeFileSync(join(batchDir, `openclaw-${String(i).padStart(4, "0")}.json5`), smallText);
const [batchOne, batchAll] = measure(
  () => timeCommand([cli, "lint", join(batchDir, "openclaw-0000.json5")]),
  () => timeCommand([cli, "lint", batchDir]),
);
report(`batch ${count} files vs 1 file`, `${ms(batchAll)} vs ${ms(batchOne)} = ${(batchAll / batchOne).toFixed(2)}x`, "≤ 5x", batchAll / batchOne <= 5);

// 5. Memory: peak RSS of a CLI lint of the large file, against its size.
const memScript = join(work, "mem.mjs");
writeFileSync(
  memScript,
  `process.argv.splice(1, 1, ${JSON.stringify(cli)});
process.on("exit", () => process.stderr.write("\\nMAXRSS " + process.resourceUsage().maxRSS * 1024 + "\\n"));
await import(${JSON.stringify(cli)});
`,
);
const memRun = spawnSync(process.execPath, [memScript, "lint", "--format", "json", one.file], { encoding: "utf8", maxBuffer: 1 << 30 });
if (memRun.status !== 0 && memRun.status !== 1) {
  console.error(`memory run failed (${memRun.status}):\n${memRun.stderr}`);
  process.exit(2);
}
const rss = Number(/MAXRSS (\d+)/.exec(memRun.stderr)?.[1] ?? Number.NaN);
const budget = 10 * one.bytes + 60 * 1024 * 1024;
report("peak RSS (lint large file)", `${mb(rss)} for ${mb(one.bytes)} = ${(rss / one.bytes).toFixed(1)}x size (budget ${mb(budget)})`, "≤ 10x size + 60 MB", rss <= budget);

rmSync(work, { recursive: true, force: true });
const failed = results.filter((r) => r.pass === false);
console.log("");
console.log(short ? "short mode: all measurements ran" : failed.length === 0 ? "all targets met" : `${failed.length} target(s) not met`);
