import { resolve } from "node:path";
import type { AuthDecision } from "./auth/mode.js";
import { detectAuthMode } from "./auth/mode.js";
import { redactSecret } from "./auth/credentials.js";
import type { Diagnostic, KeyPath } from "./diagnostics/diagnostic.js";
import { FILE_START, compareDiagnostics } from "./diagnostics/diagnostic.js";
import type { ConfigDocument } from "./document/document.js";
import type { SourceMap } from "./document/source-map.js";
import { readSource } from "./io/read-source.js";
import { computeModelParams, normalizeModelRef, parseModelRef } from "./model/effective-params.js";
import { BETA_HEADER, CACHE_BETA_FLAG, betaFlags, findBetaHeaderOverrides } from "./model/anthropic-beta-headers.js";
import type { Retention } from "./model/prompt-cache.js";
import { RETENTION_KEY, cacheEffect, effectiveRetention, isRetention, openClawRetention, seededModels } from "./model/prompt-cache.js";
import type { ModelParams } from "./rules/context.js";
import type { OpenClawConfig } from "./schema/root.js";
import type { AppliedDefault } from "./stages/defaults.js";
import { applyDefaults } from "./stages/defaults.js";
import type { LoadEntry, LoadedConfig } from "./stages/load.js";
import { loadConfig } from "./stages/load.js";
import { migrateEffectiveConfig } from "./stages/migrate-effective.js";
import type { Provenance } from "./stages/provenance.js";
import { collectProvenance, stepsOf } from "./stages/provenance.js";
import { redactConfig } from "./stages/redact.js";
import { validateConfig } from "./stages/validate.js";

/** How `resolveConfig` finds the environment and the auth mode, and what it shows. */
export interface ResolveOptions {
  /** Folder that relative paths resolve against (default: the process's). */
  cwd?: string;
  /** For text input: the file name to show in messages (its folder anchors `$include`s). */
  file?: string;
  /** Dotenv files, as paths or already read, in OpenClaw's order (`./.env` before `~/.openclaw/.env`). */
  envFiles?: (string | { file: string; text: string })[];
  /** `true` uses `process.env`; an object is used as the process environment. Off by default. */
  processEnv?: boolean | Record<string, string | undefined>;
  /** The Anthropic auth mode; `auto` (default) detects it from the config and environment. */
  auth?: "auto" | "api-key" | "subscription";
  /** Keep credentials in the result. Off by default: secrets are replaced by `…(redacted)` placeholders. */
  showSecrets?: boolean;
}

/** The effective config OpenClaw runs with, and how it was derived. */
export interface ResolveResult {
  /** Includes merged, env substituted, migrations and defaults applied; secrets redacted unless asked. Absent when the file could not be parsed. */
  config: OpenClawConfig | undefined;
  /** False when the config does not match the schema (then `config` is typed optimistically). */
  valid: boolean;
  diagnostics: Diagnostic[];
  /** Where each leaf of `config` came from. */
  provenance: Provenance;
  auth: AuthDecision;
  /** Values the defaults step added. */
  defaults: AppliedDefault[];
  /** Ids of the migrations that changed something. */
  migrations: string[];
}

/** Everything the compiler produced, for commands that show more than the config (`resolve --explain`, `cache`). */
export interface CompiledConfig {
  loaded: LoadedConfig;
  /** After migrations, before defaults. */
  migrated: unknown;
  /** The effective config, secrets NOT redacted. */
  value: unknown;
  sourceMap: SourceMap;
  documents: Map<string, ConfigDocument>;
  auth: AuthDecision;
  defaults: AppliedDefault[];
  migrations: string[];
  valid: boolean;
  diagnostics: Diagnostic[];
  /** Provenance of `value` (env steps hold substituted text: never print `segments`). */
  provenance: Provenance;
  /** Set when the entry could not be read at all. */
  error?: string;
}

/**
 * Compiles a config the way OpenClaw loads it: read → parse → resolve includes → substitute env →
 * migrate → validate → apply defaults. Never throws.
 */
