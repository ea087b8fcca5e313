import type {
  ArrayNode,
  BooleanNode,
  DocumentNode,
  ElementNode,
  IdentifierNode,
  InfinityNode,
  LocationRange,
  MemberNode,
  NaNNode,
  NullNode,
  NumberNode,
  ObjectNode,
  Range,
  Sign,
  StringNode,
  Token,
  TokenType,
  ValueNode,
} from "@humanwhocodes/momoa";
// The json5 package's own Unicode tables, so identifiers and spaces are judged exactly as `JSON5.parse` judges them.
import json5Chars from "json5/lib/util.js";
import type { LineIndex } from "./lines.js";

/*
 * A JSON5 parser for large files that accepts exactly what the `json5` package accepts, builds the
 * same value, and offers a syntax tree of the same shape as @humanwhocodes/momoa's.
 *
 * Why it is shaped like this: a tree of one object per node, each with `loc` objects and a token
 * array, costs far more in allocation and garbage collection than the parse itself. So one pass
 * builds the JS value (as JSON5.parse does) and records only where each object and array is: its
 * two brackets and how many containers it holds. Node objects are made only when someone walks the
 * tree, by reading that container's text again (nested containers are skipped by their recorded
 * ends): containers are cached so identity is stable, `loc` and `range` are computed from the
 * file's LineIndex on each access, and tokens (comments included) are scanned on first use.
 * (An earlier design kept four integers per node in a typed array: on a large file that buffer
 * was bigger than the text, and writing it to fresh memory cost more than the rest of the parse.)
 * The parser never recurses: nesting depth is bounded by memory only.
 */

/** What a syntax error is about: a stray character, a whole token in the wrong place, or the end of the text. */
export type Json5SyntaxErrorKind = "character" | "token" | "end";

/** A JSON5 syntax error with its position; `empty` when the text holds no value, only whitespace and comments. */
export class Json5SyntaxError extends SyntaxError {
  constructor(
    readonly kind: Json5SyntaxErrorKind,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
    readonly empty: boolean,
    message: string,
  ) {
    super(`${message} (${line}:${column})`);
    this.name = "Json5SyntaxError";
  }
}

/** A key written twice in one object: where it was first and where it is repeated (offsets of the key tokens). */
export interface DuplicateKey {
  key: string;
  earlier: Range;
  later: Range;
}

/**
 * Parses JSON5 text: the value (as `JSON5.parse` returns it) and a momoa-shaped document node.
 * Throws Json5SyntaxError where `JSON5.parse` throws. `lines` must index the same text.
 */
export function parseJson5(text: string, lines: LineIndex): Json5Document {
  const parser = new Json5Parser(text, lines, undefined);
  const value = parser.parseDocument();
  const spans = parser.spans.subarray(0, parser.containerCount * SPAN);
  return new Json5Document(text, lines, value, parser.containers, parser.containerCount, spans, parser.valueStart, parser.duplicates);
}

