import type { Fix, KeyPath } from "../diagnostics/diagnostic.js";
import { deleteMember, isMemberOrigin, renameKey, replaceString } from "../document/edits.js";
import type { MemberOrigin } from "../document/edits.js";
import { memberCount } from "../document/members.js";
import type { Origin } from "../document/source-map.js";
import { LEGACY_TTL_KEY, RETENTION_KEY, legacyTtlRetention } from "./prompt-cache.js";

/*
 * Fixes shared by the cache rules. Each returns undefined when the edit would not be safe: the
 * key is not a plain member of an object in the file, or its object repeats a cache key (JSON5
 * keeps the last copy, so editing one copy could change which value wins).
 */

/** Resolves a key path to its member origin. */
export type OriginOf = (path: KeyPath) => Origin | undefined;

/** The member origin of a cache key whose params object holds each cache key at most once. */
export function cacheMember(originOf: OriginOf, path: KeyPath): MemberOrigin | undefined {
  const origin = originOf(path);
  if (!origin || !isMemberOrigin(origin)) return undefined;
  if (memberCount(origin.parent, RETENTION_KEY) > 1 || memberCount(origin.parent, LEGACY_TTL_KEY) > 1) return undefined;
  return origin;
}

/**
 * The migration of one legacy key: `cacheControlTtl: "1h"` becomes `cacheRetention: "long"` in
 * place (key quotes and value quotes kept). Only when the params object has no cacheRetention.
 */
export function migrateLegacyTtl(originOf: OriginOf, ttlPath: KeyPath): Fix | undefined {
  const origin = cacheMember(originOf, ttlPath);
  if (!origin || memberCount(origin.parent, RETENTION_KEY) > 0) return undefined;
  const value = origin.node.type === "String" ? origin.node.value : undefined;
  const retention = legacyTtlRetention(value);
  if (!retention) return undefined;
  return {
    description: `Replace cacheControlTtl ${JSON.stringify(value)} with cacheRetention "${retention}"`,
    edits: [renameKey(origin.doc, origin, RETENTION_KEY), replaceString(origin.doc, origin.node, retention)],
  };
}

/** Deletes the legacy key (with its comma and its own comments). */
export function deleteLegacyTtl(originOf: OriginOf, ttlPath: KeyPath, description: string): Fix | undefined {
  const origin = cacheMember(originOf, ttlPath);
  if (!origin) return undefined;
  const edits = deleteMember(origin.doc, origin);
  return edits.length > 0 ? { description, edits } : undefined;
}
