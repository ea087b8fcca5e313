import { cacheControlTtlToRetention } from "./cache-control-ttl-to-retention.js";
import type { Migration } from "./migration.js";

/**
 * Every migration, in the order they run. Hand-written on purpose: the order is part of the
 * behaviour (a later migration sees the output of an earlier one); append new migrations at the end.
 */
export const MIGRATIONS: readonly Migration[] = [cacheControlTtlToRetention];
