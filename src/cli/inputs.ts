import { readdirSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { SETTINGS_FILE_NAME } from "./settings.js";

/** Folders never searched when a directory or glob is expanded. */
const SKIPPED_DIRS = new Set(["node_modules", ".git"]);

/** Whether a file found by walking a directory is a config: `*.json5` or `openclaw*.json`, but not the project settings file. */
export function isConfigFileName(name: string): boolean {
  if (name === SETTINGS_FILE_NAME) return false;
  return name.endsWith(".json5") || (name.startsWith("openclaw") && name.endsWith(".json"));
}

/** Converts a glob (`*`, `**`, `?`, `{a,b}`, `[abc]`) into an anchored regular expression over `/` paths. */
export function globToRegExp(glob: string): RegExp {
  let out = "";
  let inGroup = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const slash = glob[i + 2] === "/";
        out += slash ? "(?:.*/)?" : ".*";
        i += slash ? 2 : 1;
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "{") {
      inGroup++;
      out += "(?:";
    } else if (c === "}" && inGroup > 0) {
      inGroup--;
      out += ")";
    } else if (c === "," && inGroup > 0) out += "|";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end === -1) out += "\\[";
      else {
        out += `[${glob.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else out += /[.+^$()|\\]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${out}$`);
}

/** Whether a pattern contains glob syntax. */
export function isGlob(pattern: string): boolean {
  return /[*?{[]/.test(pattern);
}

/** Files named by the user's arguments, in a stable order, and arguments that matched nothing. */
export interface ExpandedInputs {
  files: string[];
  missing: string[];
}

/** Expands files, directories and globs; skips node_modules/.git and anything an ignore pattern matches. */
export function expandInputs(patterns: readonly string[], cwd: string, ignorePatterns: readonly string[] = []): ExpandedInputs {
  const ignores = ignorePatterns.map((p) => globToRegExp(stripDotSlash(p)));
  const ignored = (rel: string) => ignores.some((re) => re.test(rel) || re.test(rel.split("/").pop() ?? ""));
  const seen = new Set<string>();
  const files: string[] = [];
  const missing: string[] = [];
  const add = (display: string) => {
    const key = resolve(cwd, display);
    if (seen.has(key) || (ignores.length > 0 && ignored(toPosix(relative(cwd, key))))) return;
    seen.add(key);
    files.push(display);
  };
  for (const pattern of patterns) {
    if (isGlob(pattern)) {
      // A glob like `**/*.json5` must not pick up the settings file, which is not an OpenClaw config.
      const matches = expandGlob(pattern, cwd).filter((m) => !ignored(m) && m.split("/").pop() !== SETTINGS_FILE_NAME);
      if (matches.length === 0) missing.push(pattern);
      for (const m of matches) add(m);
      continue;
    }
    let stat;
    try {
      stat = statSync(resolve(cwd, pattern));
    } catch {
      // Unreadable or missing: the caller reports it when it tries to read the file.
      add(pattern);
      continue;
    }
    if (stat.isDirectory()) {
      const found = walk(resolve(cwd, pattern)).filter((f) => isConfigFileName(f.split(sep).pop() ?? ""));
      if (found.length === 0) missing.push(pattern);
      for (const f of found) add(toDisplay(f, cwd));
    } else add(pattern);
  }
  return { files, missing };
}

function expandGlob(pattern: string, cwd: string): string[] {
  const posix = toPosix(pattern);
  const absolute = posix.startsWith("/");
  const normalized = stripDotSlash(posix);
  // Walk from the longest literal directory prefix, so `configs/**/*.json5` does not scan the whole tree.
  const parts = normalized.split("/");
  const literal: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (isGlob(part)) break;
    literal.push(part);
  }
  const base = absolute ? `/${literal.filter(Boolean).join("/")}` : literal.join("/");
  const root = resolve(cwd, base || ".");
  const re = globToRegExp(absolute ? normalized : normalized);
  const results: string[] = [];
  for (const file of walk(root)) {
    const candidate = absolute ? toPosix(file) : toPosix(relative(cwd, file));
    if (re.test(candidate)) results.push(absolute ? candidate : candidate);
  }
  return results.sort();
}

/** Every file below a directory, sorted, skipping node_modules and .git; never follows symlinked folders. */
function walk(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) stack.push(full);
      } else if (entry.isFile() || entry.isSymbolicLink()) out.push(full);
    }
  }
  return out.sort();
}

function toDisplay(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith("..") ? file : toPosix(rel);
}

function toPosix(p: string): string {
  return p.split(sep).join("/");
}

function stripDotSlash(p: string): string {
  return p.startsWith("./") ? p.slice(2) : p;
}
