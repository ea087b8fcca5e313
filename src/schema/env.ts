import * as z from "zod";
import { documented, lazily } from "./describe.js";

/** The `env` section's schema, built on first use (see lazily). */
export const envSchema = lazily(() => {
  return documented(
    z
      .object({
        shellEnv: documented(
          z.strictObject({
            enabled: documented(z.boolean(), {
              title: "Import the login shell's environment",
              description: "Run the login shell once and import variables that are missing from the process environment.",
            }).optional(),
            timeoutMs: documented(z.number().int().nonnegative(), {
              title: "Shell import timeout (ms)",
              description: "How long to wait for the login shell, in milliseconds.",
            }).optional(),
          }),
          {
            title: "Shell environment import",
            description: "Import variables from the user's login shell when they are missing from the process environment.",
          },
        ).optional(),
        vars: documented(
          z.record(
            z.string(),
            documented(z.string(), {
              title: "Environment variable",
              description: "The variable's value. Prefer ~/.openclaw/.env for secrets such as ANTHROPIC_API_KEY.",
            }),
          ),
          {
            title: "Environment variables",
            description: "Environment variables OpenClaw sets before it substitutes ${VAR} references in the config.",
            markdown: "Environment variables OpenClaw sets before it substitutes `${VAR}` references in the config. Keep secrets in `~/.openclaw/.env` rather than here.",
          },
        ).optional(),
      })
      .catchall(
        documented(z.string(), {
          title: "Environment variable",
          description: "An environment variable for OpenClaw, e.g. ANTHROPIC_API_KEY. Newer OpenClaw versions accept variables only under env.vars.",
          markdown:
            "An environment variable for OpenClaw, e.g. `ANTHROPIC_API_KEY`. Newer OpenClaw versions accept variables only under `env.vars`. Keep secrets in `~/.openclaw/.env` and reference them as `${VAR}`.",
        }),
      ),
    {
      title: "Environment",
      description:
        'Environment variables for OpenClaw: plain KEY: "value" entries and env.vars are applied before ${VAR} substitution. Prefer ~/.openclaw/.env for secrets.',
      markdown:
        'Environment variables for OpenClaw: plain `KEY: "value"` entries and `env.vars` are applied before `${VAR}` substitution.\n\nAn Anthropic API key is read from `ANTHROPIC_API_KEY` here, from `~/.openclaw/.env` or from the process environment; prefer `~/.openclaw/.env` so the key stays out of the config.',
    },
  );
});