/** Every token of valid JSON5 text in source order, comments included, as momoa's `tokens`. */
export function tokenizeJson5(text: string, lines: LineIndex): Token[] {
  const tokens: Token[] = [];
  new Json5Parser(text, lines, tokens).parseDocument();
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Container spans: three numbers per object or array, in the order their brackets open.
// ---------------------------------------------------------------------------------------------

const SPAN = 3;
/** Offset of the opening bracket. */
const OPEN = 0;
/** Offset just past the closing bracket. */
const CLOSE = 1;
/** Index of the first container after this one's subtree (its nested containers come before it). */
const NEXT = 2;

/** Containers are listed in chunks of CHUNK = 2^CHUNK_BITS. */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;

/** Number kinds with a sign: the kind in the low 4 bits, the sign (an index into SIGNS) above. */
const enum NumberKind {
  Number = 0,
  NaN = 1,
  Infinity = 2,
}

const SIGNS: Sign[] = ["", "+", "-"];
const LITERALS: [string, unknown][] = [
  ["true", true],
  ["false", false],
  ["null", null],
  ["Infinity", Infinity],
  ["NaN", Number.NaN],
];
// As momoa does, NaN and Infinity are Number tokens.
const LITERAL_TOKENS: Record<string, TokenType> = { true: "Boolean", false: "Boolean", null: "Null", Infinity: "Number", NaN: "Number" };

/** One member or element of a container, as readEntries reads it again (one object, reused). */
interface Entry {
  /** Key offsets and name; for array elements keyStart is -1. */
  keyStart: number;
  keyEnd: number;
  key: string;
  valueStart: number;
  /** Index of the value's container, or -1 for a scalar. */
  container: number;
}

/**
 * Reads the members (or elements) of container `index` of valid text again, calling `visit` with
 * each until it returns true (`visit` must not read with `reader`). Values are not built: a nested
 * container is skipped to its recorded end, a scalar is read past. Only entries whose containers
 * are already closed may be read.
 */
function readEntries(reader: Json5Parser, spans: Int32Array, index: number, visit: (entry: Entry) => boolean | void): void {
  const open = spans[index * SPAN + OPEN] as number;
  const isObject = reader.text.charCodeAt(open) === Ch.LeftBrace;
  const entry: Entry = { keyStart: -1, keyEnd: -1, key: "", valueStart: 0, container: -1 };
  let next = index + 1;
  reader.pos = open + 1;
  for (;;) {
    let c = reader.skipTrivia();
    if (c === Ch.RightBrace || c === Ch.RightBracket) return;
    if (isObject) {
      entry.keyStart = reader.pos;
      entry.key = (c === Ch.DoubleQuote || c === Ch.SingleQuote ? reader.readStringValue() : reader.readIdentifier()) as string;
      entry.keyEnd = reader.pos;
      reader.skipTrivia();
      reader.pos++;
      c = reader.skipTrivia();
    }
    entry.valueStart = reader.pos;
    if (c === Ch.LeftBrace || c === Ch.LeftBracket) {
      entry.container = next;
      reader.pos = spans[next * SPAN + CLOSE] as number;
      next = spans[next * SPAN + NEXT] as number;
    } else {
      entry.container = -1;
      reader.readScalarValue(c);
    }
    if (visit(entry)) return;
    if (reader.skipTrivia() === Ch.Comma) reader.pos++;
  }
}

// ---------------------------------------------------------------------------------------------
// The document and its nodes, made on demand from the text.
// ---------------------------------------------------------------------------------------------

type ContainerNode = Json5Object | Json5Array;

/** The parsed document: momoa's Document node, plus the value and what the tree knows about it. */
export class Json5Document implements DocumentNode {
  declare readonly type: "Document";
  private tokenCache: Token[] | undefined = undefined;
  /** Object and array nodes by container index, so a container is one object however it is reached. */
  private readonly nodes = new Map<number, ContainerNode>();
  private indexOfValue: Map<object, number> | undefined = undefined;
  /** A parser for reading single values again, shared: materialising a big object reads thousands. */
  private rereader: Json5Parser | undefined = undefined;

  constructor(
    readonly text: string,
    readonly lines: LineIndex,
    /** The evaluated value; `__proto__` is an ordinary own key, a repeated key keeps its last value. */
    readonly value: unknown,
    /** Every object and array of the value, in the order they open (the earlier value of a repeated key included), in chunks. */
    private readonly containers: readonly object[][],
    private readonly containerCount: number,
    /** SPAN numbers per container (see OPEN, CLOSE, NEXT). */
    private readonly spans: Int32Array,
    /** Offset of the value, after leading whitespace and comments. */
    private readonly valueStart: number,
    /** Keys written more than once in one object, in source order of the repetition. */
    readonly duplicates: DuplicateKey[],
  ) {}

  get body(): ValueNode {
    // A container at the top is the first one.
    return this.nodeAt(this.valueStart, this.containerCount > 0 ? 0 : -1);
  }

  get loc(): LocationRange {
    return this.lines.range(0, this.text.length);
  }

  get range(): Range {
    return [0, this.text.length];
  }

  /** Every token including comments, scanned on first access. */
  get tokens(): Token[] {
    this.tokenCache ??= tokenizeJson5(this.text, this.lines);
    return this.tokenCache;
  }

  /** Names of the members of an object of `value` (a repeated key once), or indexes of an array's, in source order. */
  memberSegments(container: object): (string | number)[] | undefined {
    const index = this.indexOfValueMap().get(container);
    if (index === undefined) return undefined;
    const segments: (string | number)[] = [];
    const isObject = this.text.charCodeAt(this.spans[index * SPAN + OPEN] as number) === Ch.LeftBrace;
    readEntries(this.reread(0), this.spans, index, (entry) => {
      segments.push(isObject ? entry.key : segments.length);
    });
    return this.duplicates.length === 0 ? segments : [...new Set(segments)];
  }

  /** The node that an object or array of `value` (or `value` itself) was evaluated from. */
  nodeOfValue(container: object): ObjectNode | ArrayNode | undefined {
    const index = this.indexOfValueMap().get(container);
    return index === undefined ? undefined : this.containerNode(index);
  }

  /** Container index of each object and array of the value, built on first use. */
  private indexOfValueMap(): Map<object, number> {
    if (this.indexOfValue === undefined) {
      const map = new Map<object, number>();
      for (let i = 0; i < this.containerCount; i++) map.set((this.containers[i >> CHUNK_BITS] as object[])[i & (CHUNK - 1)] as object, i);
      this.indexOfValue = map;
    }
    return this.indexOfValue;
  }

  // nodeAt, membersAt and elementsAt are for the node classes, which materialise their children by reading the text again.

  /** The node of the value at `start`: container `index` (cached), or a scalar made afresh (its parent caches it) when `index` is -1. */
  nodeAt(start: number, index: number): ValueNode {
    if (index >= 0) return this.containerNode(index);
    const reader = this.reread(start);
    const c = this.text.charCodeAt(start);
    if (c === Ch.DoubleQuote || c === Ch.SingleQuote) {
      const value = reader.readStringValue();
      return new Json5String(this, start, reader.pos, value);
    }
    if (isNumberStart(c)) {
      const value = reader.readNumberValue();
      const sign = SIGNS[reader.numberKind >> 4] as Sign;
      switch ((reader.numberKind & 15) as NumberKind) {
        case NumberKind.NaN:
          return new Json5NaN(this, start, reader.pos, sign);
        case NumberKind.Infinity:
          return new Json5Infinity(this, start, reader.pos, sign);
        default:
          return new Json5Number(this, start, reader.pos, value);
      }
    }
    const value = reader.readScalarValue(c);
    const end = reader.pos;
    if (value === null) return new Json5Null(this, start, end);
    if (typeof value === "boolean") return new Json5Boolean(this, start, end, value);
    return Number.isNaN(value) ? new Json5NaN(this, start, end, "") : new Json5Infinity(this, start, end, "");
  }

  /** The members of object `index`, in source order. */
  membersAt(index: number): MemberNode[] {
    return this.entriesAt(index).map(({ keyStart, keyEnd, key, valueStart, container }) => {
      const quote = this.text.charCodeAt(keyStart);
      const name = quote === Ch.DoubleQuote || quote === Ch.SingleQuote ? new Json5String(this, keyStart, keyEnd, key) : new Json5Identifier(this, keyStart, keyEnd, key);
      return new Json5Member(name, this.nodeAt(valueStart, container));
    });
  }

  /** The elements of array `index`, in source order. */
  elementsAt(index: number): ElementNode[] {
    return this.entriesAt(index).map(({ valueStart, container }) => new Json5Element(this.nodeAt(valueStart, container)));
  }

  /** The entries of container `index`, copied: nodes are made after the walk, as making a scalar node reads with the same parser. */
  private entriesAt(index: number): Entry[] {
    const entries: Entry[] = [];
    readEntries(this.reread(0), this.spans, index, (entry) => {
      entries.push({ ...entry });
    });
    return entries;
  }

  private containerNode(index: number): ContainerNode {
    let node = this.nodes.get(index);
    if (node === undefined) {
      const open = this.spans[index * SPAN + OPEN] as number;
      const close = this.spans[index * SPAN + CLOSE] as number;
      node = this.text.charCodeAt(open) === Ch.LeftBrace ? new Json5Object(this, index, open, close) : new Json5Array(this, index, open, close);
      this.nodes.set(index, node);
    }
    return node;
  }

  private reread(start: number): Json5Parser {
    this.rereader ??= new Json5Parser(this.text, this.lines, undefined);
    this.rereader.pos = start;
    return this.rereader;
  }
}

/** Base of the nodes that store their own offsets. */
abstract class SpanNode {
  constructor(
    protected readonly doc: Json5Document,
    /** Offset of the first character. */
    readonly start: number,
    /** Offset just past the last character. */
    readonly end: number,
  ) {}

  get loc(): LocationRange {
    return this.doc.lines.range(this.start, this.end);
  }

  get range(): Range {
    return [this.start, this.end];
  }
}

class Json5Object extends SpanNode implements ObjectNode {
  declare readonly type: "Object";
  private memberCache: MemberNode[] | undefined = undefined;

  constructor(
    doc: Json5Document,
    private readonly index: number,
    start: number,
    end: number,
  ) {
    super(doc, start, end);
  }

  get members(): MemberNode[] {
    this.memberCache ??= this.doc.membersAt(this.index);
    return this.memberCache;
  }
}

class Json5Array extends SpanNode implements ArrayNode {
  declare readonly type: "Array";
  private elementCache: ElementNode[] | undefined = undefined;

  constructor(
    doc: Json5Document,
    private readonly index: number,
    start: number,
    end: number,
  ) {
    super(doc, start, end);
  }

  get elements(): ElementNode[] {
    this.elementCache ??= this.doc.elementsAt(this.index);
    return this.elementCache;
  }
}

class Json5String extends SpanNode implements StringNode {
  declare readonly type: "String";
  constructor(doc: Json5Document, start: number, end: number, readonly value: string) {
    super(doc, start, end);
  }
}

class Json5Number extends SpanNode implements NumberNode {
  declare readonly type: "Number";
  constructor(doc: Json5Document, start: number, end: number, readonly value: number) {
    super(doc, start, end);
  }
}

class Json5Boolean extends SpanNode implements BooleanNode {
  declare readonly type: "Boolean";
  constructor(doc: Json5Document, start: number, end: number, readonly value: boolean) {
    super(doc, start, end);
  }
}

class Json5Null extends SpanNode implements NullNode {
  declare readonly type: "Null";
}

class Json5NaN extends SpanNode implements NaNNode {
  declare readonly type: "NaN";
  constructor(doc: Json5Document, start: number, end: number, readonly sign: Sign) {
    super(doc, start, end);
  }
}

class Json5Infinity extends SpanNode implements InfinityNode {
  declare readonly type: "Infinity";
  constructor(doc: Json5Document, start: number, end: number, readonly sign: Sign) {
    super(doc, start, end);
  }
}

class Json5Identifier extends SpanNode implements IdentifierNode {
  declare readonly type: "Identifier";
  constructor(doc: Json5Document, start: number, end: number, readonly name: string) {
    super(doc, start, end);
  }
}

/** An object member: spans from its key to the end of its value. */
class Json5Member implements MemberNode {
  declare readonly type: "Member";
  constructor(
    readonly name: StringNode | IdentifierNode,
    readonly value: ValueNode,
  ) {}

  get loc(): LocationRange {
    return { start: this.name.loc.start, end: this.value.loc.end };
  }

  get range(): Range {
    return [this.name.loc.start.offset, this.value.loc.end.offset];
  }
}

/** An array element: spans exactly its value. */
class Json5Element implements ElementNode {
  declare readonly type: "Element";
  constructor(readonly value: ValueNode) {}

  get loc(): LocationRange {
    return this.value.loc;
  }

  get range(): Range {
    return [this.value.loc.start.offset, this.value.loc.end.offset];
  }
}

/** A token as momoa reports it, with positions computed on demand. */
class Json5Token implements Token {
  constructor(
    readonly type: TokenType,
    readonly start: number,
    readonly end: number,
    private readonly lines: LineIndex,
  ) {}

  get loc(): LocationRange {
    return this.lines.range(this.start, this.end);
  }

  get range(): Range {
    return [this.start, this.end];
  }
}

const NODE_TYPES: [{ prototype: object }, string][] = [
  [Json5Document, "Document"],
  [Json5Object, "Object"],
  [Json5Array, "Array"],
  [Json5String, "String"],
  [Json5Number, "Number"],
  [Json5Boolean, "Boolean"],
  [Json5Null, "Null"],
  [Json5NaN, "NaN"],
  [Json5Infinity, "Infinity"],
  [Json5Identifier, "Identifier"],
  [Json5Member, "Member"],
  [Json5Element, "Element"],
];
// `type` lives on the prototype: one property fewer on every node.
for (const [cls, type] of NODE_TYPES) Object.defineProperty(cls.prototype, "type", { value: type, enumerable: true });

// ---------------------------------------------------------------------------------------------
// The parser
// ---------------------------------------------------------------------------------------------

const enum Ch {
  Tab = 0x09,
  LineFeed = 0x0a,
  VerticalTab = 0x0b,
  FormFeed = 0x0c,
  CarriageReturn = 0x0d,
  Space = 0x20,
  DoubleQuote = 0x22,
  Dollar = 0x24,
  SingleQuote = 0x27,
  Asterisk = 0x2a,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Slash = 0x2f,
  Zero = 0x30,
  One = 0x31,
  Nine = 0x39,
  Colon = 0x3a,
  UpperA = 0x41,
  UpperE = 0x45,
  UpperF = 0x46,
  UpperI = 0x49,
  UpperN = 0x4e,
  UpperX = 0x58,
  UpperZ = 0x5a,
  LeftBracket = 0x5b,
  Backslash = 0x5c,
  RightBracket = 0x5d,
  Underscore = 0x5f,
  LowerA = 0x61,
  LowerB = 0x62,
  LowerE = 0x65,
  LowerF = 0x66,
  LowerN = 0x6e,
  LowerR = 0x72,
  LowerT = 0x74,
  LowerU = 0x75,
  LowerV = 0x76,
  LowerX = 0x78,
  LowerZ = 0x7a,
  LeftBrace = 0x7b,
  RightBrace = 0x7d,
  NoBreakSpace = 0xa0,
  ZeroWidthNonJoiner = 0x200c,
  ZeroWidthJoiner = 0x200d,
  LineSeparator = 0x2028,
  ParagraphSeparator = 0x2029,
  ByteOrderMark = 0xfeff,
}

/** Exact powers of ten, for converting short decimals without a string round trip. */
const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}

