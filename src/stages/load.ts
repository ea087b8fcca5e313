import { resolve } from "node:path";
import type { Environment } from "../auth/environment.js";
import { collectEnvironment } from "../auth/environment.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { compareDiagnostics } from "../diagnostics/diagnostic.js";
import type { ConfigDocument } from "../document/document.js";
import { SourceMap } from "../document/source-map.js";
import { readSource } from "../io/read-source.js";
import { resolveIncludes } from "./includes.js";
import { parseConfig } from "./parse.js";
import type { Provenance } from "./provenance.js";
import { collectProvenance } from "./provenance.js";
import { substituteEnv } from "./substitute-env.js";

/** What to load: a file on disk, or text (standard input) with the name to show for it. */
export type LoadEntry = { file: string; text?: undefined } | { text: string; file: string };

/** Where to look and which environment to substitute from. */
export interface LoadOptions {
  /** Folder relative entry paths (and the folder of text entries) resolve against; defaults to the process's. */
  cwd?: string;
  /** Dotenv files already read, in OpenClaw's order (`./.env` before `~/.openclaw/.env`). */
  envFiles?: { file: string; text: string }[];
  /** The process environment, only when the user opted in (`--use-process-env`). */
  processEnv?: Record<string, string | undefined>;
}

/** A config read, parsed, with includes merged and `${VAR}` references substituted. */
export interface LoadedConfig {
  /** The entry file's document; absent when it could not be read or parsed. */
  root?: ConfigDocument;
  /** Every parsed file by display name (the root first), for code frames and edits. */
  documents: Map<string, ConfigDocument>;
  /** Absolute path of each document, by display name. */
  paths: Map<string, string>;
  /** Includes merged, before env substitution. */
  merged: unknown;
  /** Includes merged and env substituted: what OpenClaw validates. */
  value: unknown;
  /** Origins of every member of `merged` and of `value`, pointing into the file that wrote it. */
  sourceMap: SourceMap;
  /** Read, parse, include, env-file and substitution problems, sorted. */
  diagnostics: Diagnostic[];
  /** The variables OpenClaw would see (process, env files, then the config's env block). */
  env: Environment;
  /** Where every leaf of `value` came from. */
  provenance: Provenance;
  /** Set when the entry could not be read at all: a one-line reason (the CLI exits 2). */
  error?: string;
}

/**
 * Runs the front of the pipeline: read → parse → resolve includes → substitute env. Never
 * throws; an unreadable entry sets `error`, everything else is a diagnostic.
 */
export function loadConfig(entry: LoadEntry, options: LoadOptions = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const rootPath = resolve(cwd, entry.file);
  const empty = (diagnostics: Diagnostic[], error?: string): LoadedConfig => {
    const env = collectEnvironment(undefined, envOptions(options));
    const sourceMap = new SourceMap();
    return {
      documents: new Map(),
      paths: new Map(),
      merged: undefined,
      value: undefined,
      sourceMap,
      diagnostics: [...diagnostics, ...env.diagnostics].sort(compareDiagnostics),
      env,
      provenance: collectProvenance(undefined, sourceMap),
      ...(error !== undefined ? { error } : {}),
    };
  };

  let text: string;
  if (entry.text !== undefined) {
    text = entry.text;
  } else {
    const read = readSource(rootPath, entry.file);
    if (!read.ok) return empty([], read.error);
    if (read.text === undefined) return empty([read.diagnostic]);
    text = read.text;
  }

  const parsed = parseConfig(text, entry.file);
  if (!parsed.document) return empty(parsed.diagnostics);
  const root = parsed.document;

  const included = resolveIncludes(root, { rootPath });
  const env = collectEnvironment(included.value, envOptions(options));
  const substituted = substituteEnv(included.value, included.sourceMap, {
    vars: env.vars,
    environmentGiven: (options.envFiles?.length ?? 0) > 0 || options.processEnv !== undefined,
  });
  const diagnostics = [...parsed.diagnostics, ...included.diagnostics, ...env.diagnostics, ...substituted.diagnostics].sort(compareDiagnostics);
  return {
    root,
    documents: included.documents,
    paths: included.paths,
    merged: included.value,
    value: substituted.value,
    sourceMap: included.sourceMap,
    diagnostics,
    env,
    provenance: collectProvenance(substituted.value, included.sourceMap),
  };
}

function envOptions(options: LoadOptions): { envFiles?: { file: string; text: string }[]; processEnv?: Record<string, string | undefined> } {
  return {
    ...(options.envFiles ? { envFiles: options.envFiles } : {}),
    ...(options.processEnv ? { processEnv: options.processEnv } : {}),
  };
}
