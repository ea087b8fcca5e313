import { realpathSync, statSync } from "node:fs";
import { dirname, isAbsolute, normalize, relative, resolve, sep } from "node:path";
import type { Diagnostic, KeyPath, PathSegment } from "../diagnostics/diagnostic.js";
import { FILE_START } from "../diagnostics/diagnostic.js";
import type { ConfigDocument } from "../document/document.js";
import type { Origin } from "../document/source-map.js";
import { SourceMap } from "../document/source-map.js";
import { describeFsError, readSource } from "../io/read-source.js";
import { MAX_NESTING, parseConfig } from "./parse.js";
import type { ProvenanceStep } from "./provenance.js";
import { withStep } from "./provenance.js";

/** The directive key: `$include: "file.json5"` or `$include: ["a.json5", "b.json5"]`. */
export const INCLUDE_KEY = "$include";
/** OpenClaw refuses an include nested deeper than this many files below the root config. */
export const MAX_INCLUDE_DEPTH = 10;
/** OpenClaw refuses included files larger than this. */
export const MAX_INCLUDE_BYTES = 2 * 1024 * 1024;
/**
 * At most this many file expansions per config. Each inclusion is expanded again, so ten files each
 * including the next ten times would mean 10^10 copies; real configs use a handful.
 */
export const MAX_INCLUDE_EXPANSIONS = 2000;
/** At most this many values copied while expanding and merging includes (bounds time and memory). */
export const MAX_INCLUDE_VALUES = 1_000_000;

/** Where the root config lives; includes are resolved and confined relative to it. */
export interface IncludeOptions {
  /** Absolute path of the root config (for standard input: where it would live). */
  rootPath: string;
}

/** The merged config with every value's origin, and every file that took part. */
export interface IncludeResult {
  value: unknown;
  /** Origins of every member of `value`, in whichever file it was written. */
  sourceMap: SourceMap;
  /** Every parsed file by display name, the root first. */
  documents: Map<string, ConfigDocument>;
  /** Absolute path of each document, by display name. */
  paths: Map<string, string>;
  diagnostics: Diagnostic[];
}

/** Where the traversal is: which file's origins apply, and how that file was reached. */
interface Context {
  doc: ConfigDocument;
  /** Absolute path of `doc`; relative includes resolve against its folder. */
  absolute: string;
  /** Real paths of the files from the root down to this one, for cycle detection. */
  chain: string[];
  /** Display names matching `chain`, for messages. */
  chainNames: string[];
  depth: number;
  /** Include steps every value of this file gets in its history. */
  steps: ProvenanceStep[];
}

/**
 * Resolves `$include` directives the way OpenClaw does: at any object level, paths relative to
 * the including file; one file replaces the object, several are deep-merged in order; sibling
 * keys are merged over the included content; when merging, objects merge key by key, arrays
 * concatenate and other values are replaced. Cycles, nesting deeper than 10 files, missing or
 * unreadable files, files over 2 MiB and paths (or symlinks) that leave the root config's folder
 * are located diagnostics; a failed include contributes nothing. Never throws.
 */
