import * as z from "zod";

/** A VS Code completion snippet: `body` is inserted as JSON; strings may hold `${1:default}` placeholders. */
export interface SchemaSnippet {
  label: string;
  description?: string;
  body: unknown;
}

/** Editor-facing documentation attached to a schema node; emitted into the JSON Schema. */
export interface FieldDocs {
  /** Short name shown in bold at the top of a hover. */
  title?: string;
  /** Plain text; also used as the Markdown text when `markdown` is absent. */
  description: string;
  markdown?: string;
  deprecated?: boolean;
  deprecationMessage?: string;
  /** One entry per enum value, in the enum's order (Markdown allowed). */
  enumDescriptions?: string[];
  snippets?: SchemaSnippet[];
  /** Keep the key out of completion lists (it stays valid). */
  doNotSuggest?: boolean;
}

/** Attaches documentation to a schema; the JSON Schema emitter reads it back from Zod's metadata. */
export function documented<T extends z.ZodType>(schema: T, docs: FieldDocs): T {
  const meta: Record<string, unknown> = { description: docs.description, markdownDescription: docs.markdown ?? docs.description };
  if (docs.title) meta.title = docs.title;
  if (docs.deprecated) meta.deprecated = true;
  if (docs.deprecationMessage) meta.deprecationMessage = docs.deprecationMessage;
  if (docs.enumDescriptions) {
    // Older VS Code builds read the plain list for completion items, newer ones the Markdown list.
    meta.enumDescriptions = docs.enumDescriptions;
    meta.markdownEnumDescriptions = docs.enumDescriptions;
  }
  if (docs.snippets) meta.defaultSnippets = docs.snippets;
  if (docs.doNotSuggest) meta.doNotSuggest = true;
  return schema.meta(meta) as T;
}

/** Documentation shared by keys OpenClaw knows but this tool does not model. */
const UNCHECKED_DOCS: FieldDocs = {
  description:
    "Known to OpenClaw; openclaw-config passes this value through unchecked. Run openclaw-config lint --openclaw-schema <file> to validate it against your OpenClaw version's schema.",
  markdown:
    "Known to OpenClaw; `openclaw-config` passes this value through unchecked. Run `openclaw-config lint --openclaw-schema <file>` to validate it against your OpenClaw version's schema.",
};

/** An optional key whose value passes through unchecked, documented as such for editors. */
export function uncheckedField(): z.ZodOptional<z.ZodUnknown> {
  // Zod schemas are immutable: one instance serves every such key (start-up builds ~150 of them).
  unchecked ??= documented(z.unknown(), UNCHECKED_DOCS).optional();
  return unchecked;
}
let unchecked: z.ZodOptional<z.ZodUnknown> | undefined;

/**
 * A value built on first use and then kept. The schemas are built this way: constructing them
 * costs a short lint run ~10 ms of its start-up, and a valid config never needs them (see
 * src/schema/compile-check.ts).
 */
export function lazily<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