/** The first character of a number: a digit, a point or a sign. */
function isNumberStart(c: number): boolean {
  return isDigit(c) || c === Ch.Dot || c === Ch.Plus || c === Ch.Minus;
}

function hexValue(c: number): number {
  if (c >= Ch.Zero && c <= Ch.Nine) return c - Ch.Zero;
  if (c >= Ch.LowerA && c <= Ch.LowerF) return c - Ch.LowerA + 10;
  if (c >= Ch.UpperA && c <= Ch.UpperF) return c - Ch.UpperA + 10;
  return -1;
}

function isAsciiIdentifierPart(c: number): boolean {
  return (
    (c >= Ch.LowerA && c <= Ch.LowerZ) || (c >= Ch.UpperA && c <= Ch.UpperZ) || (c >= Ch.Zero && c <= Ch.Nine) || c === Ch.Underscore || c === Ch.Dollar
  );
}

/** The character at `pos` as JSON5.parse reads it: one code point (a lone surrogate stays alone). */
function codePointString(text: string, pos: number): string {
  return String.fromCodePoint(text.codePointAt(pos) as number);
}

/** Slots of the parser's identifier cache (a power of two): fewer for a small text, which is parsed by the thousand in a batch. */
const NAME_CACHE_SIZE = 256;
const SMALL_NAME_CACHE_SIZE = 32;
/** Texts shorter than this start with small buffers. */
const SMALL_TEXT = 16 * 1024;