export function resolveIncludes(root: ConfigDocument, options: IncludeOptions): IncludeResult {
  const rootPath = normalize(resolve(options.rootPath));
  if (!root.text.includes(INCLUDE_KEY)) {
    // Nothing to merge: the document's own value and lazily computed origins are the result.
    return { value: root.value, sourceMap: root.sourceMap, documents: new Map([[root.file, root]]), paths: new Map([[root.file, rootPath]]), diagnostics: [] };
  }
  const rootDir = dirname(rootPath);
  const rootRealDir = realpathOr(rootDir);
  const out = new SourceMap();
  const diagnostics: Diagnostic[] = [];
  const documents = new Map<string, ConfigDocument>([[root.file, root]]);
  const paths = new Map<string, string>([[root.file, rootPath]]);
  // Each file is read and parsed once, however often it is included.
  const loaded = new Map<string, { doc?: ConfigDocument; failed?: true }>();

  const report = (doc: ConfigDocument, origin: Origin | undefined, code: string, message: string, path: KeyPath, notes: string[]): void => {
    diagnostics.push({
      code,
      severity: "error",
      message,
      file: doc.file,
      range: origin ? doc.lines.range(origin.node.loc.start.offset, origin.node.loc.end.offset) : FILE_START,
      path,
      notes,
    });
  };

  const originOf = (container: object, key: PathSegment, ctx: Context): Origin | undefined => {
    const origin = ctx.doc.sourceMap.get(container, key);
    if (!origin) return undefined;
    return ctx.steps.reduce<Origin>((o, step) => withStep(o, step), origin);
  };

  const define = (target: Record<string, unknown>, key: string, value: unknown): void => {
    // defineProperty keeps `__proto__` an ordinary key instead of a prototype change.
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  };

  const copyOrigin = (from: object, fromKey: PathSegment, to: object, toKey: PathSegment): void => {
    const origin = out.get(from, fromKey);
    if (origin) out.set(to, toKey, origin);
  };

  /** Deep merge over values already copied into `out`: objects key by key, arrays concatenate, otherwise `source` wins. */
  const merge = (target: unknown, source: unknown): unknown => {
    if (Array.isArray(target) && Array.isArray(source)) {
      const result = [...target, ...source];
      copiedValues += result.length;
      target.forEach((_, i) => copyOrigin(target, i, result, i));
      source.forEach((_, i) => copyOrigin(source, i, result, target.length + i));
      return result;
    }
    if (isPlainObject(target) && isPlainObject(source)) {
      const result: Record<string, unknown> = {};
      for (const key of Object.keys(target)) {
        copiedValues++;
        define(result, key, target[key]);
        copyOrigin(target, key, result, key);
      }
      for (const key of Object.keys(source)) {
        copiedValues++;
        define(result, key, Object.hasOwn(result, key) ? merge(result[key], source[key]) : source[key]);
        copyOrigin(source, key, result, key);
      }
      return result;
    }
    return source;
  };

  // Work done so far; once a budget is spent no further file is expanded, so the result stays bounded.
  let expansions = 0;
  let copiedValues = 0;
  let budgetSpent = false;

  let tooDeepReported = false;
  const process = (value: unknown, ctx: Context, path: PathSegment[]): unknown => {
    copiedValues++;
    // Each file is at most MAX_NESTING deep, but includes stack files; later stages recurse, so the
    // merged value keeps the same bound.
    if (path.length > MAX_NESTING && typeof value === "object" && value !== null) {
      if (!tooDeepReported) {
        tooDeepReported = true;
        diagnostics.push({
          code: "include/too-deep",
          severity: "error",
          message: `Included content nests deeper than ${MAX_NESTING} levels; the deeper part is left out.`,
          file: ctx.doc.file,
          range: FILE_START,
          path: path.slice(0, 8),
          notes: ["No OpenClaw config nests this deep; the includes are probably generated by mistake."],
        });
      }
      return null;
    }
    if (Array.isArray(value)) {
      const result: unknown[] = [];
      value.forEach((element, i) => {
        path.push(i);
        result.push(process(element, ctx, path));
        path.pop();
        const origin = originOf(value, i, ctx);
        if (origin) out.set(result, i, origin);
      });
      return result;
    }
    if (!isPlainObject(value)) return value;

    const rest: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (key === INCLUDE_KEY) continue;
      path.push(key);
      define(rest, key, process(value[key], ctx, path));
      path.pop();
      const origin = originOf(value, key, ctx);
      if (origin) out.set(rest, key, origin);
    }
    if (!Object.hasOwn(value, INCLUDE_KEY)) return rest;

    const included = includeAll(value, ctx, [...path]);
    if (included === undefined) return rest;
    if (Object.keys(rest).length === 0) return included.value;
    if (!isPlainObject(included.value)) {
      report(
        ctx.doc,
        originOf(value, INCLUDE_KEY, ctx),
        "include/not-an-object",
        `The included content is ${describeValue(included.value)}, so the keys beside \`$include\` cannot be merged into it.`,
        [...path, INCLUDE_KEY],
        ["OpenClaw refuses to load the config: sibling keys need the included file to hold an object.", "Wrap the content in an object, or move the sibling keys into the included file."],
      );
      return rest;
    }
    return merge(included.value, rest);
  };

  /** The content of the `$include` of `holder`: one file's value, or several merged in order. */
  const includeAll = (holder: Record<string, unknown>, ctx: Context, at: KeyPath): { value: unknown } | undefined => {
    const directive = holder[INCLUDE_KEY];
    const path: KeyPath = [...at, INCLUDE_KEY];
    const directiveOrigin = ctx.doc.sourceMap.get(holder, INCLUDE_KEY);
    if (typeof directive === "string") return loadFile(directive, directiveOrigin, ctx, path, at);
    if (Array.isArray(directive)) {
      let merged: unknown = {};
      let any = false;
      directive.forEach((item, i) => {
        const itemOrigin = ctx.doc.sourceMap.get(directive, i) ?? directiveOrigin;
        if (typeof item !== "string") {
          report(ctx.doc, itemOrigin, "include/invalid-value", `\`$include[${i}]\` must be a file path string, but it is ${describeValue(item)}.`, [...path, i], [
            "OpenClaw refuses to load a config whose `$include` list holds anything but file paths.",
          ]);
          return;
        }
        const loadedFile = loadFile(item, itemOrigin, ctx, [...path, i], at);
        if (loadedFile) {
          merged = merge(merged, loadedFile.value);
          any = true;
        }
      });
      return any ? { value: merged } : undefined;
    }
    report(ctx.doc, directiveOrigin, "include/invalid-value", `\`$include\` must be a file path or a list of file paths, but it is ${describeValue(directive)}.`, path, [
      'OpenClaw refuses to load the config. Write `$include: "file.json5"` or `$include: ["a.json5", "b.json5"]`.',
    ]);
    return undefined;
  };

  /** Loads one included file; `path` is the directive's key path, `at` the path its content lands on. */
  const loadFile = (target: string, origin: Origin | undefined, ctx: Context, path: KeyPath, at: KeyPath): { value: unknown } | undefined => {
    const fail = (code: string, message: string, notes: string[]): undefined => {
      report(ctx.doc, origin, code, message, path, notes);
      return undefined;
    };
    const absolute = normalize(isAbsolute(target) ? target : resolve(dirname(ctx.absolute), target));
    const shown = JSON.stringify(target);
    if (!isInside(rootDir, absolute)) {
      return fail("include/outside-root", `Included file ${shown} is outside the config's folder.`, [
        "OpenClaw refuses includes that leave the folder of the root config (path traversal protection).",
        `Move the file into ${displayDir(root.file)} or below, and include it from there.`,
      ]);
    }
    const display = displayName(root.file, rootDir, absolute);
    let real: string | undefined;
    try {
      real = realpathSync(absolute);
    } catch {
      real = undefined;
    }
    if (real !== undefined && !isInside(rootRealDir, real)) {
      return fail("include/outside-root", `Included file ${shown} is a symbolic link to a file outside the config's folder.`, [
        "OpenClaw resolves symbolic links and refuses includes whose target leaves the folder of the root config.",
        "Copy the file into the config's folder instead of linking to it.",
      ]);
    }
    const identity = real ?? absolute;
    const cycleAt = ctx.chain.indexOf(identity);
    if (cycleAt !== -1) {
      const cycle = [...ctx.chainNames.slice(cycleAt), display].join(" -> ");
      return fail("include/cycle", `Include cycle: ${cycle}.`, ["OpenClaw refuses to load a config whose includes form a cycle.", "Remove one of the `$include` directives in the cycle."]);
    }
    if (ctx.depth >= MAX_INCLUDE_DEPTH) {
      return fail("include/too-deep", `Including ${shown} nests includes more than ${MAX_INCLUDE_DEPTH} files deep.`, [
        `OpenClaw refuses to load the config when includes nest more than ${MAX_INCLUDE_DEPTH} levels.`,
        "Flatten the chain: include the files from a shallower level.",
      ]);
    }

    let entry = loaded.get(identity);
    if (!entry) {
      entry = readInclude(absolute, display, shown, fail);
      loaded.set(identity, entry);
      if (entry.doc) {
        documents.set(display, entry.doc);
        paths.set(display, absolute);
      }
    }
    if (entry.failed || !entry.doc) return undefined;

    if (budgetSpent) return undefined;
    const overBudget =
      expansions >= MAX_INCLUDE_EXPANSIONS
        ? `Including ${shown} would expand more than ${MAX_INCLUDE_EXPANSIONS} included files in all; it and the remaining includes are left out.`
        : copiedValues >= MAX_INCLUDE_VALUES
          ? `Including ${shown} would copy more than ${MAX_INCLUDE_VALUES.toLocaleString("en-US")} values while merging includes; it and the remaining includes are left out.`
          : undefined;
    if (overBudget !== undefined) {
      budgetSpent = true;
      return fail("include/too-many", overBudget, [
        "Every inclusion is expanded again, so files that include each other several times multiply; stopping here keeps the tool from running for hours or running out of memory.",
        "Include each file once, from the level that needs it, instead of repeating the same `$include` many times.",
      ]);
    }
    expansions++;

    const step: ProvenanceStep = { kind: "include", file: display, from: { file: ctx.doc.file, line: lineOf(ctx.doc, origin) } };
    const child: Context = {
      doc: entry.doc,
      absolute,
      chain: [...ctx.chain, identity],
      chainNames: [...ctx.chainNames, display],
      depth: ctx.depth + 1,
      steps: [...ctx.steps, step],
    };
    return { value: process(entry.doc.value, child, [...at]) };
  };

  const readInclude = (
    absolute: string,
    display: string,
    shown: string,
    fail: (code: string, message: string, notes: string[]) => undefined,
  ): { doc?: ConfigDocument; failed?: true } => {
    let size: number;
    try {
      const stat = statSync(absolute);
      if (!stat.isFile()) {
        fail("include/unreadable", `Included file ${shown} is not a regular file.`, ["OpenClaw refuses to load the config when an include cannot be read."]);
        return { failed: true };
      }
      size = stat.size;
    } catch (error) {
      const missing = (error as { code?: string }).code === "ENOENT";
      fail(
        missing ? "include/missing-file" : "include/unreadable",
        missing ? `Included file ${shown} does not exist (looked for ${display}).` : `Included file ${shown} cannot be read: ${describeFsError(error)}.`,
        ["OpenClaw refuses to load the config when an included file is missing or unreadable.", ...(missing ? ["Check the path: it is relative to the file that includes it."] : [])],
      );
      return { failed: true };
    }
    if (size > MAX_INCLUDE_BYTES) {
      fail("include/file-too-large", `Included file ${shown} is ${formatMiB(size)}; OpenClaw reads included files up to 2 MiB.`, [
        "OpenClaw refuses to load the config when an included file is larger than 2 MiB.",
      ]);
      return { failed: true };
    }
    const read = readSource(absolute, display);
    if (!read.ok) {
      fail("include/unreadable", `Included file ${shown} cannot be read: ${read.error.slice(display.length + 2)}.`, [
        "OpenClaw refuses to load the config when an include cannot be read.",
      ]);
      return { failed: true };
    }
    if (read.text === undefined) {
      diagnostics.push(read.diagnostic);
      return { failed: true };
    }
    // A file holding an array or a scalar is valid when its `$include` has no sibling keys.
    const parsed = parseConfig(read.text, display, { anyRoot: true });
    diagnostics.push(...parsed.diagnostics);
    return parsed.document ? { doc: parsed.document } : { failed: true };
  };

  const rootValue = process(root.value, { doc: root, absolute: rootPath, chain: [realpathOr(rootPath)], chainNames: [root.file], depth: 0, steps: [] }, []);
  if (typeof rootValue === "object" && rootValue !== null) out.setRoot(rootValue, { doc: root, node: root.ast.body });
  return { value: rootValue, sourceMap: out, documents, paths, diagnostics };
}

/** True when `child` is `parent` or below it. */
function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** An included file's name for messages: beside the root config's displayed name, in `/` form. */
function displayName(rootDisplay: string, rootDir: string, absolute: string): string {
  const rel = relative(rootDir, absolute).split(sep).join("/");
  const dir = displayDir(rootDisplay);
  return dir === "." ? rel : `${dir}/${rel}`.replace(/^\.\//, "");
}

function displayDir(rootDisplay: string): string {
  const dir = dirname(rootDisplay.split(sep).join("/"));
  return dir === "" ? "." : dir;
}

function lineOf(doc: ConfigDocument, origin: Origin | undefined): number {
  return origin ? doc.lines.position(origin.node.loc.start.offset).line : 1;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

