import { looksLikeSecret } from "../auth/credentials.js";
import type { KeyPath } from "../diagnostics/diagnostic.js";
import { formatPath } from "../diagnostics/diagnostic.js";
import { keptKeys } from "../model/effective-params.js";
import type { LintContext } from "./context.js";
import { defineRule } from "./rule.js";

const ENV_FILE = "~/.openclaw/.env";
const WHY = "Anyone who can read this file (a backup, a dotfiles repository, a pasted snippet) can use the credential; rotate it if the file has been shared.";
// Path segments that group things rather than name them; left out of a suggested variable name.
const GROUPING = new Set(["accounts", "agents", "auth", "channels", "config", "defaults", "entries", "env", "headers", "list", "models", "params", "plugins", "profiles", "providers", "servers", "skills", "vars"]);
const AUTH_SCHEME = /^(Bearer|Basic|Token)\s+/i;

/** A literal credential written in the config file. */
export const inlineSecret = defineRule<LintContext>({
  meta: {
    id: "inline-secret",
    description: "A literal credential is written in the config; reference it as ${VAR} instead.",
    defaultSeverity: "warning",
    fixable: "none",
    docs: {
      checks:
        "Every string value in the config as written (before `${VAR}` substitution): API keys, tokens, passwords and secrets under " +
        "names such as `apiKey`, `token`, `botToken`, `password` or `secret`, entries of the `env` block and `env.vars`, and anywhere " +
        "values with a recognisable vendor format (`sk-ant-…`, `sk-or-…`, `xoxb-…`, `ghp_…`, Telegram bot tokens, JWTs…), also after " +
        "`Bearer `. Placeholders (`REPLACE_ME`, `your-key-here`, `<token>`, `sk-ant-...`), `${VAR}` references, ids, paths, URLs and " +
        "model names are not reported. Messages never include the value.",
      why:
        "A config file gets copied into backups, dotfiles repositories, bug reports and screen shares. A secret written in it leaks " +
        "with every copy, and rotating it means editing the config. OpenClaw reads `~/.openclaw/.env` at startup and substitutes " +
        "`${VAR}` references in config strings, so the file never needs to hold the secret itself.",
      invalid: '{\n  models: {\n    providers: {\n      minimax: { apiKey: "eyJhbGciOi…" }, // the whole key, written out\n    },\n  },\n}',
      valid: '// ~/.openclaw/.env: MINIMAX_API_KEY=eyJhbGciOi…\n{\n  models: {\n    providers: {\n      minimax: { apiKey: "${MINIMAX_API_KEY}" },\n    },\n  },\n}',
      fix:
        "Move the value to `~/.openclaw/.env` (`NAME=value`, one a line) and write `\"${NAME}\"` in its place. For an entry of the " +
        "config's `env` block, delete the entry: the variable from `.env` reaches OpenClaw directly. Rotate the credential if the " +
        "file was ever shared.",
    },
  },
  check(context) {
    const found: { path: KeyPath; value: string }[] = [];
    // One path array, extended and shortened while walking: a path is copied only for a candidate,
    // not made for each of the config's values.
    const path: (string | number)[] = [];
    const visit = (value: unknown, key: string | undefined): void => {
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          visit(value[i], key);
          path.pop();
        }
      } else if (typeof value === "object" && value !== null) {
        const object = value as Record<string, unknown>;
        // A large map (a models catalogue) was listed already: listing it again costs more than the walk.
        const kept = keptKeys(object, context.sourceMap);
        if (kept) for (let i = 0; i < kept.length; i++) visitMember(object, kept[i] as string);
        // for-in walks the key list the object's shape already has; Object.keys would copy it for each object.
        else for (const name in object) if (Object.hasOwn(object, name)) visitMember(object, name);
      } else if (typeof value === "string" && looksLikeSecret(value, key)) {
        // Only candidates are looked up in the source (a lookup builds syntax nodes): a value that came
        // from a substituted ${VAR} was written as the reference, which is not a literal secret.
        const at = [...path];
        const node = context.origin(at)?.node;
        const written = node?.type === "String" ? node.value : value;
        if (looksLikeSecret(written, key)) found.push({ path: at, value: written });
      }
    };
    const visitMember = (object: Record<string, unknown>, name: string): void => {
      if (path.length === 0 && name === "$schema") return;
      path.push(name);
      visit(object[name], name);
      path.pop();
    };
    visit(context.config, undefined);
    for (const { path, value } of found) {
      const inEnvBlock = path[0] === "env" && typeof path[path.length - 1] === "string" && (path.length === 2 || (path.length === 3 && path[1] === "vars"));
      const variable = inEnvBlock ? (path[path.length - 1] as string) : suggestVariableName(path);
      const scheme = AUTH_SCHEME.exec(value.trim())?.[1];
      const replacement = `${scheme ? `${scheme} ` : ""}\${${variable}}`;
      context.report({
        path,
        message: `${formatPath(path)} holds a literal secret.`,
        notes: [
          WHY,
          inEnvBlock
            ? `Move it to ${ENV_FILE} as ${variable}=… and delete this entry; OpenClaw loads that file at startup.`
            : `Put it in ${ENV_FILE} as ${variable}=… and write "${replacement}" here; OpenClaw substitutes the variable when it loads the config.`,
        ],
      });
    }
  },
});

/** An environment variable name for the secret at `path`: `models.providers.minimax.apiKey` → `MINIMAX_API_KEY`. */
function suggestVariableName(path: KeyPath): string {
  const names = path.filter((segment): segment is string => typeof segment === "string");
  const key = names[names.length - 1] ?? "SECRET";
  const owners = names.slice(0, -1).filter((segment) => !GROUPING.has(segment));
  const words = [...owners.slice(-2), key].map(screamingSnake).filter((word) => word !== "");
  const name = words.join("_").replace(/_+/g, "_");
  if (name === "") return "SECRET";
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** `botToken` → `BOT_TOKEN`, `claudex.us.ci` → `CLAUDEX_US_CI`; characters outside A-Z0-9 become separators. */
function screamingSnake(word: string): string {
  return word
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}