class Json5Parser {
  pos = 0;
  private readonly length: number;

  /**
   * Every object and array of the value, in the order they open, in chunks of CHUNK: one array of a
   * large file's containers would be copied to a larger one again and again as it grew.
   */
  readonly containers: object[][] = [];
  containerCount = 0;
  /** SPAN numbers per container (see OPEN, CLOSE, NEXT); grown by doubling. */
  spans: Int32Array;
  /** Offset of the document's value, after leading whitespace and comments. */
  valueStart = 0;
  readonly duplicates: DuplicateKey[] = [];

  /** The key just read by readKeyOrClose, and its offsets. */
  private key = "";
  private keyStart = 0;
  private keyEnd = 0;
  /** The text an escape sequence stands for, set by readEscape. */
  private escaped = "";
  /** Identifier names read so far, by a hash of their characters (see readIdentifier). */
  private readonly nameCache: (string | undefined)[];
  private readonly nameMask: number;

  constructor(
    readonly text: string,
    private readonly lines: LineIndex,
    private readonly tokens: Token[] | undefined,
  ) {
    this.length = text.length;
    const small = text.length < SMALL_TEXT;
    this.spans = new Int32Array(SPAN * (small ? 32 : 256));
    const slots = small ? SMALL_NAME_CACHE_SIZE : NAME_CACHE_SIZE;
    this.nameCache = new Array<string | undefined>(slots);
    this.nameMask = slots - 1;
  }

