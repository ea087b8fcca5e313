import { listGivenStores } from "../auth/given-stores.js";
import type { AuthStore } from "../auth/store.js";
import { formatPath } from "../diagnostics/diagnostic.js";
import type { KeyPath } from "../diagnostics/diagnostic.js";
import { closestMatch } from "../diagnostics/suggest.js";
import type { LintContext } from "./context.js";
import { defineRule } from "./rule.js";

/** A store the run was given, named for messages. */
interface NamedStore {
  store: AuthStore;
  /** `agent "work"` or the store's file. */
  label: string;
  agent?: string;
}

/** `auth.order` names a profile that does not exist, belongs to another provider, or is missing from the auth stores. */
export const unknownAuthProfile = defineRule<LintContext>({
  meta: {
    id: "unknown-auth-profile",
    description: "auth.order names a profile that does not exist or belongs to another provider.",
    defaultSeverity: "error",
    fixable: "none",
    docs: {
      checks:
        "Each id in `auth.order.<provider>`: it must name a profile defined in `auth.profiles` or in one of the auth stores given " +
        "with `--auth-profiles`/`--state-dir`, and that profile's provider must be `<provider>`. When stores are given, the id must " +
        "also be in at least one of them (an agent's `auth-profiles.json`), since that is where OpenClaw finds the credential.",
      why:
        "OpenClaw walks `auth.order.<provider>` to pick a credential and to fail over, and silently skips ids it cannot find or that " +
        "belong to another provider. A typo therefore removes a profile from failover without any error, and for Anthropic it can " +
        "change which profile decides between API-key and subscription auth.",
      invalid: '{\n  auth: {\n    profiles: { "anthropic:work": { provider: "anthropic", mode: "api_key" } },\n    order: { anthropic: ["anthropic:wrok"] },\n  },\n}',
      valid: '{\n  auth: {\n    profiles: { "anthropic:work": { provider: "anthropic", mode: "api_key" } },\n    order: { anthropic: ["anthropic:work"] },\n  },\n}',
      fix:
        "Correct the id, define the profile in `auth.profiles`, or remove the entry. A profile of another provider belongs in that " +
        "provider's list. For an id missing from an agent's store, configure auth for that agent (`openclaw agents add <id>`) or copy " +
        "the main agent's `auth-profiles.json` into its agent directory.",
    },
  },
  check(context) {
    const auth = record(record(context.config)?.["auth"]);
    const order = record(auth?.["order"]);
    if (!order) return;
    const profiles = record(auth?.["profiles"]) ?? {};
    const stores = namedStores(context);

    for (const provider of Object.keys(order)) {
      const ids = order[provider];
      if (!Array.isArray(ids)) continue;
      const wanted = normalize(provider);
      ids.forEach((id: unknown, index) => {
        if (typeof id !== "string") return;
        const path: KeyPath = ["auth", "order", provider, index];
        const list = formatPath(["auth", "order", provider]);
        const configured = Object.hasOwn(profiles, id) ? record(profiles[id]) : undefined;
        const holders = stores.filter((s) => s.store.profiles.has(id));

        if (!configured && holders.length === 0) {
          const candidates = [...new Set([...Object.keys(profiles), ...stores.flatMap((s) => [...s.store.profiles.keys()])])];
          const near = closestMatch(id, candidates);
          const where = stores.length > 0 ? "in auth.profiles or the auth stores" : "in auth.profiles";
          context.report({
            path,
            message: `${list} names ${JSON.stringify(id)}, which is not defined ${where}.`,
            notes: [
              "OpenClaw skips ids it cannot find, so this entry never takes part in picking a credential or failing over.",
              near !== undefined
                ? `Did you mean ${JSON.stringify(near)}?`
                : stores.length > 0
                  ? "Correct the id, or remove it from the list."
                  : "Correct the id, define the profile in auth.profiles, or remove it; if it exists only in an agent's auth-profiles.json, pass --state-dir to check there.",
            ],
          });
          return;
        }

        const owner = profileProvider(id, configured, holders);
        if (owner !== undefined && owner !== wanted) {
          context.report({
            path,
            message: `${list} names ${JSON.stringify(id)}, a profile of provider ${JSON.stringify(owner)}.`,
            notes: [
              `OpenClaw skips profiles of another provider in ${list}, so this entry is never used.`,
              `Move it to ${formatPath(["auth", "order", owner])}, or list a profile of provider ${JSON.stringify(provider)} here.`,
            ],
          });
          return;
        }

        // Per agent, a missing id is normal (agents may use other accounts); in no store at all, it is dead.
        if (holders.length > 0 || stores.length === 0) return;
        context.report({
          path,
          message: `${list} names ${JSON.stringify(id)}, which is ${describeStores(stores)}.`,
          notes: [
            "OpenClaw reads credentials from each agent's auth-profiles.json and skips an id that no store holds, so this entry never takes part in picking a credential or failing over.",
            "Create the profile in the agent's store (`openclaw agents add <id>` configures an agent's auth), copy it from another agent's auth-profiles.json, or remove the id from the list.",
          ],
        });
      });
    }
  },
});

/** The provider a profile belongs to: the config profile's `provider`, else the store's, else the id's prefix. */
function profileProvider(id: string, configured: Record<string, unknown> | undefined, holders: NamedStore[]): string | undefined {
  if (configured && typeof configured["provider"] === "string" && configured["provider"].trim() !== "") return normalize(configured["provider"]);
  const stored = holders[0]?.store.profiles.get(id);
  if (stored) return stored.provider;
  const colon = id.indexOf(":");
  return colon > 0 ? normalize(id.slice(0, colon)) : undefined;
}

function namedStores(context: LintContext): NamedStore[] {
  const byFile = new Map<string, string>();
  for (const [agent, entry] of context.stores.agents ?? []) if (entry.store) byFile.set(entry.store.file, agent);
  return listGivenStores(context.stores).map((store) => {
    const agent = byFile.get(store.file);
    return agent !== undefined ? { store, agent, label: `the auth store of agent ${JSON.stringify(agent)}` } : { store, label: `the auth store ${store.file}` };
  });
}

/** `not in the auth store of agent "main"`, `in none of the auth stores of agents "main" and "work"`. */
function describeStores(stores: NamedStore[]): string {
  const [only] = stores;
  if (stores.length === 1 && only) return `not in ${only.label}`;
  const agents = stores.flatMap((s) => (s.agent !== undefined ? [JSON.stringify(s.agent)] : []));
  return agents.length === stores.length ? `in none of the auth stores of agents ${joinWords(agents)}` : `in none of the ${stores.length} auth stores given`;
}

/** `a`, `a and b`, `a, b and c`. */
function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function normalize(provider: string): string {
  return provider.trim().toLowerCase();
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
