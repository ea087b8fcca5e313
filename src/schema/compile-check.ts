/*
 * Compiles the Zod config schema into the source of a plain predicate, `isValidConfig(value)`,
 * written to src/schema/config-check.generated.ts by `node scripts/generate-schema.mjs`.
 *
 * Why: building the Zod schema costs a short lint run ~10 ms of its start-up, and a parse of a
 * large file allocates a copy of it; most configs are valid, and for a valid config Zod reports
 * nothing. So validation asks the predicate first and builds and runs Zod only when the predicate
 * says no, to word the diagnostics.
 *
 * The predicate is conservative by construction: it may call a valid config invalid (that costs
 * only the Zod run), never the reverse. Every schema kind, check or key layout it does not model
 * exactly compiles to `false`. Tests compare it with Zod on the corpus and on mutated configs.
 */

/** The parts of a Zod 4 schema instance the compiler reads. */
interface ZodLike {
  _zod: {
    def: ZodDef;
    optin?: "optional" | "defaulted";
    optout?: "optional";
  };
}

interface ZodDef {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  shape?: Record<string, ZodLike>;
  catchall?: ZodLike;
  element?: ZodLike;
  options?: ZodLike[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  innerType?: ZodLike;
  keyType?: ZodLike;
  valueType?: ZodLike;
  coerce?: boolean;
}

interface CheckDef {
  check: string;
  when?: unknown;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
}

/** Stands in for a schema the predicate must not model (a cycle). */
const NEVER: ZodLike = { _zod: { def: { type: "recursive reference" } } };

/** What the compiler produced: the module source, and which schema kinds it had to reject wholesale. */
export interface CompiledCheck {
  source: string;
  /** `kind at path` for each node compiled to `false` (a valid config there goes to Zod). */
  unsupported: string[];
}

/** Compiles `schema` into a TypeScript module exporting `isValidConfig(value: unknown): boolean`. */
export function compileConfigCheck(schema: unknown, header: string): CompiledCheck {
  const functions: string[] = [];
  const names = new Map<ZodLike, string>();
  const unsupported: string[] = [];

  const byBody = new Map<string, string>();
  const inProgress = new Set<ZodLike>();

  /**
   * The name of the function that checks `node`, compiling it on first use. Shared schemas compile
   * once, and so do copies that differ only in documentation (each `.meta()` is a new instance).
   */
  const compile = (node: ZodLike, path: string): string => {
    const known = names.get(node);
    if (known) return known;
    // A schema that contains itself (through a getter) would recurse forever here: left to Zod.
    if (inProgress.has(node)) return compile(NEVER, `${path} (recursive)`);
    inProgress.add(node);
    const body = compileBody(node, path);
    inProgress.delete(node);
    let name = byBody.get(body);
    if (!name) {
      name = `check${byBody.size}`;
      byBody.set(body, name);
      functions.push(`function ${name}(v: unknown): boolean {\n${body}\n}`);
    }
    names.set(node, name);
    return name;
  };

  const reject = (what: string, path: string): string => {
    unsupported.push(`${what} at ${path || "(root)"}`);
    return "  return false;";
  };

  const compileBody = (node: ZodLike, path: string): string => {
    const def = node._zod.def;
    if (def.coerce) return reject(`coerced ${def.type}`, path);
    const checks = compileChecks(def, path);
    if (checks === undefined) return reject(`${def.type} with an unsupported check`, path);
    switch (def.type) {
      case "unknown":
      case "any":
        return "  return true;";
      case "never":
        return "  return false;";
      case "string":
        return `  if (typeof v !== "string") return false;\n${checks}  return true;`;
      case "number":
        // Zod 4 numbers are finite: NaN and ±Infinity (valid JSON5) are rejected.
        return `  if (typeof v !== "number" || !Number.isFinite(v)) return false;\n${checks}  return true;`;
      case "boolean":
        return `  return typeof v === "boolean";`;
      case "null":
        return `  return v === null;`;
      case "enum": {
        const values = Object.values(def.entries ?? {});
        if (!values.every(isPrimitiveLiteral)) return reject("enum of non-primitive values", path);
        return `  return ${values.map((x) => `v === ${JSON.stringify(x)}`).join(" || ") || "false"};`;
      }
      case "literal": {
        const values = def.values ?? [];
        if (!values.every(isPrimitiveLiteral)) return reject("literal of a non-primitive value", path);
        return `  return ${values.map((x) => `v === ${JSON.stringify(x)}`).join(" || ") || "false"};`;
      }
      case "optional": {
        if (!def.innerType) return reject("optional without inner type", path);
        // An optional whose inner schema supplies a default substitutes a value: not modelled.
        if (def.innerType._zod.optin === "defaulted") return reject("optional default", path);
        return `  return v === undefined || ${compile(def.innerType, path)}(v);`;
      }
      case "nullable": {
        if (!def.innerType) return reject("nullable without inner type", path);
        return `  return v === null || ${compile(def.innerType, path)}(v);`;
      }
      case "array": {
        if (!def.element) return reject("array without element", path);
        const element = compile(def.element, `${path}[]`);
        return `  if (!Array.isArray(v)) return false;\n${checks}  for (let i = 0; i < v.length; i++) if (!${element}(v[i])) return false;\n  return true;`;
      }
      case "union": {
        const options = (def.options ?? []).map((option, i) => compile(option, `${path}|${i}`));
        if (options.length === 0) return reject("empty union", path);
        return `  return ${options.map((option) => `${option}(v)`).join(" || ")};`;
      }
      case "record":
        return compileRecord(def, path, checks);
      case "object":
        return compileObject(def, path, checks);
      default:
        return reject(def.type, path);
    }
  };

  /** Zod's record over string keys: a plain object whose every own enumerable value matches. */
  const compileRecord = (def: ZodDef, path: string, checks: string): string => {
    const keyDef = def.keyType?._zod.def;
    // Only plain string keys: enum keys, key checks and numeric-key retries are not modelled.
    if (!keyDef || keyDef.type !== "string" || (keyDef.checks?.length ?? 0) > 0 || !def.valueType) return reject("record with non-string keys", path);
    const value = compile(def.valueType, `${path}.*`);
    return [
      "  if (!isPlainData(v)) return false;",
      checks.trimEnd(),
      "  for (const key of Object.keys(v)) {",
      "    if (!" + value + "(v[key])) return false;",
      "  }",
      "  return true;",
    ]
      .filter((line) => line !== "")
      .join("\n");
  };

  /** Zod's object: declared keys checked (absent only when optional), others by the catchall or refused when strict. */
  const compileObject = (def: ZodDef, path: string, checks: string): string => {
    const shape = def.shape ?? {};
    if (Object.getOwnPropertySymbols(shape).length > 0) return reject("object with symbol keys", path);
    const keys = Object.keys(shape);
    const lines = ["  if (!isPlainData(v)) return false;"];
    if (checks !== "") lines.push(checks.trimEnd());
    for (const key of keys) {
      const field = shape[key] as ZodLike;
      const check = compile(field, `${path}.${key}`);
      const k = JSON.stringify(key);
      // Zod skips an absent key only when its schema is optional both ways; anything else is left to Zod.
      const absentOk = field._zod.optin === "optional" && field._zod.optout === "optional";
      lines.push(absentOk ? `  if (${k} in v && !${check}(v[${k}])) return false;` : `  if (!(${k} in v) || !${check}(v[${k}])) return false;`);
    }
    const catchall = def.catchall;
    if (catchall === undefined) {
      // A plain z.object() strips unknown keys: they are not errors.
      lines.push("  return true;");
      return lines.join("\n");
    }
    const catchallType = catchall._zod.def.type;
    const declared = keys.length === 0 ? "" : `if (${keys.map((key) => `key === ${JSON.stringify(key)}`).join(" || ")}) continue;\n    `;
    if (catchallType === "unknown" || catchallType === "any") {
      lines.push("  return true;");
      return lines.join("\n");
    }
    if (catchallType === "never") {
      lines.push(`  for (const key in v) {\n    ${declared}return false;\n  }`, "  return true;");
      return lines.join("\n");
    }
    // Undeclared keys come from the object itself (for...in), so they are always present: only the value counts.
    const rest = compile(catchall, `${path}.*`);
    lines.push(`  for (const key in v) {\n    ${declared}if (!${rest}(v[key])) return false;\n  }`, "  return true;");
    return lines.join("\n");
  };

  /** Source lines (each ending in a newline) for the checks Zod runs after the type; undefined when one is not modelled. */
  const compileChecks = (def: ZodDef, path: string): string | undefined => {
    let out = "";
    for (const check of def.checks ?? []) {
      const c = check._zod.def;
      // A `when` makes Zod skip the check for some values; running it always can only make the
      // predicate stricter, which is safe. (Zod sets one on length checks: "has a length".)
      const condition = checkCondition(c);
      if (condition === undefined) return undefined;
      out += `  if (!(${condition})) return false;\n`;
    }
    void path;
    return out;
  };

  const root = compile(schema as ZodLike, "");
  const source = [
    header,
    "",
    "/** Own enumerable data only: what Zod treats as an object, minus anything unusual (left to Zod). */",
    "function isPlainData(v: unknown): v is Record<string, unknown> {",
    '  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;',
    "  const proto = Object.getPrototypeOf(v);",
    "  if (proto !== Object.prototype && proto !== null) return false;",
    '  if (Object.hasOwn(v, "__proto__") || Object.hasOwn(v, "constructor")) return false;',
    "  return Object.getOwnPropertySymbols(v).length === 0;",
    "}",
    "",
    "/** Length as Zod's length checks count it: code points for a string (a surrogate pair is one), elements for an array. */",
    "function lengthOf(v: unknown): number {",
    "  if (Array.isArray(v)) return v.length;",
    '  if (typeof v !== "string") return Number.NaN;',
    "  let count = v.length;",
    "  for (let i = 0; i < v.length - 1; i++) {",
    "    if ((v.charCodeAt(i) & 0xfc00) === 0xd800 && (v.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {",
    "      count--;",
    "      i++;",
    "    }",
    "  }",
    "  return count;",
    "}",
    "",
    ...functions.flatMap((f) => [f, ""]),
    "/** True only when Zod would accept `value` too; false means \"ask Zod\" (it may still be valid). */",
    "export function isValidConfig(value: unknown): boolean {",
    `  return ${root}(value);`,
    "}",
    "",
  ].join("\n");
  return { source, unsupported };
}

function isPrimitiveLiteral(x: unknown): x is string | number | boolean | null {
  return typeof x === "string" || (typeof x === "number" && Number.isFinite(x)) || typeof x === "boolean" || x === null;
}

/** A JavaScript condition on `v` for one Zod check, or undefined when the check is not modelled. */
function checkCondition(c: CheckDef): string | undefined {
  switch (c.check) {
    // Zod measures strings in code points (a surrogate pair is one), arrays in elements.
    case "min_length":
      return typeof c.minimum === "number" ? `lengthOf(v) >= ${c.minimum}` : undefined;
    case "max_length":
      return typeof c.maximum === "number" ? `lengthOf(v) <= ${c.maximum}` : undefined;
    case "length_equals":
      return typeof c.length === "number" ? `lengthOf(v) === ${c.length}` : undefined;
    case "greater_than":
      return typeof c.value === "number" ? `(v as number) ${c.inclusive ? ">=" : ">"} ${c.value}` : undefined;
    case "less_than":
      return typeof c.value === "number" ? `(v as number) ${c.inclusive ? "<=" : "<"} ${c.value}` : undefined;
    case "number_format":
      return c.format === "safeint" ? "Number.isSafeInteger(v)" : undefined;
    default:
      return undefined;
  }
}
