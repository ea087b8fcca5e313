import { parseArgs } from "node:util";

/** One command-line option, described once for both yargs (help, errors) and the fast path. */
export interface OptionSpec {
  type: "string" | "boolean" | "number";
  describe: string;
  alias?: string;
  /** Repeatable: each occurrence takes one value. */
  array?: boolean;
  choices?: readonly string[];
  default?: string | boolean | string[];
}

/** Converts a kebab-case option name to the camelCase key yargs also provides. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** The yargs form of an option table (nargs 1 on repeatable options keeps later file names as files). */
export function yargsOptions(table: Readonly<Record<string, OptionSpec>>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, spec] of Object.entries(table)) {
    const { type, describe, alias, array, choices } = spec;
    out[name] = {
      describe,
      ...(choices ? { choices } : { type }),
      ...(alias ? { alias } : {}),
      ...(array ? { array: true, nargs: 1 } : {}),
      ...("default" in spec ? { default: spec.default } : {}),
    };
  }
  return out;
}

/**
 * Parses arguments with Node's own parser when they use only the plain forms of the table's
 * options; returns undefined for anything else (help, unknown or malformed options, bad choices),
 * and the caller then lets yargs handle the command, so messages and edge cases stay yargs'.
 */
export function parsePlainArgs(
  args: readonly string[],
  table: Readonly<Record<string, OptionSpec>>,
): { values: Record<string, unknown>; positionals: string[] } | undefined {
  const options: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const [name, spec] of Object.entries(table)) {
    options[name] = {
      type: spec.type === "boolean" ? "boolean" : "string",
      ...(spec.alias && spec.alias.length === 1 ? { short: spec.alias } : {}),
      ...(spec.array ? { multiple: true } : {}),
    };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch {
    return undefined;
  }
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(table)) {
    let value: unknown = (parsed.values as Record<string, unknown>)[name];
    if (value === undefined) value = spec.default;
    if (value !== undefined && spec.type === "number") {
      const n = Number(value);
      if (typeof value !== "string" || value.trim() === "" || Number.isNaN(n)) return undefined;
      value = n;
    }
    if (value !== undefined && spec.choices && !spec.choices.includes(value as string)) return undefined;
    if (value !== undefined) values[camelCase(name)] = value;
  }
  return { values, positionals: parsed.positionals };
}
