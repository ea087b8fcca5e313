import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import * as z from "zod";
import type { Diagnostic, KeyPath, PathSegment } from "../diagnostics/diagnostic.js";
import { compareDiagnostics, FILE_START, formatPath } from "../diagnostics/diagnostic.js";
import { closestMatch } from "../diagnostics/suggest.js";
import { joinOr, typeName } from "../diagnostics/wording.js";
import { describeFsError, readSource } from "../io/read-source.js";
import type { FileReport } from "../report/report.js";
import { RULES } from "../rules/registry.js";
import type { RuleSetting } from "../stages/lint.js";
import { lazily } from "../schema/describe.js";
import { parseConfig } from "../stages/parse.js";
import { UsageError } from "./io.js";

/** Name of the optional project settings file, looked up beside the linted files and in their parents. */
export const SETTINGS_FILE_NAME = ".openclaw-config.json5";

/** Auth modes `--auth` and the settings file accept. */
export const AUTH_CHOICES = ["auto", "api-key", "subscription"] as const;
export type AuthChoice = (typeof AUTH_CHOICES)[number];

/** The settings file's own schema; paths in it are relative to the file's folder. Built on first use: most runs have no settings file. */
export const projectSettingsSchema = lazily(() =>
  z.strictObject({
  $schema: z.string().optional(),
  /** Severity per rule id, like `--rule`. */
  rules: z.record(z.string(), z.enum(["off", "warn", "warning", "error"])).optional(),
  /** How the Anthropic auth mode is decided, like `--auth`. */
  auth: z.enum(AUTH_CHOICES).optional(),
  /** Env files read in order, like repeated `--env-file`. */
  envFiles: z.array(z.string().min(1)).optional(),
  /** Output of `openclaw config schema`, like `--openclaw-schema`. */
  openclawSchema: z.string().min(1).optional(),
  }),
);

/** Settings from one `.openclaw-config.json5`, with paths made usable from the working directory. */
export interface ProjectSettings {
  /** The settings file, as shown in messages. */
  file: string;
  rules: ReadonlyMap<string, RuleSetting>;
  auth?: AuthChoice;
  /** Relative to the working directory when below it, else absolute. */
  envFiles?: string[];
  openclawSchema?: string;
}

/** What the command line says; a value given here wins over the settings file. */
export interface CliSettings {
  rules: ReadonlyMap<string, RuleSetting>;
  auth?: AuthChoice;
  envFiles?: readonly string[];
  openclawSchema?: string;
}

/** The settings one file is linted with. */
export interface EffectiveSettings {
  rules: Map<string, RuleSetting>;
  auth?: AuthChoice;
  envFiles: string[];
  openclawSchema?: string;
}

/** Merges the settings file under the command line: `--rule` wins per rule, every other flag replaces the setting. */
export function mergeSettings(project: ProjectSettings | undefined, cli: CliSettings): EffectiveSettings {
  const rules = new Map<string, RuleSetting>(project?.rules ?? []);
  for (const [id, setting] of cli.rules) rules.set(id, setting);
  const auth = cli.auth ?? project?.auth;
  const openclawSchema = cli.openclawSchema ?? project?.openclawSchema;
  const envFiles = cli.envFiles && cli.envFiles.length > 0 ? [...cli.envFiles] : [...(project?.envFiles ?? [])];
  return { rules, ...(auth ? { auth } : {}), envFiles, ...(openclawSchema ? { openclawSchema } : {}) };
}

/** One settings file read from disk: its settings when valid, and what was wrong with it. */
export interface LoadedSettings {
  settings?: ProjectSettings;
  report: FileReport;
}

/**
 * Finds and loads project settings: `--config <file>` for every input, or else the nearest
 * `.openclaw-config.json5` in a file's folder or its parents, stopping at a repository root (a
 * folder with `.git`). Each settings file is read once per run.
 */
export class ProjectSettingsResolver {
  private readonly byDirectory = new Map<string, string | undefined>();
  private readonly loaded = new Map<string, LoadedSettings>();
  private readonly explicit?: LoadedSettings;

  constructor(
    private readonly cwd: string,
    explicitFile?: string,
  ) {
    if (explicitFile !== undefined) {
      const absolute = resolve(cwd, explicitFile);
      if (!existsSync(absolute)) throw new UsageError(`--config: cannot read ${explicitFile}: no such file`);
      this.explicit = this.load(absolute);
    }
  }

  /** The settings that apply to a linted file (a display path, relative to the working directory or absolute). */
  forFile(file: string): ProjectSettings | undefined {
    if (this.explicit) return this.explicit.settings;
    const found = this.find(dirname(resolve(this.cwd, file)));
    return found ? this.load(found).settings : undefined;
  }

