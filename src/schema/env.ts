import { z } from "zod";
import { documented } from "./describe.js";

export const envSchema = documented(
  z
    .object({
      shellEnv: documented(
        z.strictObject({
          enabled: z.boolean().optional(),
          timeoutMs: z.number().int().nonnegative().optional(),
        }),
        { description: "Import variables from the user's login shell when they are missing from the process environment." },
      ).optional(),
      vars: documented(z.record(z.string(), z.string()), {
        description: "Environment variables OpenClaw sets before it substitutes ${VAR} references in the config.",
      }).optional(),
    })
    .catchall(z.string()),
  {
    title: "Environment",
    description:
      "Environment variables for OpenClaw: plain KEY: \"value\" entries and env.vars are applied before ${VAR} substitution. Prefer ~/.openclaw/.env for secrets.",
  },
);
