import type { z } from "zod";

/** Editor-facing documentation attached to a schema node; emitted into the JSON Schema. */
export interface FieldDocs {
  title?: string;
  /** Plain text; also used as the Markdown text when `markdown` is absent. */
  description: string;
  markdown?: string;
  deprecated?: boolean;
  deprecationMessage?: string;
  enumDescriptions?: string[];
  snippets?: { label: string; description?: string; body: unknown }[];
}

/** Attaches documentation to a schema; the JSON Schema emitter reads it back from Zod's metadata. */
export function documented<T extends z.ZodType>(schema: T, docs: FieldDocs): T {
  const meta: Record<string, unknown> = { description: docs.description, markdownDescription: docs.markdown ?? docs.description };
  if (docs.title) meta.title = docs.title;
  if (docs.deprecated) meta.deprecated = true;
  if (docs.deprecationMessage) meta.deprecationMessage = docs.deprecationMessage;
  if (docs.enumDescriptions) meta.markdownEnumDescriptions = docs.enumDescriptions;
  if (docs.snippets) meta.defaultSnippets = docs.snippets;
  return schema.meta(meta) as T;
}