  /** Parses the whole text; returns its value. */
  parseDocument(): unknown {
    // Open containers, innermost last: their value, index, and for objects the key waiting for its value.
    const openValues: (Record<string, unknown> | unknown[])[] = [];
    const openIndexes: number[] = [];
    const openKeys: string[] = [];
    const openKeyStarts: number[] = [];
    const openKeyEnds: number[] = [];
    const openIsObject: boolean[] = [];
    let depth = 0;
    let value: unknown;
    let complete = false;

    // Each turn reads one value (opening containers on the stack instead of recursing) or attaches a finished one.
    for (;;) {
      let c = this.skipTrivia();
      if (!complete) {
        const start = this.pos;
        if (depth === 0) this.valueStart = start;
        if (c === Ch.LeftBrace) {
          this.pos++;
          this.token("LBrace", start, this.pos);
          const object: Record<string, unknown> = {};
          const index = this.open(object, start);
          if (!this.readKeyOrClose()) {
            this.close(index);
            value = object;
            complete = true;
            continue;
          }
          openValues[depth] = object;
          openIndexes[depth] = index;
          openKeys[depth] = this.key;
          openKeyStarts[depth] = this.keyStart;
          openKeyEnds[depth] = this.keyEnd;
          openIsObject[depth] = true;
          depth++;
          continue;
        }
        if (c === Ch.LeftBracket) {
          this.pos++;
          this.token("LBracket", start, this.pos);
          const array: unknown[] = [];
          const index = this.open(array, start);
          if (this.skipTrivia() === Ch.RightBracket) {
            this.pos++;
            this.token("RBracket", this.pos - 1, this.pos);
            this.close(index);
            value = array;
            complete = true;
            continue;
          }
          openValues[depth] = array;
          openIndexes[depth] = index;
          openIsObject[depth] = false;
          depth++;
          continue;
        }
        // Nothing but whitespace and comments before the end: the text holds no value at all.
        if (depth === 0 && start >= this.length) throw this.error("end", start, "Unexpected end of input", true);
        value = this.readScalar(c);
        complete = true;
        continue;
      }

      // A value is complete: attach it to the innermost open container, or finish the document.
      if (depth === 0) {
        if (this.pos < this.length) throw this.unexpected(this.pos);
        // Repeats were found as their values ended; report them in the order their keys appear.
        if (this.duplicates.length > 1) this.duplicates.sort((a, b) => a.later[0] - b.later[0]);
        return value;
      }
      const top = depth - 1;
      const index = openIndexes[top] as number;
      if (openIsObject[top]) {
        const object = openValues[top] as Record<string, unknown>;
        const key = openKeys[top] as string;
        if (Object.hasOwn(object, key)) this.recordDuplicate(index, [openKeyStarts[top] as number, openKeyEnds[top] as number], key);
        // `__proto__` must become an ordinary own key, not a prototype change.
        if (key === "__proto__") Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
        else object[key] = value;
        complete = false;
        if (c === Ch.Comma) {
          this.pos++;
          this.token("Comma", this.pos - 1, this.pos);
          if (this.readKeyOrClose()) {
            openKeys[top] = this.key;
            openKeyStarts[top] = this.keyStart;
            openKeyEnds[top] = this.keyEnd;
            continue;
          }
        } else if (c === Ch.RightBrace) {
          this.pos++;
          this.token("RBrace", this.pos - 1, this.pos);
        } else {
          throw this.unexpected(this.pos);
        }
        this.close(index);
        value = object;
      } else {
        const array = openValues[top] as unknown[];
        array.push(value);
        complete = false;
        if (c === Ch.Comma) {
          this.pos++;
          this.token("Comma", this.pos - 1, this.pos);
          c = this.skipTrivia();
          if (c !== Ch.RightBracket) continue;
        } else if (c !== Ch.RightBracket) {
          throw this.unexpected(this.pos);
        }
        this.pos++;
        this.token("RBracket", this.pos - 1, this.pos);
        this.close(index);
        value = array;
      }
      complete = true;
      depth--;
    }
  }

  /** Records a container whose bracket is at `start`; returns its index. Its end is set by close(). */
  private open(container: object, start: number): number {
    const index = this.containerCount++;
    if ((index & (CHUNK - 1)) === 0) this.containers.push([]);
    (this.containers[index >> CHUNK_BITS] as object[]).push(container);
    const at = index * SPAN;
    if (at + SPAN > this.spans.length) {
      const grown = new Int32Array(this.spans.length * 2);
      grown.set(this.spans);
      this.spans = grown;
    }
    this.spans[at + OPEN] = start;
    return index;
  }

  /** Completes a container's span, just after its closing bracket was read. */
  private close(index: number): void {
    this.spans[index * SPAN + CLOSE] = this.pos;
    this.spans[index * SPAN + NEXT] = this.containerCount;
  }

  /** Records a repeated key: finds its earlier place among the members read so far. */
  private recordDuplicate(index: number, later: Range, key: string): void {
    let earlier: Range | undefined;
    // A separate reader: this one is in the middle of the text.
    readEntries(new Json5Parser(this.text, this.lines, undefined), this.spans, index, (entry) => {
      if (entry.keyStart === later[0]) return true;
      if (entry.key === key) earlier = [entry.keyStart, entry.keyEnd];
      return false;
    });
    this.duplicates.push({ key, earlier: earlier as Range, later });
  }