export function compileConfig(entry: LoadEntry, options: Omit<ResolveOptions, "showSecrets" | "file"> = {}): CompiledConfig {
  const envDiagnostics: Diagnostic[] = [];
  const envFiles: { file: string; text: string }[] = [];
  for (const envFile of options.envFiles ?? []) {
    if (typeof envFile !== "string") {
      envFiles.push(envFile);
      continue;
    }
    const read = readSource(resolve(options.cwd ?? process.cwd(), envFile), envFile);
    if (read.ok && read.text !== undefined) envFiles.push({ file: envFile, text: read.text });
    else envDiagnostics.push(read.ok ? read.diagnostic : unreadableEnvFile(envFile, read.error));
  }
  const processEnv = options.processEnv === true ? process.env : options.processEnv || undefined;
  const loaded = loadConfig(entry, {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    envFiles,
    ...(processEnv ? { processEnv } : {}),
  });
  const sourceMap = loaded.sourceMap;
  const auth = detectAuthMode({ config: loaded.value, env: loaded.env.vars, ...(options.auth ? { explicit: options.auth } : {}) });
  const base = {
    loaded,
    sourceMap,
    documents: loaded.documents,
    auth,
    ...(loaded.error !== undefined ? { error: loaded.error } : {}),
  };
  if (!loaded.root) {
    return {
      ...base,
      migrated: undefined,
      value: undefined,
      defaults: [],
      migrations: [],
      valid: false,
      diagnostics: [...envDiagnostics, ...loaded.diagnostics].sort(compareDiagnostics),
      provenance: loaded.provenance,
    };
  }
  const validation = validateConfig(loaded.value, sourceMap, loaded.root.file);
  const migrated = migrateEffectiveConfig(loaded.value, sourceMap, loaded.root.file);
  const withDefaults = applyDefaults(migrated.value, sourceMap, auth);
  const diagnostics = [...envDiagnostics, ...loaded.diagnostics, ...validation.diagnostics, ...migrated.diagnostics].sort(compareDiagnostics);
  return {
    ...base,
    migrated: migrated.value,
    value: withDefaults.value,
    defaults: withDefaults.added,
    migrations: migrated.applied,
    valid: validation.valid,
    diagnostics,
    provenance: collectProvenance(withDefaults.value, sourceMap),
  };
}

/**
 * Resolves a config to the effective config OpenClaw runs with. `input` is a path, config text
 * (a string whose first significant character is `{` or a comment), or `{ text, file? }` /
 * `{ file }`. Secrets are redacted unless `showSecrets`. Never throws: problems are diagnostics.
 */
export function resolveConfig(input: string | { text: string; file?: string } | { file: string }, options: ResolveOptions = {}): ResolveResult {
  const entry = toEntry(input, options.file);
  const compiled = compileConfig(entry, options);
  const diagnostics = compiled.error !== undefined ? [unreadableEntry(entry.file, compiled.error), ...compiled.diagnostics] : compiled.diagnostics;
  const shown = options.showSecrets ? compiled.value : redactConfig(compiled.value, compiled.sourceMap).value;
  return {
    config: shown as OpenClawConfig | undefined,
    valid: compiled.valid,
    diagnostics,
    provenance: options.showSecrets ? compiled.provenance : redactProvenance(compiled.provenance, shown),
    auth: compiled.auth,
    defaults: compiled.defaults,
    migrations: compiled.migrations,
  };
}

/** Provenance over `value` (the redacted config) with the substituted text of secret variables replaced by placeholders. */
export function redactProvenance(provenance: Provenance, value: unknown): Provenance {
  return provenance.derive(value, (step) =>
    step.kind === "env" ? { ...step, segments: step.segments.map((s) => (s.secret ? { ...s, text: redactSecret(s.text) } : s)) } : step,
  );
}

function toEntry(input: string | { text: string; file?: string } | { file: string }, file: string | undefined): LoadEntry {
  if (typeof input === "string") return looksLikeConfigText(input) ? { text: input, file: file ?? "<text>" } : { file: input };
  if ("text" in input && typeof input.text === "string") return { text: input.text, file: input.file ?? file ?? "<text>" };
  return { file: input.file ?? "" };
}

