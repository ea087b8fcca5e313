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
 * builds the JS value (as JSON5.parse does) and writes each node as four integers into a typed
 * array (kind, start, end, index after its subtree). Node objects are made only when someone walks
 * the tree: containers are cached so identity is stable, `loc` and `range` are computed from the
 * file's LineIndex on each access, and tokens (comments included) are scanned on first use.
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
  // Keep the tape as it is when it is mostly used; copy it smaller when the first guess was far too big.
  const used = parser.records * RECORD;
  const tape = used * 4 >= parser.tape.length * 3 ? parser.tape.subarray(0, used) : parser.tape.slice(0, used);
  return new Json5Document(text, lines, value, tape, parser.containers, parser.containerRecords, parser.duplicates);
}

/** Every token of valid JSON5 text in source order, comments included, as momoa's `tokens`. */
export function tokenizeJson5(text: string, lines: LineIndex): Token[] {
  const tokens: Token[] = [];
  new Json5Parser(text, lines, tokens).parseDocument();
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// The tape: four int32 per node, in document order (a member's key record precedes its value's).
// ---------------------------------------------------------------------------------------------

const RECORD = 4;
/** Field offsets within a record. `KIND` holds the kind in its low 4 bits and a count (containers) or sign above. */
const KIND = 0;
const START = 1;
const END = 2;
/** Index of the first record after this node's subtree. */
const NEXT = 3;

const enum Kind {
  Object = 0,
  Array = 1,
  String = 2,
  Number = 3,
  True = 4,
  False = 5,
  Null = 6,
  NaN = 7,
  Infinity = 8,
  Identifier = 9,
}

const SIGNS: Sign[] = ["", "+", "-"];
const LITERAL_KINDS: Record<string, Kind> = { true: Kind.True, false: Kind.False, null: Kind.Null, Infinity: Kind.Infinity, NaN: Kind.NaN };
// As momoa does, NaN and Infinity are Number tokens.
const LITERAL_TOKENS: Record<string, TokenType> = { true: "Boolean", false: "Boolean", null: "Null", Infinity: "Number", NaN: "Number" };

// ---------------------------------------------------------------------------------------------
// The document and its nodes, made on demand from the tape.
// ---------------------------------------------------------------------------------------------

type ContainerNode = Json5Object | Json5Array;

/** The parsed document: momoa's Document node, plus the value and what the tree knows about it. */
export class Json5Document implements DocumentNode {
  declare readonly type: "Document";
  private tokenCache: Token[] | undefined = undefined;
  /** Object and array nodes by record index, so a container is one object however it is reached. */
  private readonly nodes = new Map<number, ContainerNode>();
  private recordOfValue: Map<object, number> | undefined = undefined;
  /** A parser for reading single values again, shared: materialising a big object reads thousands. */
  private rereader: Json5Parser | undefined = undefined;

  constructor(
    readonly text: string,
    readonly lines: LineIndex,
    /** The evaluated value; `__proto__` is an ordinary own key, a repeated key keeps its last value. */
    readonly value: unknown,
    private readonly tape: Int32Array,
    private readonly containers: object[],
    private readonly containerRecords: number[],
    /** Keys written more than once in one object, in source order of the repetition. */
    readonly duplicates: DuplicateKey[],
  ) {}

  get body(): ValueNode {
    return this.nodeAt(0);
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
    const record = this.recordOfValueMap().get(container);
    if (record === undefined) return undefined;
    const tape = this.tape;
    const count = (tape[record * RECORD + KIND] as number) >> 4;
    if (((tape[record * RECORD + KIND] as number) & 15) === Kind.Array) return Array.from({ length: count }, (_, i) => i);
    const names: string[] = [];
    const parser = this.reread(0);
    for (let i = 0, child = record + 1; i < count; i++) {
      parser.pos = tape[child * RECORD + START] as number;
      names.push((((tape[child * RECORD + KIND] as number) & 15) === Kind.Identifier ? parser.readIdentifier() : parser.readStringValue()) as string);
      child = tape[(child + 1) * RECORD + NEXT] as number;
    }
    return this.duplicates.length === 0 ? names : [...new Set(names)];
  }

  /** The node that an object or array of `value` (or `value` itself) was evaluated from. */
  nodeOfValue(container: object): ObjectNode | ArrayNode | undefined {
    const record = this.recordOfValueMap().get(container);
    return record === undefined ? undefined : (this.nodeAt(record) as ContainerNode);
  }

  /** Record index of each object and array of the value, built on first use. */
  private recordOfValueMap(): Map<object, number> {
    if (this.recordOfValue === undefined) {
      const map = new Map<object, number>();
      for (let i = 0; i < this.containers.length; i++) map.set(this.containers[i] as object, this.containerRecords[i] as number);
      this.recordOfValue = map;
    }
    return this.recordOfValue;
  }

  // nodeAt, membersAt and elementsAt are for the node classes, which materialise their children from the tape.

  /** The node of a record; containers are cached, scalars are made afresh (their parents cache them). */
  nodeAt(record: number): ValueNode {
    const tape = this.tape;
    const at = record * RECORD;
    const kind = (tape[at + KIND] as number) & 15;
    const start = tape[at + START] as number;
    const end = tape[at + END] as number;
    switch (kind) {
      case Kind.Object:
      case Kind.Array: {
        let node = this.nodes.get(record);
        if (node === undefined) {
          node = kind === Kind.Object ? new Json5Object(this, record, start, end) : new Json5Array(this, record, start, end);
          this.nodes.set(record, node);
        }
        return node;
      }
      case Kind.String:
        return new Json5String(this, start, end, this.reread(start).readStringValue());
      case Kind.Number:
        return new Json5Number(this, start, end, this.reread(start).readNumberValue());
      case Kind.True:
        return new Json5Boolean(this, start, end, true);
      case Kind.False:
        return new Json5Boolean(this, start, end, false);
      case Kind.Null:
        return new Json5Null(this, start, end);
      case Kind.NaN:
        return new Json5NaN(this, start, end, SIGNS[(tape[at + KIND] as number) >> 4] as Sign);
      default:
        return new Json5Infinity(this, start, end, SIGNS[(tape[at + KIND] as number) >> 4] as Sign);
    }
  }

  /** The members of the object at `record`, in source order. */
  membersAt(record: number): MemberNode[] {
    const tape = this.tape;
    const count = (tape[record * RECORD + KIND] as number) >> 4;
    const members: MemberNode[] = new Array(count);
    let child = record + 1;
    for (let i = 0; i < count; i++) {
      const start = tape[child * RECORD + START] as number;
      const end = tape[child * RECORD + END] as number;
      const parser = this.reread(start);
      const key =
        ((tape[child * RECORD + KIND] as number) & 15) === Kind.Identifier
          ? new Json5Identifier(this, start, end, parser.readIdentifier() as string)
          : new Json5String(this, start, end, parser.readStringValue());
      members[i] = new Json5Member(key, this.nodeAt(child + 1));
      child = tape[(child + 1) * RECORD + NEXT] as number;
    }
    return members;
  }

  /** The elements of the array at `record`, in source order. */
  elementsAt(record: number): ElementNode[] {
    const tape = this.tape;
    const count = (tape[record * RECORD + KIND] as number) >> 4;
    const elements: ElementNode[] = new Array(count);
    let child = record + 1;
    for (let i = 0; i < count; i++) {
      elements[i] = new Json5Element(this.nodeAt(child));
      child = tape[child * RECORD + NEXT] as number;
    }
    return elements;
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
    private readonly record: number,
    start: number,
    end: number,
  ) {
    super(doc, start, end);
  }

  get members(): MemberNode[] {
    this.memberCache ??= this.doc.membersAt(this.record);
    return this.memberCache;
  }
}

class Json5Array extends SpanNode implements ArrayNode {
  declare readonly type: "Array";
  private elementCache: ElementNode[] | undefined = undefined;

  constructor(
    doc: Json5Document,
    private readonly record: number,
    start: number,
    end: number,
  ) {
    super(doc, start, end);
  }

  get elements(): ElementNode[] {
    this.elementCache ??= this.doc.elementsAt(this.record);
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

class Json5Parser {
  pos = 0;
  private readonly length: number;

  /** Node records (see RECORD); grown by doubling. */
  tape: Int32Array = new Int32Array(0);
  records = 0;
  /** Every object and array of the value, with its record index, in document order. */
  readonly containers: object[] = [];
  readonly containerRecords: number[] = [];
  readonly duplicates: DuplicateKey[] = [];

  /** The key just read by readKeyOrClose, and its record. */
  private key = "";
  private keyRecord = 0;
  /** The text an escape sequence stands for, set by readEscape. */
  private escaped = "";

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly tokens: Token[] | undefined,
  ) {
    this.length = text.length;
  }

  /** Parses the whole text; returns its value. */
  parseDocument(): unknown {
    // A node needs at least one character: size the tape for a typical density and grow when needed.
    this.tape = new Int32Array(Math.max(64, this.length >> 1) & ~3);
    // Open containers, innermost last: their value, record, and for objects the key waiting for its value.
    const openValues: (Record<string, unknown> | unknown[])[] = [];
    const openRecords: number[] = [];
    const openKeys: string[] = [];
    const openKeyRecords: number[] = [];
    const openCounts: number[] = [];
    const openIsObject: boolean[] = [];
    let depth = 0;
    let value: unknown;
    let complete = false;

    // Each turn reads one value (opening containers on the stack instead of recursing) or attaches a finished one.
    for (;;) {
      let c = this.skipTrivia();
      if (!complete) {
        const start = this.pos;
        if (c === Ch.LeftBrace) {
          this.pos++;
          this.token("LBrace", start, this.pos);
          const record = this.open(Kind.Object, start);
          const object: Record<string, unknown> = {};
          this.containers.push(object);
          this.containerRecords.push(record);
          if (!this.readKeyOrClose()) {
            this.close(record, 0);
            value = object;
            complete = true;
            continue;
          }
          openValues[depth] = object;
          openRecords[depth] = record;
          openKeys[depth] = this.key;
          openKeyRecords[depth] = this.keyRecord;
          openCounts[depth] = 0;
          openIsObject[depth] = true;
          depth++;
          continue;
        }
        if (c === Ch.LeftBracket) {
          this.pos++;
          this.token("LBracket", start, this.pos);
          const record = this.open(Kind.Array, start);
          const array: unknown[] = [];
          this.containers.push(array);
          this.containerRecords.push(record);
          if (this.skipTrivia() === Ch.RightBracket) {
            this.pos++;
            this.token("RBracket", this.pos - 1, this.pos);
            this.close(record, 0);
            value = array;
            complete = true;
            continue;
          }
          openValues[depth] = array;
          openRecords[depth] = record;
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
      const record = openRecords[top] as number;
      if (openIsObject[top]) {
        const object = openValues[top] as Record<string, unknown>;
        const key = openKeys[top] as string;
        if (Object.hasOwn(object, key)) this.recordDuplicate(record, openKeyRecords[top] as number, key);
        // `__proto__` must become an ordinary own key, not a prototype change.
        if (key === "__proto__") Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
        else object[key] = value;
        openCounts[top] = (openCounts[top] as number) + 1;
        complete = false;
        if (c === Ch.Comma) {
          this.pos++;
          this.token("Comma", this.pos - 1, this.pos);
          if (this.readKeyOrClose()) {
            openKeys[top] = this.key;
            openKeyRecords[top] = this.keyRecord;
            continue;
          }
        } else if (c === Ch.RightBrace) {
          this.pos++;
          this.token("RBrace", this.pos - 1, this.pos);
        } else {
          throw this.unexpected(this.pos);
        }
        this.close(record, openCounts[top] as number);
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
        this.close(record, array.length);
        value = array;
      }
      complete = true;
      depth--;
    }
  }

  /** Starts a container record; its end, count and subtree end are set by close(). */
  private open(kind: Kind, start: number): number {
    const record = this.records;
    const at = this.reserve();
    this.tape[at + KIND] = kind;
    this.tape[at + START] = start;
    return record;
  }

  private close(record: number, count: number): void {
    const at = record * RECORD;
    this.tape[at + KIND] = ((this.tape[at + KIND] as number) & 15) | (count << 4);
    this.tape[at + END] = this.pos;
    this.tape[at + NEXT] = this.records;
  }

  /** Writes a complete leaf record. */
  private leaf(kind: number, start: number, end: number): number {
    const record = this.records;
    const at = this.reserve();
    const tape = this.tape;
    tape[at + KIND] = kind;
    tape[at + START] = start;
    tape[at + END] = end;
    tape[at + NEXT] = record + 1;
    return record;
  }

  /** Room for one more record; returns its offset in the tape. */
  private reserve(): number {
    const at = this.records * RECORD;
    if (at + RECORD > this.tape.length) {
      const grown = new Int32Array(this.tape.length * 2);
      grown.set(this.tape);
      this.tape = grown;
    }
    this.records++;
    return at;
  }

  /** Finds the earlier key of a repeated one, among the members written so far. */
  private recordDuplicate(objectRecord: number, laterKeyRecord: number, key: string): void {
    const tape = this.tape;
    let earlier = -1;
    for (let child = objectRecord + 1; child < laterKeyRecord; child = tape[(child + 1) * RECORD + NEXT] as number) {
      const saved = this.pos;
      this.pos = tape[child * RECORD + START] as number;
      const name = ((tape[child * RECORD + KIND] as number) & 15) === Kind.Identifier ? this.readIdentifier() : this.readStringValue();
      this.pos = saved;
      if (name === key) earlier = child;
    }
    const range = (record: number): Range => [tape[record * RECORD + START] as number, tape[record * RECORD + END] as number];
    this.duplicates.push({ key, earlier: range(earlier), later: range(laterKeyRecord) });
  }

  /**
   * After `{` or `,` in an object: reads a key (into `key`, `keyRecord`) and its colon and returns
   * true, or consumes `}` and returns false.
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
      this.keyRecord = this.leaf(Kind.String, start, this.pos);
      this.token("String", start, this.pos);
    } else {
      const name = this.readIdentifier();
      if (name === undefined) throw this.unexpected(start);
      this.key = name;
      this.keyRecord = this.leaf(Kind.Identifier, start, this.pos);
      this.token("Identifier", start, this.pos);
    }
    if (this.skipTrivia() !== Ch.Colon) throw this.unexpected(this.pos);
    this.pos++;
    this.token("Colon", this.pos - 1, this.pos);
    return true;
  }

  /** Reads a value that is not a container, starting at the current position (character `c`). */
  private readScalar(c: number): unknown {
    const start = this.pos;
    if (c === Ch.DoubleQuote || c === Ch.SingleQuote) {
      const value = this.readString(c);
      this.leaf(Kind.String, start, this.pos);
      this.token("String", start, this.pos);
      return value;
    }
    if (isDigit(c) || c === Ch.Dot || c === Ch.Plus || c === Ch.Minus) {
      const value = this.readNumberValue();
      this.leaf(this.numberKind, start, this.pos);
      this.token("Number", start, this.pos);
      return value;
    }
    // A bare word: one of the five literal names, or a misplaced identifier.
    let end = start;
    while (isAsciiIdentifierPart(this.text.charCodeAt(end))) end++;
    const word = this.text.slice(start, end);
    let value: unknown;
    if (word === "true") value = true;
    else if (word === "false") value = false;
    else if (word === "null") value = null;
    else if (word === "Infinity") value = Infinity;
    else if (word === "NaN") value = Number.NaN;
    else throw this.unexpected(start);
    this.pos = end;
    this.leaf(LITERAL_KINDS[word] as Kind, start, end);
    this.token(LITERAL_TOKENS[word] as TokenType, start, end);
    return value;
  }

  /** Kind (with sign bits) of the last number read: Number, or NaN / Infinity with a sign. */
  private numberKind: number = Kind.Number;

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
        this.numberKind = (next === Ch.UpperI ? Kind.Infinity : Kind.NaN) | (sign << 4);
        if (next === Ch.UpperN) return Number.NaN;
        return negative ? -Infinity : Infinity;
      }
      if (!isDigit(next) && next !== Ch.Dot) throw this.unexpectedCharacter(this.pos);
    }
    const magnitude = this.readUnsignedNumber();
    this.numberKind = Kind.Number;
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
    // Fast path: a plain ASCII name is a slice of the text.
    if ((c >= Ch.LowerA && c <= Ch.LowerZ) || (c >= Ch.UpperA && c <= Ch.UpperZ) || c === Ch.Underscore || c === Ch.Dollar) {
      do c = text.charCodeAt(++pos);
      while (isAsciiIdentifierPart(c));
      if ((c < 0x80 && c !== Ch.Backslash) || pos >= this.length) {
        this.pos = pos;
        return text.slice(start, pos);
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
  private skipTrivia(): number {
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