  /**
   * After `{` or `,` in an object: reads a key (into `key`, `keyStart`, `keyEnd`) and its colon and
   * returns true, or consumes `}` and returns false.
   */
  private readKeyOrClose(): boolean {
    const c = this.skipTrivia();
    const start = this.pos;
    if (c === Ch.RightBrace) {
      this.pos++;
      this.token("RBrace", start, this.pos);
      return false;
    }
    if (c === Ch.DoubleQuote || c === Ch.SingleQuote) {
      this.key = this.readString(c);
      this.token("String", start, this.pos);
    } else {
      const name = this.readIdentifier();
      if (name === undefined) throw this.unexpected(start);
      this.key = name;
      this.token("Identifier", start, this.pos);
    }
    this.keyStart = start;
    this.keyEnd = this.pos;
    if (this.skipTrivia() !== Ch.Colon) throw this.unexpected(this.pos);
    this.pos++;
    this.token("Colon", this.pos - 1, this.pos);
    return true;
  }

  /** Reads a value that is not a container at the current position (character `c`); records its token. */
  private readScalar(c: number): unknown {
    const start = this.pos;
    const value = this.readScalarValue(c);
    if (this.tokens !== undefined) {
      const type = c === Ch.DoubleQuote || c === Ch.SingleQuote ? "String" : isNumberStart(c) ? "Number" : (LITERAL_TOKENS[this.text.slice(start, this.pos)] as TokenType);
      this.token(type, start, this.pos);
    }
    return value;
  }

  /** Reads a value that is not a container at the current position (character `c`): a string, a number or a literal name. */
  readScalarValue(c: number): unknown {
    if (c === Ch.DoubleQuote || c === Ch.SingleQuote) return this.readString(c);
    if (isNumberStart(c)) return this.readNumberValue();
    // A bare word: one of the five literal names, or a misplaced identifier.
    const text = this.text;
    const start = this.pos;
    for (let i = 0; i < LITERALS.length; i++) {
      const [word, value] = LITERALS[i] as [string, unknown];
      if (text.startsWith(word, start) && !isAsciiIdentifierPart(text.charCodeAt(start + word.length))) {
        this.pos = start + word.length;
        return value;
      }
    }
    throw this.unexpected(start);
  }

  /** Kind (with sign bits) of the last number read: Number, or NaN / Infinity with a sign. */
  numberKind: number = NumberKind.Number;

  /** Reads a signed number (or signed NaN / Infinity) at the current position; sets `numberKind`. */
  readNumberValue(): number {
    const text = this.text;
    const c = text.charCodeAt(this.pos);
    let negative = false;
    let sign = 0;
    if (c === Ch.Plus || c === Ch.Minus) {
      negative = c === Ch.Minus;
      sign = negative ? 2 : 1;
      const next = text.charCodeAt(++this.pos);
      if (next === Ch.UpperI || next === Ch.UpperN) {
        const word = next === Ch.UpperI ? "Infinity" : "NaN";
        for (let i = 0; i < word.length; i++) {
          if (text.charCodeAt(this.pos) !== word.charCodeAt(i)) throw this.unexpectedCharacter(this.pos);
          this.pos++;
        }
        this.numberKind = (next === Ch.UpperI ? NumberKind.Infinity : NumberKind.NaN) | (sign << 4);
        if (next === Ch.UpperN) return Number.NaN;
        return negative ? -Infinity : Infinity;
      }
      if (!isDigit(next) && next !== Ch.Dot) throw this.unexpectedCharacter(this.pos);
    }
    const magnitude = this.readUnsignedNumber();
    this.numberKind = NumberKind.Number;
    return negative ? -magnitude : magnitude;
  }

  /**
   * Reads a number without its sign: decimal (`1`, `1.`, `.5`, `1.5e-3`) or hexadecimal (`0x1F`),
   * converted exactly as `Number()` converts the same characters.
   */
  private readUnsignedNumber(): number {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    let c = text.charCodeAt(pos);
    if (c === Ch.Zero) {
      const next = text.charCodeAt(pos + 1);
      if (next === Ch.LowerX || next === Ch.UpperX) {
        pos += 2;
        if (hexValue(text.charCodeAt(pos)) === -1) throw this.unexpectedCharacter(pos);
        while (hexValue(text.charCodeAt(pos)) !== -1) pos++;
        this.pos = pos;
        return Number(text.slice(start, pos));
      }
    }
    // Digits are accumulated while the value stays exact; other numbers are converted by Number().
    let mantissa = 0;
    let digits = 0;
    let fractionDigits = 0;
    if (c === Ch.Zero) {
      // A leading zero stands alone: in `01` the 1 is a stray character after the number 0.
      c = text.charCodeAt(++pos);
    } else {
      while (isDigit(c)) {
        mantissa = mantissa * 10 + (c - Ch.Zero);
        digits++;
        c = text.charCodeAt(++pos);
      }
    }
    if (c === Ch.Dot) {
      c = text.charCodeAt(++pos);
      while (isDigit(c)) {
        mantissa = mantissa * 10 + (c - Ch.Zero);
        digits++;
        fractionDigits++;
        c = text.charCodeAt(++pos);
      }
      // A point needs a digit on at least one side.
      if (pos - 1 === start && fractionDigits === 0) throw this.unexpectedCharacter(pos);
    }
    let exact = digits <= 15;
    if (c === Ch.LowerE || c === Ch.UpperE) {
      c = text.charCodeAt(++pos);
      if (c === Ch.Plus || c === Ch.Minus) c = text.charCodeAt(++pos);
      if (!isDigit(c)) throw this.unexpectedCharacter(pos);
      while (isDigit(c)) c = text.charCodeAt(++pos);
      exact = false;
    }
    this.pos = pos;
    // With at most 15 digits the mantissa is exact, and so is 10^k: one division rounds correctly.
    if (exact) return fractionDigits === 0 ? mantissa : mantissa / (POWERS_OF_TEN[fractionDigits] as number);
    return Number(text.slice(start, pos));
  }

