import type { Reporter } from "./report.js";

/** Output formats `--format` accepts. */
export const FORMATS = ["stylish", "json"] as const;
export type FormatName = (typeof FORMATS)[number];

/** Loads a reporter on demand, so a run pays only for the format it prints. */
export async function loadReporter(name: FormatName): Promise<Reporter> {
  switch (name) {
    case "stylish":
      return (await import("./stylish.js")).stylish;
    case "json":
      return (await import("./json.js")).json;
  }
}