/** Config text starts with `{` or a comment (after a BOM and whitespace); a path does not. */
function looksLikeConfigText(input: string): boolean {
  return /^\uFEFF?\s*(?:\{|\/\/|\/\*)/.test(input) || input.includes("\n");
}

function unreadableEntry(file: string, error: string): Diagnostic {
  return { code: "read/unreadable", severity: "error", message: `Cannot read ${error}.`, file, range: FILE_START, path: [] };
}

function unreadableEnvFile(file: string, error: string): Diagnostic {
  return {
    code: "env-file/unreadable",
    severity: "error",
    message: `Cannot read env file ${error}.`,
    file,
    range: FILE_START,
    path: [],
    notes: ["Without it, `${VAR}` references to its variables cannot be checked."],
  };
}

/** Whether OpenClaw will run a model with the retention shown. */
export type Honour = "yes" | "no" | "unknown";

/** One row of the `cache` table: an agent, an Anthropic model, and its effective prompt caching. */
export interface PromptCacheRow {
  /** Agent id, or `(defaults)` when the config defines no agents. */
  agent: string;
  model: string;
  /** The retention OpenClaw's request uses per this tool's resolution (after migration and defaults). */
  retention: Retention;
  ttl: "5m" | "1h" | "none";
  source: {
    kind: "config" | "migration" | "default" | "openclaw-default" | "unset";
    /** `openclaw.json5:12`, `default`, `migration (openclaw.json5:9)`... */
    text: string;
    file?: string;
    line?: number;
    path?: KeyPath;
  };
  honoured: Honour;
  /** Why not (or why unknown); empty when honoured. */
  reasons: string[];
  /** With --explain: each params layer's cache setting, lowest precedence first. */
  layers: { scope: string; path: KeyPath; value?: unknown; at?: string }[];
}

/** The `cache` report: the auth mode that decides everything, and one row per agent and Anthropic model. */
export interface PromptCacheReport {
  auth: { mode: AuthDecision["mode"]; source: string };
  rows: PromptCacheRow[];
}

const TTL: Record<Retention, PromptCacheRow["ttl"]> = { none: "none", short: "5m", long: "1h" };

/** Computes the `cache` table from a compiled config. */
export function describePromptCache(compiled: CompiledConfig): PromptCacheReport {
  const report: PromptCacheReport = { auth: { mode: compiled.auth.mode, source: compiled.auth.source }, rows: [] };
  if (compiled.value === undefined) return report;
  const { sourceMap } = compiled;
  const final = computeModelParams(compiled.value, sourceMap);
  const original = computeModelParams(compiled.loaded.value, sourceMap);
  const seeded = compiled.auth.mode === "api-key" ? seededModels(compiled.loaded.value, original) : new Set<string>();
  const overrides = findBetaHeaderOverrides(compiled.value);
  const hasAgents = final.some((use) => use.agent.kind !== "defaults");

  const where = (path: KeyPath): { file: string; line: number } | undefined => {
    const loc = sourceMap.locate(compiled.value, path, "value");
    return loc && !loc.approximate ? { file: loc.file, line: loc.range.start.line } : undefined;
  };
  const at = (path: KeyPath): string => {
    const loc = where(path);
    return loc ? `${loc.file}:${loc.line}` : "?";
  };

  for (const use of final) {
    if (hasAgents && use.agent.kind === "defaults") continue;
    if (!cacheEffect(use.model, compiled.value).effective) continue;
    const { provider } = parseModelRef(use.model);
    const direct = provider === "anthropic" || provider === "anthropic-vertex";
    const setting = effectiveRetention(use.layers);
    const reasons: string[] = [];

    let retention: Retention;
    let source: PromptCacheRow["source"];
    if (setting?.path) {
      retention = setting.value;
      const origin = sourceMap.locate(compiled.value, setting.path, "value")?.origin;
      const steps = stepsOf(origin);
      const loc = where(setting.path);
      const located = loc ? { file: loc.file, line: loc.line } : {};
      if (steps.some((s) => s.kind === "default")) source = { kind: "default", text: "default (API key)", path: setting.path };
      else if (steps.some((s) => s.kind === "migration")) source = { kind: "migration", text: `migration (${at(setting.path)})`, path: setting.path, ...located };
      else source = { kind: "config", text: at(setting.path), path: setting.path, ...located };
    } else if (direct) {
      retention = "short";
      source = { kind: "openclaw-default", text: "OpenClaw default" };
    } else {
      retention = "none";
      source = { kind: "unset", text: "not set" };
    }

    const invalid = invalidAbove(use, setting?.path);
    if (invalid) reasons.push(`${RETENTION_KEY} ${JSON.stringify(invalid.value)} at ${at(invalid.path)} is not none/short/long; OpenClaw ignores it`);

    const applicable = overrides.filter((o) => normalizeModelRef(o.providerId) === provider && (o.level === "provider" || o.modelId === parseModelRef(use.model).id));
    let honoured: Honour = "yes";
    if (compiled.auth.mode === "subscription") {
      honoured = "no";
      reasons.push("subscription auth (setup-token/OAuth) ignores prompt-cache settings");
      for (const o of applicable) reasons.push(`the ${BETA_HEADER} header at ${at(o.path)} replaces the OAuth beta flags: requests fail with 401`);
    } else if (compiled.auth.mode === "unknown") {
      honoured = "unknown";
      reasons.push("the Anthropic auth mode is unknown; caching works only with an API key (pass --auth or an --env-file)");
    } else {
      const before = original.find(
        (o) => o.agent.kind === use.agent.kind && o.agent.id === use.agent.id && normalizeModelRef(o.model) === normalizeModelRef(use.model),
      );
      const theirs = before ? openClawRetention(before.layers, seeded.has(normalizeModelRef(use.model))) : undefined;
      if (theirs?.value !== undefined && theirs.value !== retention) {
        honoured = "no";
        reasons.push(downgradeReason(theirs.value, source, setting?.path));
      }
      if (retention === "long") {
        for (const o of applicable) {
          const flags = typeof o.value === "string" ? betaFlags(o.value) : undefined;
          if (flags && !flags.includes(CACHE_BETA_FLAG)) {
            honoured = "no";
            reasons.push(`the ${BETA_HEADER} header at ${at(o.path)} lacks ${CACHE_BETA_FLAG}, which the 1-hour cache needs`);
          }
        }
      }
    }
    if (invalid && honoured === "yes") honoured = "no";

    report.rows.push({
      agent: use.agent.kind === "defaults" ? "(defaults)" : use.agent.id,
      model: use.model,
      retention,
      ttl: TTL[retention],
      source,
      honoured,
      reasons,
      layers: use.layers.map((layer) => {
        const path = [...layer.path, RETENTION_KEY];
        const has = Object.hasOwn(layer.params, RETENTION_KEY);
        return { scope: layer.scope, path, ...(has ? { value: layer.params[RETENTION_KEY], at: at(path) } : {}) };
      }),
    });
  }
  return report;
}

/** An invalid cacheRetention in a layer above the one that decided (OpenClaw skips it). */
function invalidAbove(use: ModelParams, decided: KeyPath | undefined): { value: unknown; path: KeyPath } | undefined {
  for (let i = use.layers.length - 1; i >= 0; i--) {
    const layer = use.layers[i];
    if (!layer) continue;
    const path = [...layer.path, RETENTION_KEY];
    if (decided && samePath(path, decided)) return undefined;
    if (Object.hasOwn(layer.params, RETENTION_KEY) && !isRetention(layer.params[RETENTION_KEY])) return { value: layer.params[RETENTION_KEY], path };
  }
  return undefined;
}

function samePath(a: KeyPath, b: KeyPath): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}

/** Why OpenClaw itself runs another retention than the effective one. */
function downgradeReason(theirs: Retention, source: PromptCacheRow["source"], path: KeyPath | undefined): string {
  if (source.kind === "migration") {
    return `OpenClaw itself runs "${theirs}": it seeds cacheRetention before reading the legacy cacheControlTtl; run \`openclaw-config migrate --write\``;
  }
  if (path && path[0] === "agents" && path[1] === "defaults" && path[2] === "params") {
    return `OpenClaw itself runs "${theirs}": its API-key default in the model's own params outranks agents.defaults.params; set cacheRetention in agents.defaults.models[...].params too`;
  }
  return `OpenClaw itself runs "${theirs}"`;
}