  /** Every settings file used so far that has findings, in the order they were read. */
  reports(): FileReport[] {
    return [...this.loaded.values()].map((l) => l.report).filter((r) => r.diagnostics.length > 0);
  }

  private find(directory: string): string | undefined {
    const visited: string[] = [];
    let current = directory;
    let found: string | undefined;
    for (;;) {
      if (this.byDirectory.has(current)) {
        found = this.byDirectory.get(current);
        break;
      }
      visited.push(current);
      const candidate = join(current, SETTINGS_FILE_NAME);
      if (isFile(candidate)) {
        found = candidate;
        break;
      }
      const parent = dirname(current);
      // A repository root bounds the search, so a stray file in a parent project never applies.
      if (parent === current || existsSync(join(current, ".git"))) break;
      current = parent;
    }
    for (const dir of visited) this.byDirectory.set(dir, found);
    return found;
  }

  private load(absolute: string): LoadedSettings {
    const cached = this.loaded.get(absolute);
    if (cached) return cached;
    const result = readProjectSettings(absolute, displayPath(absolute, this.cwd), this.cwd);
    this.loaded.set(absolute, result);
    return result;
  }
}

/** Reads and validates one settings file; every mistake is a located diagnostic, never an exception. */
export function readProjectSettings(absolute: string, display: string, cwd: string): LoadedSettings {
  const read = readSource(absolute, display);
  if (!read.ok) {
    const error = read.error.slice(display.length + 2) || "cannot be read";
    return { report: { file: display, diagnostics: [settingsError("settings/unreadable", `Cannot read the settings file: ${error}.`, display, [])] } };
  }
  if (read.text === undefined) return { report: { file: display, diagnostics: [read.diagnostic] } };
  return parseProjectSettings(read.text, display, dirname(absolute), cwd);
}

