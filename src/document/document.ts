import type { DocumentNode, Token } from "@humanwhocodes/momoa";
import type { LineIndex } from "./lines.js";
import type { SourceMap } from "./source-map.js";

/** A parsed config file: the original text, its syntax tree with tokens, and the evaluated value. */
export interface ConfigDocument {
  /** Path as the user gave it (used in messages). */
  file: string;
  /** Original text, byte for byte as decoded (a BOM, if any, is kept). */
  text: string;
  lines: LineIndex;
  ast: DocumentNode;
  /** Every token including comments, in source order. */
  tokens: Token[];
  /** The evaluated JSON5 value (own enumerable properties only; `__proto__` is an ordinary key). */
  value: unknown;
  /** Origins of every member of `value`. */
  sourceMap: SourceMap;
  /** Line ending the file mostly uses, for inserted text. */
  eol: "\n" | "\r\n";
  hasBom: boolean;
}
