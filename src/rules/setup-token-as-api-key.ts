import { classifyCredential } from "../auth/credentials.js";
import type { EnvVar } from "../auth/dotenv.js";
import { describeEnvSource } from "../auth/environment.js";
import { listGivenStores } from "../auth/given-stores.js";
import type { KeyPath, SourceRange } from "../diagnostics/diagnostic.js";
import { FILE_START, formatPath } from "../diagnostics/diagnostic.js";
import type { LintContext } from "./context.js";
import { defineRule } from "./rule.js";

const VARIABLE = "ANTHROPIC_API_KEY";
const REFERENCE = /^\$\{([A-Z_][A-Z0-9_]*)\}$/;
const WHY =
  'Anthropic refuses a setup-token sent as an API key ("This credential is only authorized for use with Claude Code and cannot be used for other API requests"), so every request with it fails.';
const WHAT =
  "Use an API key (sk-ant-api03-…) from the Anthropic Console here; to use your Claude subscription instead, remove it and register the setup-token with `openclaw models auth paste-token --provider anthropic`.";

/** A Claude setup-token (`sk-ant-oat…`) where an API key belongs. */
export const setupTokenAsApiKey = defineRule<LintContext>({
  meta: {
    id: "setup-token-as-api-key",
    description: "A Claude setup-token (sk-ant-oat…) is used where an API key belongs.",
    defaultSeverity: "error",
    fixable: "none",
    docs: {
      checks:
        "`ANTHROPIC_API_KEY` in the config's `env` block (`env.ANTHROPIC_API_KEY` or `env.vars.ANTHROPIC_API_KEY`) and every " +
        "`models.providers.<id>.apiKey`: the rule reports a value that starts with `sk-ant-oat`, written literally or as a `${VAR}` " +
        "reference whose variable holds one (from `--env-file`, the process environment with `--use-process-env`, or the env block). " +
        "It also checks `ANTHROPIC_API_KEY` set outside the config (an env file, the process environment) and `api_key` profiles in " +
        "the auth stores given with `--auth-profiles` or `--state-dir`. The token itself is never printed.",
      why:
        "`claude setup-token` creates a subscription credential (`sk-ant-oat01-…`), not an API key. OpenClaw sends whatever " +
        "`ANTHROPIC_API_KEY` or `apiKey` holds as an API key, and Anthropic answers \"This credential is only authorized for use " +
        'with Claude Code and cannot be used for other API requests", so every request fails.',
      invalid: '{\n  env: { ANTHROPIC_API_KEY: "sk-ant-oat01-…" },\n}',
      valid: '{\n  env: { ANTHROPIC_API_KEY: "${ANTHROPIC_API_KEY}" }, // sk-ant-api03-… in ~/.openclaw/.env\n}',
      fix:
        "Put an API key from the Anthropic Console (`sk-ant-api03-…`) where the setup-token is. To use your Claude subscription " +
        "instead, remove the token from the config and register it as subscription auth with " +
        "`openclaw models auth paste-token --provider anthropic` (it is then stored as a `token` profile).",
    },
  },
  check(context) {
    const env = record(record(context.config)?.["env"]);
    const candidates: KeyPath[] = [];
    if (env && typeof env[VARIABLE] === "string") candidates.push(["env", VARIABLE]);
    if (typeof record(env?.["vars"])?.[VARIABLE] === "string") candidates.push(["env", "vars", VARIABLE]);
    const providers = record(record(record(context.config)?.["models"])?.["providers"]);
    for (const id of Object.keys(providers ?? {})) {
      if (typeof record(providers?.[id])?.["apiKey"] === "string") candidates.push(["models", "providers", id, "apiKey"]);
    }

    // Variables already reported through a `${VAR}` reference, so the variable itself is not reported twice.
    const reported = new Set<string>();
    for (const path of candidates) {
      const written = writtenString(context, path);
      if (written === undefined) continue;
      const name = path[0] === "env" ? VARIABLE : formatPath(path);
      if (classifyCredential(written) === "setup-token") {
        context.report({ path, message: `${name} holds a Claude setup-token, not an API key.`, notes: [WHY, WHAT] });
        continue;
      }
      const reference = REFERENCE.exec(written.trim());
      const variable = reference?.[1] !== undefined ? context.env.get(reference[1]) : undefined;
      if (!variable || isSource(variable, path) || classifyCredential(variable.value) !== "setup-token") continue;
      reported.add(variable.name);
      context.report({
        path,
        message: `${name} is set to \${${variable.name}}, which holds a Claude setup-token (from ${describeEnvSource(variable.source)}), not an API key.`,
        notes: [WHY, WHAT],
      });
    }

    // ANTHROPIC_API_KEY from outside the config: an env file or the process environment.
    const outside = context.env.get(VARIABLE);
    if (outside && outside.source.kind !== "config" && !reported.has(VARIABLE) && classifyCredential(outside.value) === "setup-token") {
      const where = describeEnvSource(outside.source);
      // Located only here: locating needs the file's line index, which a clean large file never builds.
      const configFile = outside.source.kind === "env-file" ? undefined : context.sourceMap.locate(context.config, [])?.file;
      const at: { file: string; range: SourceRange } | undefined =
        outside.source.kind === "env-file" ? { file: outside.source.file, range: outside.source.range ?? FILE_START } : configFile !== undefined ? { file: configFile, range: FILE_START } : undefined;
      if (at) {
        context.report({
          path: [],
          at,
          message: `${VARIABLE} in ${where} holds a Claude setup-token, not an API key.`,
          notes: [WHY, "Set ANTHROPIC_API_KEY to an API key (sk-ant-api03-…) from the Anthropic Console, or unset it and register the setup-token with `openclaw models auth paste-token --provider anthropic`."],
        });
      }
    }

    for (const store of listGivenStores(context.stores)) {
      for (const profile of store.profiles.values()) {
        if (profile.type !== "api_key" || profile.key === undefined || classifyCredential(profile.key) !== "setup-token") continue;
        context.report({
          path: ["profiles", profile.id],
          at: { file: store.file, range: profile.range },
          message: `Profile ${JSON.stringify(profile.id)} is of type api_key but holds a Claude setup-token.`,
          notes: [WHY, "Store the setup-token as a `token` profile instead: `openclaw models auth paste-token --provider anthropic` writes it that way."],
        });
      }
    }
  },
});

/** The string as written in the file (before any env substitution), else the config's value. */
function writtenString(context: LintContext, path: KeyPath): string | undefined {
  const node = context.origin(path)?.node;
  if (node?.type === "String") return node.value;
  let value: unknown = context.config;
  for (const segment of path) value = record(value)?.[segment as string];
  return typeof value === "string" ? value : undefined;
}

/** True when the variable's winning definition is the very config entry being checked (a self-reference). */
function isSource(variable: EnvVar, path: KeyPath): boolean {
  return variable.source.kind === "config" && formatPath(variable.source.path) === formatPath(path);
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
