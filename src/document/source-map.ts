import type { ArrayNode, IdentifierNode, MemberNode, ObjectNode, StringNode, ValueNode } from "@humanwhocodes/momoa";
import type { KeyPath, PathSegment, SourceRange } from "../diagnostics/diagnostic.js";
import type { ConfigDocument } from "./document.js";

/** Where one value of the (possibly merged) config was written. */
export interface Origin {
  doc: ConfigDocument;
  /** The key token of an object member; absent for array elements and roots. */
  key?: StringNode | IdentifierNode;
  /** The value node as written. */
  node: ValueNode;
  /** The object or array that holds it (absent for roots), and the member node for object members. */
  parent?: ObjectNode | ArrayNode;
  member?: MemberNode;
  /** How the value got here when it is not simply the literal (include, env var, default, migration). */
  via?: string[];
}

/** A located place in a source file. */
export interface Location {
  file: string;
  range: SourceRange;
  origin: Origin;
  /** True when the exact path does not exist and the nearest existing ancestor was used. */
  approximate: boolean;
}

/**
 * Origins that a parsed document computes when asked for, instead of recording one per value while
 * parsing (a large file has hundreds of thousands of values and a lint looks up a fraction).
 */
export interface OriginSource {
  /** Origins of every member of `container` in source order, or undefined when it is not one of the source's values. */
  origins(container: object): Map<PathSegment, Origin> | undefined;
  /** The segments of `container`'s members in source order (a repeated key once), or undefined when it is not one of the source's values. */
  segments(container: object): PathSegment[] | undefined;
}

/**
 * Maps every container of a config value to the origins of its members, so that a key path is
 * located by one map lookup a step instead of by searching the syntax tree. Origins come from
 * explicit `set` calls, which win, or from sources added with `addSource`.
 */
export class SourceMap {
  private readonly entries = new WeakMap<object, Map<PathSegment, Origin>>();
  private readonly roots = new WeakMap<object, Origin>();
  private readonly sources: OriginSource[] = [];
  // The two caches below hold only containers that a source knows, and a source keeps its containers
  // alive anyway: plain Maps cost far less than WeakMaps (hashing and garbage collection) with 10^5 keys.
  /** Origins from sources, a whole container at a time: asking twice gives the same object. */
  private readonly resolved = new Map<object, Map<PathSegment, Origin>>();
  /** members() of containers that have a source, until the next set() on them. */
  private readonly views = new Map<object, MembersView>();
  /** Whether set() was ever called: a parsed document's map has no explicit entries to look through. */
  private hasEntries = false;

  /** Adds a source of origins for values that have no explicit entry. */
  addSource(source: OriginSource): void {
    this.sources.push(source);
  }

  /** Records the origin of `container[segment]`. */
  set(container: object, segment: PathSegment, origin: Origin): void {
    let map = this.entries.get(container);
    if (!map) {
      map = new Map();
      this.entries.set(container, map);
    }
    map.set(segment, origin);
    this.hasEntries = true;
    this.views.delete(container);
  }

  /** Origin of `container[segment]`, when known. */
  get(container: object, segment: PathSegment): Origin | undefined {
    const explicit = this.hasEntries ? this.entries.get(container)?.get(segment) : undefined;
    if (explicit !== undefined || this.sources.length === 0) return explicit;
    let resolved = this.resolved.get(container);
    if (resolved === undefined) {
      // One lookup per container: its siblings are usually asked for next.
      for (const source of this.sources) {
        resolved = source.origins(container);
        if (resolved !== undefined) break;
      }
      if (resolved === undefined) return undefined;
      this.resolved.set(container, resolved);
    }
    return resolved.get(segment);
  }

  /**
   * All recorded members of a container, in source order. For a container of a parsed document
   * the keys are known at once and each origin is made when it is read.
   */
  members(container: object): ReadonlyMap<PathSegment, Origin> | undefined {
    const explicit = this.entries.get(container);
    if (this.sources.length === 0) return explicit;
    const known = this.views.get(container);
    if (known !== undefined) return known;
    let segments: PathSegment[] | undefined;
    for (const source of this.sources) {
      segments = source.segments(container);
      if (segments !== undefined) break;
    }
    if (segments === undefined) return explicit;
    const order = new Map<PathSegment, true>();
    for (const segment of segments) order.set(segment, true);
    // Explicit entries win, as if set after parsing: new keys come last.
    if (explicit !== undefined) for (const segment of explicit.keys()) order.set(segment, true);
    const view = new MembersView(this, container, order);
    this.views.set(container, view);
    return view;
  }

