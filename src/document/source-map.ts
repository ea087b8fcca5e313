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
 * Maps every container of a config value to the origins of its members, so that a key path is
 * located by one map lookup a step instead of by searching the syntax tree.
 */
export class SourceMap {
  private readonly entries = new WeakMap<object, Map<PathSegment, Origin>>();
  private readonly roots = new WeakMap<object, Origin>();

  /** Records the origin of `container[segment]`. */
  set(container: object, segment: PathSegment, origin: Origin): void {
    let map = this.entries.get(container);
    if (!map) {
      map = new Map();
      this.entries.set(container, map);
    }
    map.set(segment, origin);
  }

  /** Origin of `container[segment]`, when known. */
  get(container: object, segment: PathSegment): Origin | undefined {
    return this.entries.get(container)?.get(segment);
  }

  /** All recorded members of a container. */
  members(container: object): ReadonlyMap<PathSegment, Origin> | undefined {
    return this.entries.get(container);
  }

  /** Records where a root value (a whole document) came from. */
  setRoot(value: object, origin: Origin): void {
    this.roots.set(value, origin);
  }

  /** Copies every recorded origin of `from` onto `to` (used when a stage clones a container). */
  copy(from: object, to: object): void {
    const map = this.entries.get(from);
    if (map) {
      const target = this.entries.get(to);
      if (target) for (const [k, v] of map) target.set(k, v);
      else this.entries.set(to, new Map(map));
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
    if (!found) return undefined;
    // An approximate location points at the ancestor's key, which names the object that is missing something.
    const node = (part === "key" || approximate) && found.key ? found.key : found.node;
    const [start, end] = nodeOffsets(node);
    return { file: found.doc.file, range: found.doc.lines.range(start, end), origin: found, approximate };
  }
}

/** Start and end offsets of a node. */
export function nodeOffsets(node: { loc: { start: { offset: number }; end: { offset: number } } }): [number, number] {
  return [node.loc.start.offset, node.loc.end.offset];
}
