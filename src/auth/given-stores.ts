import type { AgentStore, AuthStore } from "./store.js";

/** The auth stores a run was given: `--auth-profiles` and the per-agent stores of `--state-dir`. */
export interface GivenStores {
  authProfiles?: { file: string; store?: AuthStore };
  agents?: ReadonlyMap<string, AgentStore>;
}

/** Every parsed store, each file once, `--auth-profiles` first, then agents in the map's order. */
export function listGivenStores(stores: GivenStores): AuthStore[] {
  const result = new Map<string, AuthStore>();
  const single = stores.authProfiles?.store;
  if (single) result.set(single.file, single);
  for (const agent of stores.agents?.values() ?? []) if (agent.store && !result.has(agent.store.file)) result.set(agent.store.file, agent.store);
  return [...result.values()];
}
