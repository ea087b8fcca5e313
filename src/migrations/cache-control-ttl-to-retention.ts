import type { Diagnostic, KeyPath, TextEdit } from "../diagnostics/diagnostic.js";
import { formatPath } from "../diagnostics/diagnostic.js";
import { deleteMember, isMemberOrigin, renameKey, replaceString } from "../document/edits.js";
import type { MemberOrigin } from "../document/edits.js";
import { LEGACY_TTL_TO_RETENTION } from "../schema/params.js";
import { defineMigration } from "./migration.js";

const LEGACY = "cacheControlTtl";
const CURRENT = "cacheRetention";

/**
 * `params.cacheControlTtl` becomes `params.cacheRetention` ("5m" -> "short", "1h" -> "long") in
 * every params bag. When both keys are set and agree, the legacy key is dropped; when they
 * disagree both stay (cacheRetention already wins in OpenClaw) and the conflict is reported; a
 * legacy value other than "5m"/"1h" is reported, never guessed.
 */
export const cacheControlTtlToRetention = defineMigration({
  meta: {
    id: "cache-control-ttl-to-retention",
    description: 'Rewrites the legacy params.cacheControlTtl ("5m", "1h") to params.cacheRetention ("short", "long").',
  },
  migrate(subject) {
    const edits: TextEdit[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const path of paramsBagPaths(subject.value)) {
      const params = valueAt(subject.value, path) as Record<string, unknown>;
      if (!Object.hasOwn(params, LEGACY)) continue;
      const legacy = subject.sourceMap.get(params, LEGACY);
      if (!legacy || !isMemberOrigin(legacy)) continue;
      const result = migrateBag(params, legacy, [...path, LEGACY]);
      edits.push(...result.edits);
      diagnostics.push(...result.diagnostics);
    }
    return { edits, diagnostics };
  },
});

function migrateBag(params: Record<string, unknown>, legacy: MemberOrigin, path: KeyPath): { edits: TextEdit[]; diagnostics: Diagnostic[] } {
  const doc = legacy.doc;
  const at = (node: { loc: { start: { offset: number }; end: { offset: number } } }) => doc.lines.range(node.loc.start.offset, node.loc.end.offset);
  const finding = (code: string, node: Parameters<typeof at>[0], message: string, notes: string[]): { edits: TextEdit[]; diagnostics: Diagnostic[] } => ({
    edits: [],
    diagnostics: [{ code, severity: "warning", message, file: doc.file, range: at(node), path, notes }],
  });

  const duplicated = [LEGACY, CURRENT].find((key) => countMembers(legacy, key) > 1);
  if (duplicated) {
    return finding(
      "migrate/duplicate-key",
      legacy.key,
      `${formatPath(path.slice(0, -1))} sets ${duplicated} more than once; it was not migrated.`,
      ["JSON5 keeps only the last value, so a rewrite of one copy could silently change which value wins.", "Delete the copies you did not mean, then run migrate again."],
    );
  }

  const ttl = params[LEGACY];
  const retention = typeof ttl === "string" && Object.hasOwn(LEGACY_TTL_TO_RETENTION, ttl) ? LEGACY_TTL_TO_RETENTION[ttl as keyof typeof LEGACY_TTL_TO_RETENTION] : undefined;
  if (retention === undefined) {
    return finding(
      "migrate/invalid-cache-ttl",
      legacy.node,
      `cacheControlTtl is ${describeValue(ttl)}, which is neither "5m" nor "1h"; it was not migrated.`,
      [
        "OpenClaw ignores any other value, so this setting has no effect.",
        'Replace it with cacheRetention: "none", "short" (5 minutes) or "long" (1 hour).',
      ],
    );
  }

  if (!Object.hasOwn(params, CURRENT)) {
    return { edits: [renameKey(doc, legacy, CURRENT), replaceString(doc, legacy.node, retention)], diagnostics: [] };
  }
  const current = params[CURRENT];
  // The legacy key says what cacheRetention already says: it is redundant.
  if (current === retention) return { edits: deleteMember(doc, legacy), diagnostics: [] };
  return finding(
    "migrate/conflicting-cache-settings",
    legacy.key,
    `cacheControlTtl ${JSON.stringify(ttl)} (cacheRetention ${JSON.stringify(retention)}) disagrees with cacheRetention ${describeValue(current)} in the same params; it was not migrated.`,
    [
      "OpenClaw uses cacheRetention when both are set, so the legacy value has no effect.",
      `Delete cacheControlTtl (lint --fix does this with the conflicting-cache-settings rule), or set cacheRetention to ${JSON.stringify(retention)} if that is what you meant.`,
    ],
  );
}

/** Number of members of the legacy key's object whose key is `name`. */
function countMembers(origin: MemberOrigin, name: string): number {
  let count = 0;
  for (const member of origin.parent.members) {
    const key = member.name.type === "String" ? member.name.value : member.name.name;
    if (key === name) count++;
  }
  return count;
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function valueAt(root: unknown, path: KeyPath): unknown {
  let current = root;
  for (const segment of path) current = (current as Record<string | number, unknown>)[segment];
  return current;
}

/**
 * Paths of every params bag that exists: agents.defaults.params, agents.defaults.models.*.params,
 * and the same two below each agent of agents.list[] and agents.entries.*.
 */
export function paramsBagPaths(config: unknown): KeyPath[] {
  const paths: KeyPath[] = [];
  if (!isObject(config) || !Object.hasOwn(config, "agents") || !isObject(config.agents)) return paths;
  const agents = config.agents;
  const addAgent = (agent: unknown, base: KeyPath) => {
    if (!isObject(agent)) return;
    if (Object.hasOwn(agent, "params") && isObject(agent.params)) paths.push([...base, "params"]);
    if (!Object.hasOwn(agent, "models") || !isObject(agent.models)) return;
    for (const [ref, entry] of Object.entries(agent.models)) {
      if (isObject(entry) && Object.hasOwn(entry, "params") && isObject(entry.params)) paths.push([...base, "models", ref, "params"]);
    }
  };
  if (Object.hasOwn(agents, "defaults")) addAgent(agents.defaults, ["agents", "defaults"]);
  if (Object.hasOwn(agents, "list") && Array.isArray(agents.list)) agents.list.forEach((agent, i) => addAgent(agent, ["agents", "list", i]));
  if (Object.hasOwn(agents, "entries") && isObject(agents.entries)) {
    for (const [id, agent] of Object.entries(agents.entries)) addAgent(agent, ["agents", "entries", id]);
  }
  return paths;
}
