import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Argv } from "yargs";
import type { CliIO } from "../io.js";
import { EXIT } from "../io.js";
import type { CommandFactory } from "../main.js";

/** Arguments of `schema`. */
export interface SchemaArgs {
  out?: string;
}

/** `openclaw-config schema [--out <file>]`: the draft-07 JSON Schema for editors. */
export const schemaCommand: CommandFactory = (io, done) => (y) =>
  y.command(
    "schema",
    "Print the JSON Schema (draft-07) editors use for completion and hover docs.",
    (cmd: Argv) =>
      cmd
        .option("out", { alias: "o", type: "string", describe: "Write the schema to this file instead of stdout" })
        .example("$0 schema --out .vscode/openclaw-config.schema.json", "Write the schema where VS Code settings can point at it"),
    async (argv) => {
      done(await runSchema(argv as unknown as SchemaArgs, io));
    },
  );

/** Prints or writes the schema; returns the exit code. */
export async function runSchema(args: SchemaArgs, io: CliIO): Promise<number> {
  // Loaded here so `lint` never pays for the generator.
  const { formatJsonSchema } = await import("../../stages/emit-schema.js");
  const text = formatJsonSchema();
  if (args.out === undefined) {
    io.stdout.write(text);
    return EXIT.clean;
  }
  if (args.out.trim() === "") {
    io.stderr.write("openclaw-config: --out expects a file name.\n");
    return EXIT.usage;
  }
  try {
    writeFileSync(resolve(io.cwd, args.out), text);
  } catch (error) {
    io.stderr.write(`openclaw-config: cannot write ${args.out}: ${describeWriteError(error)}\n`);
    return EXIT.usage;
  }
  return EXIT.clean;
}

function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === "ENOENT") return "the directory does not exist";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  return (error as Error)?.message ?? String(error);
}
