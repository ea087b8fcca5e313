import JSON5 from "json5";
import type { Diagnostic, TextEdit } from "../diagnostics/diagnostic.js";
import { FILE_START } from "../diagnostics/diagnostic.js";
import type { Origin, SourceMap } from "../document/source-map.js";
import type { Migration } from "../migrations/migration.js";
import { MIGRATIONS } from "../migrations/registry.js";
import { withStep } from "./provenance.js";

/** The effective config after the migrations, and what they reported. */
export interface MigrateEffectiveResult {
  value: unknown;
  diagnostics: Diagnostic[];
  /** Ids of the migrations that changed something, in the order they ran. */
  applied: string[];
}

/**
 * Applies the registered migrations to a merged config value instead of to its files: each
 * migration computes its text edits as usual (on the files that hold the keys), and each edit is
 * carried over to the member it touches: a rename of the key token renames the member, a
 * replacement of the value node replaces the value, a deletion of the whole member removes it.
 * Origins keep pointing at the user's original text, with the migration recorded as a step, so
 * `--explain` can say "migrated from line 12". An edit that maps to no member is reported.
 */
export function migrateEffectiveConfig(
  value: unknown,
  sourceMap: SourceMap,
  file: string,
  migrations: readonly Migration[] = MIGRATIONS,
): MigrateEffectiveResult {
  const diagnostics: Diagnostic[] = [];
  const applied: string[] = [];
  let current = value;
  for (const migration of migrations) {
    let result;
    try {
      result = migration.migrate({ file, value: current, sourceMap });
    } catch (error) {
      diagnostics.push({
        code: "migrate/failed",
        severity: "error",
        message: `Migration ${migration.meta.id} was not applied: it threw ${(error as Error)?.message ?? String(error)}.`,
        file,
        range: FILE_START,
        path: [],
        notes: ["This is a bug in openclaw-config; the effective config is shown without this migration."],
      });
      continue;
    }
    diagnostics.push(...result.diagnostics);
    if (result.edits.length === 0) continue;
    const carried = carryEdits(current, sourceMap, result.edits, migration.meta.id);
    diagnostics.push(...carried.diagnostics.map((d) => ({ ...d, file: d.file || file })));
    current = carried.value;
    applied.push(migration.meta.id);
  }
  return { value: current, diagnostics, applied };
}

/** Applies text edits to the members of `value` whose key, value or whole member they cover. */
function carryEdits(value: unknown, sourceMap: SourceMap, edits: readonly TextEdit[], id: string): { value: unknown; diagnostics: Diagnostic[] } {
  const used = new Set<TextEdit>();
  const texts = new Map<string, string>();
  const find = (file: string, match: (edit: TextEdit) => boolean): TextEdit | undefined => edits.find((edit) => edit.file === file && match(edit));

  const visit = (current: unknown): unknown => {
    if (typeof current !== "object" || current === null) return current;
    if (Array.isArray(current)) {
      const result = current.map((element) => visit(element));
      sourceMap.copy(current, result);
      return result;
    }
    const source = current as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    const changed = new Map<string, Origin>();
    for (const key of Object.keys(source)) {
      const origin = sourceMap.get(source, key);
      let nextKey = key;
      let nextValue: unknown;
      let carried = false;
      if (origin?.key && origin.member) {
        const { doc, member, key: keyNode, node } = origin;
        texts.set(doc.file, doc.text);
        const removal = find(doc.file, (e) => e.text === "" && e.start <= member.loc.start.offset && e.end >= member.loc.end.offset);
        if (removal) {
          used.add(removal);
          continue;
        }
        const keyEdit = find(doc.file, (e) => e.start === keyNode.loc.start.offset && e.end === keyNode.loc.end.offset);
        const renamed = keyEdit ? parseKey(keyEdit.text) : undefined;
        if (keyEdit && renamed !== undefined) {
          used.add(keyEdit);
          nextKey = renamed;
          carried = true;
        }
        const valueEdit = find(doc.file, (e) => e.start === node.loc.start.offset && e.end === node.loc.end.offset);
        const replaced = valueEdit ? parseValue(valueEdit.text) : undefined;
        if (valueEdit && replaced) {
          used.add(valueEdit);
          nextValue = replaced.value;
          carried = true;
        } else nextValue = visit(source[key]);
        if (carried) changed.set(nextKey, withStep(origin, { kind: "migration", id, description: describeChange(key, source[key], nextKey, nextValue) }));
      } else nextValue = visit(source[key]);
      Object.defineProperty(result, nextKey, { value: nextValue, enumerable: true, writable: true, configurable: true });
      const kept = changed.get(nextKey) ?? origin;
      if (kept) sourceMap.set(result, nextKey, kept);
    }
    // Copies the root origin when `source` is the root; then the migrated origins win again.
    sourceMap.copy(source, result);
    for (const [key, origin] of changed) sourceMap.set(result, key, origin);
    return result;
  };

  const migrated = visit(value);
  const diagnostics: Diagnostic[] = [];
  for (const edit of edits) {
    if (used.has(edit) || isLayoutOnly(edit, texts.get(edit.file))) continue;
    diagnostics.push({
      code: "migrate/not-carried",
      severity: "warning",
      message: `Migration ${id} changes text that matches no single value; the effective config shows that part unmigrated.`,
      file: edit.file,
      range: FILE_START,
      path: [],
      notes: ["Run `openclaw-config migrate --write` and resolve again to see the migrated file."],
    });
  }
  return { value: migrated, diagnostics };
}

/** A removal of commas, whitespace and comments only (the separator a deleted member leaves behind). */
function isLayoutOnly(edit: TextEdit, text: string | undefined): boolean {
  if (edit.text !== "" || text === undefined) return false;
  const removed = text
    .slice(edit.start, edit.end)
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/[^\n\r]*/g, "");
  return /^[\s,]*$/.test(removed);
}

/** The key an edit writes: an identifier or a quoted JSON5 string. */
function parseKey(text: string): string | undefined {
  try {
    const parsed = JSON5.parse(`{${text}:0}`) as Record<string, unknown>;
    const keys = Object.keys(parsed);
    return keys.length === 1 ? keys[0] : undefined;
  } catch {
    return undefined;
  }
}

/** The value an edit writes, when it is one JSON5 value. */
function parseValue(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON5.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** `cacheControlTtl "1h" became cacheRetention "long"` (scalars only; containers by kind). */
function describeChange(oldKey: string, oldValue: unknown, newKey: string, newValue: unknown): string {
  const show = (v: unknown) => (typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? JSON.stringify(v) : Array.isArray(v) ? "[…]" : "{…}");
  return `${oldKey} ${show(oldValue)} became ${newKey} ${show(newValue)}`;
}
