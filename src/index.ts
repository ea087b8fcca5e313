export type { Diagnostic, Fix, KeyPath, Position, Severity, SourceRange, TextEdit } from "./diagnostics/diagnostic.js";
export { formatPath } from "./diagnostics/diagnostic.js";
export type { ConfigDocument } from "./document/document.js";
export type { LintResult, PipelineOptions } from "./pipeline.js";
export { lintText } from "./pipeline.js";
export { parseConfig } from "./stages/parse.js";
export { validateConfig } from "./stages/validate.js";
export type { OpenClawConfig } from "./schema/root.js";
export { openClawConfigSchema } from "./schema/root.js";