/** Validates settings text; `baseDir` is the settings file's folder, against which its paths resolve. */
export function parseProjectSettings(text: string, display: string, baseDir: string, cwd: string): LoadedSettings {
  const report: FileReport = { file: display, source: text, diagnostics: [] };
  // An empty settings file means "no settings", not a mistake worth failing a commit over.
  if (text.replace(/^\uFEFF/, "").trim() === "") return { settings: { file: display, rules: new Map() }, report };
  const parsed = parseConfig(text, display);
  const doc = parsed.document;
  report.diagnostics.push(...parsed.diagnostics);
  if (!doc) return { report };

  const locate = (path: KeyPath, part: "key" | "value") => doc.sourceMap.locate(doc.value, path, part)?.range ?? FILE_START;
  const error = (code: string, message: string, path: KeyPath, part: "key" | "value", notes: string[] = []) =>
    report.diagnostics.push({ ...settingsError(code, message, display, path, notes), range: locate(path, part) });

  const result = projectSettingsSchema().safeParse(doc.value);
  if (!result.success) {
    for (const issue of result.error.issues) reportIssue(issue as SettingsIssue, doc.value, error);
  }
  // Each setting is also checked on its own, so one bad value does not hide mistakes in the others.
  const value = validFields(doc.value);

  const known = RULES.map((r) => r.meta.id);
  const rules = new Map<string, RuleSetting>();
  const writtenRules = typeof doc.value === "object" && doc.value !== null ? (doc.value as { rules?: unknown }).rules : undefined;
  if (typeof writtenRules === "object" && writtenRules !== null && !Array.isArray(writtenRules)) {
    for (const [id, level] of Object.entries(writtenRules)) {
      if (!known.includes(id)) {
        const suggestion = closestMatch(id.replace(/^lint\//, ""), known);
        const hint = suggestion ? ` Did you mean \`${suggestion}\`?` : "";
        error("settings/unknown-rule", `Unknown rule \`${id}\`.${hint}`, ["rules", id], "key", [
          "Run `openclaw-config rules` to list the rule ids.",
        ]);
        continue;
      }
      if (level === "off" || level === "error") rules.set(id, level);
      else if (level === "warn" || level === "warning") rules.set(id, "warning");
    }
  }

  const usablePath = (key: "openclawSchema" | "envFiles", written: string, path: KeyPath): string | undefined => {
    const absolute = resolve(baseDir, written);
    let problem: string | undefined;
    try {
      if (statSync(absolute).isDirectory()) problem = "is a directory";
    } catch (e) {
      problem = describeFsError(e);
    }
    if (problem) {
      const what = key === "envFiles" ? "Env file" : "OpenClaw schema";
      error("settings/missing-file", `${what} \`${written}\` ${problem === "no such file" ? "does not exist" : problem}.`, path, "value", [
        `Paths in ${SETTINGS_FILE_NAME} are relative to its folder (${displayPath(absolute, cwd)} was tried).`,
      ]);
      return undefined;
    }
    return displayPath(absolute, cwd);
  };
  const envFiles = (value.envFiles ?? []).map((f, i) => usablePath("envFiles", f, ["envFiles", i]));
  const openclawSchema = value.openclawSchema !== undefined ? usablePath("openclawSchema", value.openclawSchema, ["openclawSchema"]) : undefined;

  report.diagnostics.sort(compareDiagnostics);
  if (report.diagnostics.some((d) => d.severity === "error")) {
    const first = report.diagnostics.find((d) => d.severity === "error") as Diagnostic;
    first.notes = [...(first.notes ?? []), `${SETTINGS_FILE_NAME} is ignored until its errors are fixed; files are linted with the command-line options only.`];
    return { report };
  }
  const settings: ProjectSettings = {
    file: display,
    rules,
    ...(value.auth ? { auth: value.auth } : {}),
    ...(value.envFiles ? { envFiles: envFiles as string[] } : {}),
    ...(openclawSchema ? { openclawSchema } : {}),
  };
  return { settings, report };
}

interface SettingsIssue {
  code: string;
  path: PathSegment[];
  expected?: string;
  keys?: string[];
  values?: unknown[];
  message: string;
}

type SettingsInput = z.infer<ReturnType<typeof projectSettingsSchema>>;

/** The keys of a settings file (the schema's, for "did you mean"). */
const settingsKeys = (): string[] => Object.keys(projectSettingsSchema().shape);

/** The settings whose own values are valid, whatever is wrong elsewhere in the file. */
function validFields(root: unknown): SettingsInput {
  const out: Record<string, unknown> = {};
  if (typeof root !== "object" || root === null || Array.isArray(root)) return out;
  const shape = projectSettingsSchema().shape as Record<string, z.ZodType>;
  for (const key of Object.keys(shape)) {
    if (!Object.prototype.hasOwnProperty.call(root, key)) continue;
    const parsed = shape[key]?.safeParse((root as Record<string, unknown>)[key]);
    if (parsed?.success && parsed.data !== undefined) out[key] = parsed.data;
  }
  return out as SettingsInput;
}

function reportIssue(
  issue: SettingsIssue,
  root: unknown,
  error: (code: string, message: string, path: KeyPath, part: "key" | "value", notes?: string[]) => void,
): void {
  const path = issue.path.map((s) => (typeof s === "symbol" ? String(s) : s));
  const value = valueAt(root, path);
  switch (issue.code) {
    case "unrecognized_keys":
      for (const key of issue.keys ?? []) {
        const suggestion = path.length === 0 ? closestMatch(key, settingsKeys()) : undefined;
        const hint = suggestion ? `; did you mean \`${suggestion}\`?` : ".";
        error("settings/unknown-key", `Unknown setting \`${key}\`${hint}`, [...path, key], "key", [
          `${SETTINGS_FILE_NAME} accepts ${settingsKeys().filter((k) => k !== "$schema").map((k) => `\`${k}\``).join(", ")}.`,
        ]);
      }
      return;
    case "invalid_value": {
      const options = (issue.values ?? []).map((v) => JSON.stringify(v));
      const suggestion = typeof value === "string" ? closestMatch(value, (issue.values ?? []).map(String)) : undefined;
      const hint = suggestion ? ` Did you mean ${JSON.stringify(suggestion)}?` : "";
      const message =
        typeof value === "string"
          ? `Invalid value ${describe(value)} for \`${formatPath(path)}\`: expected ${joinOr(options)}.${hint}`
          : `\`${formatPath(path)}\` must be ${joinOr(options)}, but is ${describe(value)}.`;
      error("settings/invalid-value", message, path, "value");
      return;
    }
    case "invalid_type":
      error("settings/invalid-type", `\`${formatPath(path) || "settings"}\` must be ${article(issue.expected)}, but is ${describe(value)}.`, path, "value");
      return;
    case "too_small":
      error("settings/invalid-value", `\`${formatPath(path)}\` must not be an empty string.`, path, "value");
      return;
    default:
      error("settings/invalid-value", `Invalid value ${describe(value)} for \`${formatPath(path)}\`.`, path, "value");
  }
}

function settingsError(code: string, message: string, file: string, path: KeyPath, notes: string[] = []): Diagnostic {
  return { code, severity: "error", message, file, range: FILE_START, path, ...(notes.length > 0 ? { notes } : {}) };
}

function valueAt(root: unknown, path: KeyPath): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof current !== "object" || current === null || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment as string];
  }
  return current;
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (value === undefined) return "missing";
  if (typeof value === "object") return "an object";
  return `${typeof value === "number" ? "the number" : "the boolean"} ${String(value)}`;
}

function article(expected: string | undefined): string {
  return expected ? typeName(expected) : "another type";
}


function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Relative to the working directory when below it, else absolute; always with `/`. */
function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? absolute : rel.split(sep).join("/");
}
