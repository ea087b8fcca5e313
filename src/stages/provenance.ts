import type { KeyPath, PathSegment } from "../diagnostics/diagnostic.js";
import type { Origin, SourceMap } from "../document/source-map.js";

/*
 * Provenance: how each value of the effective config got there. The stages that build the
 * effective config (includes, env substitution, migrations, defaults) record their steps on the
 * origins they store in the one SourceMap, so a value's history travels with its location.
 */

/** One piece of a string after env substitution: literal text, or the value of a variable. */
export interface SubstitutedSegment {
  text: string;
  /** The variable whose value this is; absent for literal text. */
  variable?: string;
  /** The variable holds a credential: redact this piece. */
  secret?: boolean;
}

/** One step in a value's history, outermost (earliest) first. */
export type ProvenanceStep =
  | {
      kind: "include";
      /** The included file (as displayed). */
      file: string;
      /** Where the `$include` that pulled it in is written. */
      from: { file: string; line: number };
    }
  | {
      kind: "env";
      /** The string as written, with its `${VAR}` references (no secret in it). */
      template: string;
      references: { variable: string; source: string; secret: boolean }[];
      /** The substituted string in pieces, so a redactor can hide only the secret ones. Never print it. */
      segments: SubstitutedSegment[];
    }
  | {
      kind: "migration";
      id: string;
      /** What the migration did to this value, e.g. `cacheControlTtl "1h" became cacheRetention "long"`. */
      description: string;
    }
  | {
      kind: "default";
      id: string;
      /** Why the value was added, e.g. the auth mode that decided it. */
      description: string;
    };

/** An origin that carries the steps a value went through. */
export type TracedOrigin = Origin & { steps?: readonly ProvenanceStep[] };

/** Returns a copy of `origin` with `step` appended to its history (and a human note in `via`). */
export function withStep(origin: Origin, step: ProvenanceStep): TracedOrigin {
  const steps = [...stepsOf(origin), step];
  return { ...origin, steps, via: [...(origin.via ?? []), describeStep(step)] };
}

/** The recorded history of an origin (empty for a plain literal). */
export function stepsOf(origin: Origin | undefined): readonly ProvenanceStep[] {
  return (origin as TracedOrigin | undefined)?.steps ?? [];
}

/** One line of human text for a step; never contains a substituted value. */
export function describeStep(step: ProvenanceStep): string {
  switch (step.kind) {
    case "include":
      return `included from ${step.from.file}:${step.from.line}`;
    case "env":
      return step.references.map((r) => `\${${r.variable}} from ${r.source}`).join(", ");
    case "migration":
      return `migration ${step.id}: ${step.description}`;
    case "default":
      return `default ${step.id}: ${step.description}`;
  }
}

/** Where one leaf of the effective config came from. */
export interface ValueProvenance {
  path: KeyPath;
  /** File, line and column of the literal; for a default, of the entry it was added to. */
  file: string;
  line: number;
  column: number;
  steps: readonly ProvenanceStep[];
}

/**
 * Where the values of a config came from. Computed on demand from the source map: `get` locates
 * one path, `entries` walks every leaf (and every empty object or array) in output order once.
 */
export class Provenance {
  // True private fields: the value and the source map (whose documents hold the original text,
  // secrets included) must not show up when a result is serialised or inspected.
  readonly #value: unknown;
  readonly #sourceMap: SourceMap;
  readonly #mapStep: (step: ProvenanceStep) => ProvenanceStep;
  #list: ValueProvenance[] | undefined;

  /** `mapStep` is applied to every step handed out (e.g. to redact substituted secrets). */
  constructor(value: unknown, sourceMap: SourceMap, mapStep: (step: ProvenanceStep) => ProvenanceStep = (step) => step) {
    this.#value = value;
    this.#sourceMap = sourceMap;
    this.#mapStep = mapStep;
  }

  /** The provenance of the value at `path` (a leaf or a container), when the path exists. */
  get(path: KeyPath): ValueProvenance | undefined {
    const loc = this.#sourceMap.locate(this.#value, path, "value");
    if (!loc || loc.approximate || path.length === 0) return undefined;
    return this.#describe(path, loc.origin);
  }

  /** Every leaf (and empty object or array) with its provenance, in output order. */
  get entries(): readonly ValueProvenance[] {
    this.#list ??= this.#walk();
    return this.#list;
  }

  /** The same provenance over `value` (which shares this one's origins), with `mapStep` applied on top. */
  derive(value: unknown, mapStep: (step: ProvenanceStep) => ProvenanceStep): Provenance {
    const inner = this.#mapStep;
    return new Provenance(value, this.#sourceMap, (step) => mapStep(inner(step)));
  }

  /** Serialises as the list of entries. */
  toJSON(): readonly ValueProvenance[] {
    return this.entries;
  }

  #describe(path: KeyPath, origin: Origin): ValueProvenance {
    const at = origin.doc.lines.position(origin.node.loc.start.offset);
    return { path: [...path], file: origin.doc.file, line: at.line, column: at.column, steps: stepsOf(origin).map(this.#mapStep) };
  }

  #walk(): ValueProvenance[] {
    const entries: ValueProvenance[] = [];
    const path: PathSegment[] = [];
    const visit = (current: unknown, origin: Origin | undefined): void => {
      const container = typeof current === "object" && current !== null;
      const keys: PathSegment[] = !container ? [] : Array.isArray(current) ? current.map((_, i) => i) : Object.keys(current);
      if (keys.length === 0) {
        if (origin) entries.push(this.#describe(path, origin));
        return;
      }
      for (const key of keys) {
        path.push(key);
        visit((current as Record<PathSegment, unknown>)[key], this.#sourceMap.get(current as object, key) ?? origin);
        path.pop();
      }
    };
    visit(this.#value, undefined);
    return entries;
  }
}

/** The provenance of every value of `value`, as recorded in `sourceMap` (computed on demand). */
export function collectProvenance(value: unknown, sourceMap: SourceMap): Provenance {
  return new Provenance(value, sourceMap);
}
