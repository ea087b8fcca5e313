import type { Reporter } from "./report.js";

/** Output formats `--format` accepts. */
export const FORMATS = ["stylish", "json", "sarif", "github", "junit"] as const;
export type FormatName = (typeof FORMATS)[number];

/** The format used when `--format` is not given: `github` under GitHub Actions, else `stylish`. */
export function defaultFormat(env: NodeJS.ProcessEnv): FormatName {
  return env.GITHUB_ACTIONS === "true" ? "github" : "stylish";
}

/** Loads a reporter on demand, so a run pays only for the format it prints. */
export async function loadReporter(name: FormatName): Promise<Reporter> {
  switch (name) {
    case "stylish":
      return (await import("./stylish.js")).stylish;
    case "json":
      return (await import("./json.js")).json;
    case "sarif":
      return (await import("./sarif.js")).sarif;
    case "github":
      return (await import("./github.js")).github;
    case "junit":
      return (await import("./junit.js")).junit;
  }
}
