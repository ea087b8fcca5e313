import { replaceString } from "../document/edits.js";
import { formatPath } from "../diagnostics/diagnostic.js";
import type { KeyPath } from "../diagnostics/diagnostic.js";
import type { LintContext } from "./context.js";
import { defineRule } from "./rule.js";

/** One place where OpenClaw spells API-key auth its own way. */
interface Spelling {
  path: KeyPath;
  wrong: string;
  right: string;
  /** Who spells it `right`: `auth profiles` or `providers`. */
  where: string;
  other: string;
}

/** `api-key` in `auth.profiles.*.mode`, or `api_key` in `models.providers.*.auth`. */
export const authModeSpelling = defineRule<LintContext>({
  meta: {
    id: "auth-mode-spelling",
    description: 'API-key auth spelled the other section\'s way: "api_key" in auth.profiles, "api-key" in models.providers.',
    defaultSeverity: "error",
    fixable: "fix",
    docs: {
      checks:
        '`auth.profiles.<id>.mode` set to `"api-key"` (profiles spell it `"api_key"`, with an underscore) and ' +
        '`models.providers.<id>.auth` set to `"api_key"` (providers spell it `"api-key"`, with a hyphen).',
      why:
        "OpenClaw spells the same idea two ways in two places, and its schema accepts only the local spelling: a config with the " +
        "other one fails validation and the gateway refuses to start.",
      invalid:
        '{\n  auth: { profiles: { "anthropic:default": { provider: "anthropic", mode: "api-key" } } },\n  models: { providers: { litellm: { auth: "api_key" } } },\n}',
      valid:
        '{\n  auth: { profiles: { "anthropic:default": { provider: "anthropic", mode: "api_key" } } },\n  models: { providers: { litellm: { auth: "api-key" } } },\n}',
      fix: '`lint --fix` rewrites the value to the spelling of its section, keeping the quotes: `"api_key"` in `auth.profiles`, `"api-key"` in `models.providers`.',
    },
  },
  check(context) {
    const config = record(context.config);
    const spellings: Spelling[] = [];
    const profiles = record(record(config?.["auth"])?.["profiles"]);
    for (const id of Object.keys(profiles ?? {})) {
      if (record(profiles?.[id])?.["mode"] === "api-key") {
        spellings.push({ path: ["auth", "profiles", id, "mode"], wrong: "api-key", right: "api_key", where: "auth profiles", other: "models.providers.*.auth" });
      }
    }
    const providers = record(record(config?.["models"])?.["providers"]);
    for (const id of Object.keys(providers ?? {})) {
      if (record(providers?.[id])?.["auth"] === "api_key") {
        spellings.push({ path: ["models", "providers", id, "auth"], wrong: "api_key", right: "api-key", where: "providers", other: "auth.profiles.*.mode" });
      }
    }
    for (const spelling of spellings) {
      const origin = context.origin(spelling.path);
      context.report({
        path: spelling.path,
        message: `${formatPath(spelling.path)} is "${spelling.wrong}"; ${spelling.where} spell it "${spelling.right}".`,
        notes: [
          `OpenClaw accepts only "${spelling.right}" here ("${spelling.wrong}" is the spelling of ${spelling.other}), so it rejects the config and the gateway does not start.`,
          `Write "${spelling.right}" (lint --fix does this).`,
        ],
        ...(origin ? { fix: { description: `Replace "${spelling.wrong}" with "${spelling.right}"`, edits: [replaceString(origin.doc, origin.node, spelling.right)] } } : {}),
      });
    }
  },
});

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