  /** Reads the string literal at the current position; returns its value. */
  readStringValue(): string {
    return this.readString(this.text.charCodeAt(this.pos));
  }

  /** Reads a string literal opened by `quote` at the current position; returns its value. */
  private readString(quote: number): string {
    const text = this.text;
    const start = this.pos + 1;
    let pos = start;
    // Fast path: without escapes the value is a slice of the text.
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === quote) {
        this.pos = pos + 1;
        return text.slice(start, pos);
      }
      if (c === Ch.Backslash) break;
      if (c === Ch.LineFeed || c === Ch.CarriageReturn) throw this.unexpectedCharacter(pos);
      if (pos >= this.length) throw this.unexpectedEnd();
      pos++;
    }
    let value = text.slice(start, pos);
    let chunk = pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === quote) {
        this.pos = pos + 1;
        return value + text.slice(chunk, pos);
      }
      if (c === Ch.Backslash) {
        value += text.slice(chunk, pos);
        pos = this.readEscape(pos + 1);
        value += this.escaped;
        chunk = pos;
        continue;
      }
      if (c === Ch.LineFeed || c === Ch.CarriageReturn) throw this.unexpectedCharacter(pos);
      if (pos >= this.length) throw this.unexpectedEnd();
      pos++;
    }
  }

  /** Reads the escape sequence after a backslash at `pos - 1`; sets `escaped`, returns the offset after it. */
  private readEscape(pos: number): number {
    const text = this.text;
    const c = text.charCodeAt(pos);
    switch (c) {
      case Ch.LowerB:
        this.escaped = "\b";
        return pos + 1;
      case Ch.LowerF:
        this.escaped = "\f";
        return pos + 1;
      case Ch.LowerN:
        this.escaped = "\n";
        return pos + 1;
      case Ch.LowerR:
        this.escaped = "\r";
        return pos + 1;
      case Ch.LowerT:
        this.escaped = "\t";
        return pos + 1;
      case Ch.LowerV:
        this.escaped = "\v";
        return pos + 1;
      case Ch.Zero:
        // `\0` may not be followed by a digit (that would read as an octal escape).
        if (isDigit(text.charCodeAt(pos + 1))) throw this.unexpectedCharacter(pos + 1);
        this.escaped = "\0";
        return pos + 1;
      case Ch.LowerX:
        this.escaped = String.fromCharCode(this.readHex(pos + 1, 2));
        return pos + 3;
      case Ch.LowerU:
        this.escaped = String.fromCharCode(this.readHex(pos + 1, 4));
        return pos + 5;
      case Ch.LineFeed:
      case Ch.LineSeparator:
      case Ch.ParagraphSeparator:
        // A line continuation stands for nothing.
        this.escaped = "";
        return pos + 1;
      case Ch.CarriageReturn:
        this.escaped = "";
        return text.charCodeAt(pos + 1) === Ch.LineFeed ? pos + 2 : pos + 1;
    }
    if (c >= Ch.One && c <= Ch.Nine) throw this.unexpectedCharacter(pos);
    if (pos >= this.length) throw this.unexpectedEnd();
    // Any other character stands for itself (the second half of a surrogate pair follows as plain text).
    this.escaped = text[pos] as string;
    return pos + 1;
  }

  /** Value of `count` hex digits at `pos`. */
  private readHex(pos: number, count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) {
      const digit = hexValue(this.text.charCodeAt(pos + i));
      if (digit === -1) throw this.unexpectedCharacter(pos + i);
      value = value * 16 + digit;
    }
    return value;
  }

  /**
   * Reads an identifier (a key) at the current position, with `\uXXXX` escapes decoded; returns
   * undefined when no identifier starts here.
   */
  readIdentifier(): string | undefined {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    let c = text.charCodeAt(pos);
    // Fast path: a plain ASCII name is a slice of the text; one seen before is reused, not sliced
    // again (a large config repeats a few key names thousands of times).
    if ((c >= Ch.LowerA && c <= Ch.LowerZ) || (c >= Ch.UpperA && c <= Ch.UpperZ) || c === Ch.Underscore || c === Ch.Dollar) {
      // The hash covers the name's characters only, so a name hashes alike whatever follows it.
      let hash = c;
      for (c = text.charCodeAt(++pos); isAsciiIdentifierPart(c); c = text.charCodeAt(++pos)) hash = (Math.imul(hash, 31) + c) | 0;
      if ((c < 0x80 && c !== Ch.Backslash) || pos >= this.length) {
        this.pos = pos;
        const slot = hash & this.nameMask;
        const cached = this.nameCache[slot];
        if (cached !== undefined && cached.length === pos - start && text.startsWith(cached, start)) return cached;
        const name = text.slice(start, pos);
        this.nameCache[slot] = name;
        return name;
      }
    } else if (c < 0x80 && c !== Ch.Backslash) {
      return undefined;
    }
    // General case: escapes and non-ASCII characters, judged by the json5 package's own tables.
    let name = text.slice(start, pos);
    while (pos < this.length) {
      c = text.charCodeAt(pos);
      const first = pos === start;
      if (c === Ch.Backslash) {
        if (text.charCodeAt(pos + 1) !== Ch.LowerU) throw this.unexpectedCharacter(pos + 1);
        const ch = String.fromCharCode(this.readHex(pos + 2, 4));
        const allowed =
          ch === "$" ||
          ch === "_" ||
          (first ? json5Chars.isIdStartChar(ch) : ch === "\u200c" || ch === "\u200d" || json5Chars.isIdContinueChar(ch));
        if (!allowed) throw this.error("character", pos, "Invalid identifier character");
        name += ch;
        pos += 6;
        continue;
      }
      if (c < 0x80) {
        if (!isAsciiIdentifierPart(c) || (first && isDigit(c))) break;
        name += text[pos];
        pos++;
        continue;
      }
      const ch = codePointString(text, pos);
      const allowed = first
        ? json5Chars.isIdStartChar(ch)
        : c === Ch.ZeroWidthNonJoiner || c === Ch.ZeroWidthJoiner || json5Chars.isIdContinueChar(ch);
      if (!allowed) break;
      name += ch;
      pos += ch.length;
    }
    if (pos === start) return undefined;
    this.pos = pos;
    return name;
  }

  /** Skips whitespace and comments (recording comment tokens); returns the next character code (NaN at the end). */
  skipTrivia(): number {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === Ch.Space || c === Ch.LineFeed || c === Ch.CarriageReturn || c === Ch.Tab || c === Ch.VerticalTab || c === Ch.FormFeed) {
        pos++;
        continue;
      }
      if (c === Ch.Slash) {
        const next = text.charCodeAt(pos + 1);
        if (next === Ch.Slash) {
          let end = pos + 2;
          for (;;) {
            const d = text.charCodeAt(end);
            if (d === Ch.LineFeed || d === Ch.CarriageReturn || d === Ch.LineSeparator || d === Ch.ParagraphSeparator || end >= this.length) break;
            end++;
          }
          this.comment("LineComment", pos, end);
          pos = end;
          continue;
        }
        if (next === Ch.Asterisk) {
          const close = text.indexOf("*/", pos + 2);
          if (close === -1) throw this.unexpectedEnd();
          this.comment("BlockComment", pos, close + 2);
          pos = close + 2;
          continue;
        }
        this.pos = pos;
        throw this.unexpectedCharacter(pos + 1);
      }
      if (c >= 0x80 && isJson5SpaceAbove127(c)) {
        pos++;
        continue;
      }
      this.pos = pos;
      return c;
    }
  }

  private token(type: TokenType, start: number, end: number): void {
    if (this.tokens !== undefined) this.tokens.push(new Json5Token(type, start, end, this.lines));
  }

  private comment(type: "LineComment" | "BlockComment", start: number, end: number): void {
    if (this.tokens !== undefined) this.tokens.push(new Json5Token(type, start, end, this.lines));
  }

  /** An error for whatever is at `pos` where something else was expected. */
  private unexpected(pos: number): Json5SyntaxError {
    if (pos >= this.length) return this.unexpectedEnd();
    if (startsToken(this.text, pos)) return this.error("token", pos, `Unexpected token ${JSON.stringify(codePointString(this.text, pos))}`);
    return this.unexpectedCharacter(pos);
  }

  private unexpectedCharacter(pos: number): Json5SyntaxError {
    if (pos >= this.length) return this.unexpectedEnd();
    return this.error("character", pos, `Unexpected character '${codePointString(this.text, pos)}'`);
  }

  private unexpectedEnd(): Json5SyntaxError {
    return this.error("end", this.length, "Unexpected end of input");
  }

  private error(kind: Json5SyntaxErrorKind, pos: number, message: string, empty = false): Json5SyntaxError {
    const at = this.lines.position(pos);
    return new Json5SyntaxError(kind, pos, at.line, at.column, empty, message);
  }
}

/** JSON5 whitespace beyond ASCII: no-break space, BOM, line and paragraph separators, and Unicode spaces (Zs). */
function isJson5SpaceAbove127(c: number): boolean {
  if (c === Ch.NoBreakSpace || c === Ch.ByteOrderMark || c === Ch.LineSeparator || c === Ch.ParagraphSeparator) return true;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return json5Chars.isSpaceSeparator(String.fromCharCode(c));
}

/** Whether a token (rather than a stray character) starts at `pos`, for a misplaced-token message. */
function startsToken(text: string, pos: number): boolean {
  const c = text.charCodeAt(pos);
  if (c < 0x80) {
    return (
      isAsciiIdentifierPart(c) ||
      c === Ch.LeftBrace ||
      c === Ch.RightBrace ||
      c === Ch.LeftBracket ||
      c === Ch.RightBracket ||
      c === Ch.Colon ||
      c === Ch.Comma ||
      c === Ch.DoubleQuote ||
      c === Ch.SingleQuote ||
      c === Ch.Plus ||
      c === Ch.Minus ||
      c === Ch.Dot ||
      c === Ch.Backslash
    );
  }
  return json5Chars.isIdStartChar(codePointString(text, pos));
}
