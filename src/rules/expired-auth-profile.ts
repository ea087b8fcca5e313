import { listGivenStores } from "../auth/given-stores.js";
import { gradeExpiry } from "../auth/store.js";
import type { LintContext } from "./context.js";
import { defineRule } from "./rule.js";

const HOUR_MS = 60 * 60 * 1000;

/** A token/OAuth profile in an auth store that has expired, has no usable expiry, or expires within 24 hours. */
export const expiredAuthProfile = defineRule<LintContext>({
  meta: {
    id: "expired-auth-profile",
    description: "A token or OAuth profile in an auth store is expired or has no usable expiry (error), or expires within 24 hours (warning).",
    defaultSeverity: "error",
    fixable: "none",
    docs: {
      checks:
        "With `--auth-profiles <auth-profiles.json>` or `--state-dir <dir>` (each agent's `agents/<id>/agent/auth-profiles.json`): " +
        "every profile of type `token` or `oauth`, graded the way `openclaw models status --check` grades it. An `expires` (milliseconds " +
        "since 1970) at or before now, a missing `expires`, or an unusable one (not a positive number) is an error; an expiry within the " +
        "next 24 hours is a warning. `api_key` profiles do not expire. Findings point into the store file; no credential is printed.",
      why:
        "OpenClaw skips an expired profile and fails over to the next one in `auth.order`; when none is left, every request of that " +
        "agent fails. Expiry is silent until the first failed reply, so catching it before a deploy saves an outage.",
      invalid:
        '// ~/.openclaw/agents/main/agent/auth-profiles.json\n{\n  version: 1,\n  profiles: {\n    "anthropic:default": { type: "token", provider: "anthropic", token: "…", expires: 1767225600000 },\n  },\n}',
      valid:
        '// ~/.openclaw/agents/main/agent/auth-profiles.json\n{\n  version: 1,\n  profiles: {\n    "anthropic:default": { type: "token", provider: "anthropic", token: "…", expires: 1798761600000 },\n  },\n}',
      fix:
        "Create a new credential and store it again: for a Claude setup-token run `claude setup-token`, then " +
        "`openclaw models auth paste-token --provider anthropic`; for OAuth sign in again. Check the result with `openclaw models status`.",
    },
  },
  check(context) {
    for (const store of listGivenStores(context.stores)) {
      for (const profile of store.profiles.values()) {
        const grade = gradeExpiry(profile, context.now);
        if (grade === "ok") continue;
        const name = `Profile ${JSON.stringify(profile.id)} (${profile.type})`;
        const renew = renewal(profile.type, profile.provider);
        const at = { file: store.file, range: profile.expiresRange ?? profile.range };
        const path = ["profiles", profile.id, ...(profile.expiresRange ? ["expires"] : [])];
        if (grade === "no-expiry" || profile.expires === 0) {
          context.report({
            path,
            at,
            message: `${name} has no usable expiry.`,
            notes: [
              "`openclaw models status --check` counts a token or OAuth credential without a valid `expires` (milliseconds since 1970) as expired or missing, because nothing says it still works.",
              renew,
            ],
          });
        } else if (grade === "expired") {
          context.report({ path, at, message: `${name} expired on ${isoDate(profile.expires)}.`, notes: [consequence(profile.type, "now"), renew] });
        } else {
          const hours = Math.max(0, Math.floor(((profile.expires ?? context.now) - context.now) / HOUR_MS));
          context.report({
            path,
            at,
            severity: "warning",
            message: `${name} expires ${hours === 0 ? "within the hour" : `in ${hours} ${hours === 1 ? "hour" : "hours"}`} (${isoDate(profile.expires)}).`,
            notes: [consequence(profile.type, "soon"), renew],
          });
        }
      }
    }
  },
});

/** What an expired credential of this type means for the agent, now or once it expires. */
function consequence(type: string, when: "now" | "soon"): string {
  const failover = "fails over to the next profile in auth.order, and the agent's requests fail when none is left.";
  if (type === "token") return `${when === "now" ? "A setup-token cannot be refreshed, so" : "A setup-token cannot be refreshed: once it expires,"} OpenClaw ${failover}`;
  return `${when === "now" ? "OpenClaw has to refresh an expired OAuth credential before using it" : "Once it expires, OpenClaw has to refresh the OAuth credential before using it"}; if the refresh is refused, it ${failover}`;
}

/** How to replace the credential. */
function renewal(type: string, provider: string): string {
  if (type !== "token") return `Sign in to ${provider} again to store a fresh OAuth credential, then check with \`openclaw models status\`.`;
  const create = provider === "anthropic" ? "Create a new setup-token with `claude setup-token`" : `Create a new ${provider} token`;
  return `${create} and store it with \`openclaw models auth paste-token --provider ${provider}\`.`;
}

/** An expiry as a UTC timestamp to the minute: `2026-09-01 12:00 UTC`. */
function isoDate(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "an unknown date";
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return "an unknown date";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