  /** Records where a root value (a whole document) came from. */
  setRoot(value: object, origin: Origin): void {
    this.roots.set(value, origin);
  }

  /** Copies every recorded origin of `from` onto `to` (used when a stage clones a container). */
  copy(from: object, to: object): void {
    const map = this.members(from);
    if (map) {
      const target = this.entries.get(to);
      if (target) for (const [k, v] of map) target.set(k, v);
      else this.entries.set(to, new Map(map));
      this.hasEntries = true;
      this.views.delete(to);
    }
    const root = this.roots.get(from);
    if (root) this.roots.set(to, root);
  }

  /**
   * Finds the origin of the value at `path` below `root`. With `part: "key"` the range is the
   * member's key token (for unknown keys); with `"value"` the value node. A path that does not
   * exist resolves to its nearest existing ancestor, flagged `approximate`.
   */
  locate(root: unknown, path: KeyPath, part: "key" | "value" = "value"): Location | undefined {
    const found = this.find(root, path);
    if (!found) return undefined;
    const { origin, approximate } = found;
    // An approximate location points at the ancestor's key, which names the object that is missing something.
    const node = (part === "key" || approximate) && origin.key ? origin.key : origin.node;
    const [start, end] = nodeOffsets(node);
    return { file: origin.doc.file, range: origin.doc.lines.range(start, end), origin, approximate };
  }

  /** The origin locate() would use, without computing a range (which needs the file's line index). */
  originOf(root: unknown, path: KeyPath): Origin | undefined {
    return this.find(root, path)?.origin;
  }

  private find(root: unknown, path: KeyPath): { origin: Origin; approximate: boolean } | undefined {
    let current: unknown = root;
    let found: Origin | undefined =
      typeof root === "object" && root !== null ? this.roots.get(root) : undefined;
    let approximate = false;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i] as PathSegment;
      if (typeof current !== "object" || current === null) {
        approximate = true;
        break;
      }
      const origin = this.get(current, segment) ?? this.get(current, String(segment));
      if (!origin) {
        approximate = true;
        break;
      }
      found = origin;
      current = (current as Record<string, unknown>)[segment as string];
    }
    return found ? { origin: found, approximate } : undefined;
  }
}

/** Start and end offsets of a node. */
export function nodeOffsets(node: { range?: [number, number]; loc: { start: { offset: number }; end: { offset: number } } }): [number, number] {
  // `range` costs no line lookup; momoa leaves it off some nodes (elements), `loc` is always there.
  const range = node.range;
  return range ? [range[0], range[1]] : [node.loc.start.offset, node.loc.end.offset];
}

/** A container's members in source order; origins are looked up (and made) only when read. */
class MembersView implements ReadonlyMap<PathSegment, Origin> {
  private all: Map<PathSegment, Origin> | undefined = undefined;

  constructor(
    private readonly map: SourceMap,
    private readonly container: object,
    private readonly order: Map<PathSegment, true>,
  ) {}

  get size(): number {
    return this.order.size;
  }

  has(segment: PathSegment): boolean {
    return this.order.has(segment);
  }

  get(segment: PathSegment): Origin | undefined {
    return this.order.has(segment) ? this.map.get(this.container, segment) : undefined;
  }

  keys(): MapIterator<PathSegment> {
    return this.order.keys();
  }

  values(): MapIterator<Origin> {
    return this.materialise().values();
  }

  entries(): MapIterator<[PathSegment, Origin]> {
    return this.materialise().entries();
  }

  [Symbol.iterator](): MapIterator<[PathSegment, Origin]> {
    return this.materialise().entries();
  }

  forEach(callback: (origin: Origin, segment: PathSegment, map: ReadonlyMap<PathSegment, Origin>) => void, thisArg?: unknown): void {
    for (const [segment, origin] of this.materialise()) callback.call(thisArg, origin, segment, this);
  }

  private materialise(): Map<PathSegment, Origin> {
    if (this.all === undefined) {
      const all = new Map<PathSegment, Origin>();
      for (const segment of this.order.keys()) {
        const origin = this.map.get(this.container, segment);
        if (origin !== undefined) all.set(segment, origin);
      }
      this.all = all;
    }
    return this.all;
  }
}
