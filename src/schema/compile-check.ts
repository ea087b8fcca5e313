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
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
}

/** The body of a check that accepts every value. */
const ACCEPT_ALL = "  return true;";

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
  /** Declared keys of large strict objects, as Sets the generated code looks unknown keys up in. */
  const keySets: string[] = [];
  /** Whether the named check accepts every value (z.unknown(), and optional of it). */
  const isAlwaysTrue = (name: string) => byBody.get(ACCEPT_ALL) === name;
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
    const checks = compileChecks(def);
    if (checks === undefined) return reject(`${def.type} with an unsupported check`, path);
    switch (def.type) {
      case "unknown":
      case "any":
        return ACCEPT_ALL;
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
        const inner = compile(def.innerType, path);
        return isAlwaysTrue(inner) ? ACCEPT_ALL : `  return v === undefined || ${inner}(v);`;
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
    // for...in also sees inherited enumerable keys (a polluted prototype): checking more than Zod is safe.
    return ["  if (!isPlainRecord(v)) return false;", checks.trimEnd(), `  for (const key in v) if (!${value}(v[key])) return false;`, "  return true;"]
      .filter((line) => line !== "")
      .join("\n");
  };

  /** Zod's object: declared keys checked (absent only when optional), others by the catchall or refused when strict. */
  const compileObject = (def: ZodDef, path: string, checks: string): string => {
    const shape = def.shape ?? {};
    if (Object.getOwnPropertySymbols(shape).length > 0) return reject("object with symbol keys", path);
    const keys = Object.keys(shape);
    // Zod's own test for an object (symbol keys are invisible to its shape and for...in loops alike).
    const lines = ['  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;', "  const o = v as Record<string, unknown>;"];
    if (checks !== "") lines.push(checks.trimEnd());
    const declareAt = lines.length;
    for (const key of keys) {
      const field = shape[key] as ZodLike;
      const check = compile(field, `${path}.${key}`);
      const k = JSON.stringify(key);
      // Zod reads input[key] and asks `key in input` only to tell an absent key from an undefined one.
      const absentOk = field._zod.optin === "optional" && field._zod.optout === "optional";
      if (absentOk && isAlwaysTrue(check)) continue;
      lines.push(`  x = o[${k}];`);
      const acceptsUndefined = ["optional", "unknown", "any"].includes(field._zod.def.type);
      if (absentOk && acceptsUndefined) lines.push(`  if (x !== undefined && !${check}(x)) return false;`);
      else if (absentOk) lines.push(`  if (x === undefined ? ${k} in o && !${check}(x) : !${check}(x)) return false;`);
      else lines.push(`  if ((x === undefined && !(${k} in o)) || !${check}(x)) return false;`);
    }
    if (lines.some((line) => line.startsWith("  x = "))) lines.splice(declareAt, 0, "  let x: unknown;");
    const catchall = def.catchall;
    const catchallType = catchall?._zod.def.type;
    // A plain z.object() strips unknown keys, and a catchall of unknown accepts them: not errors.
    if (catchall === undefined || catchallType === "unknown" || catchallType === "any") {
      lines.push("  return true;");
      return lines.join("\n");
    }
    let declared = "";
    if (keys.length > 6) {
      const set = `KEYS${keySets.length}`;
      keySets.push(`const ${set} = new Set(${JSON.stringify(keys)});`);
      declared = `if (${set}.has(key)) continue;\n    `;
    } else if (keys.length > 0) declared = `if (${keys.map((key) => `key === ${JSON.stringify(key)}`).join(" || ")}) continue;\n    `;
    if (catchallType === "never") {
      lines.push(`  for (const key in o) {\n    ${declared}return false;\n  }`, "  return true;");
      return lines.join("\n");
    }
    // Undeclared keys come from the object itself (for...in), so they are always present: only the value counts.
    const rest = compile(catchall as ZodLike, `${path}.*`);
    lines.push(`  for (const key in o) {\n    ${declared}if (!${rest}(o[key])) return false;\n  }`, "  return true;");
    return lines.join("\n");
  };

  const root = compile(schema as ZodLike, "");
  const source = [
    header,
    "",
    "/** What Zod's record takes as a plain object, minus anything unusual (left to Zod): JSON data always passes. */",
    "function isPlainRecord(v: unknown): v is Record<string, unknown> {",
    '  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;',
    "  const proto = Object.getPrototypeOf(v);",
    "  if (proto !== Object.prototype && proto !== null) return false;",
    '  if (Object.hasOwn(v, "constructor")) return false;',
    "  // Zod checks a symbol key against the key schema (a string): it fails.",
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
    ...keySets,
    ...(keySets.length > 0 ? [""] : []),
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

/** Source lines (each ending in a newline) for the checks Zod runs after the type; undefined when one is not modelled. */
function compileChecks(def: ZodDef): string | undefined {
  let out = "";
  for (const check of def.checks ?? []) {
    // A `when` makes Zod skip the check for some values; running it always can only make the
    // predicate stricter, which is safe. (Zod sets one on length checks: "has a length".)
    const condition = checkCondition(check._zod.def);
    if (condition === undefined) return undefined;
    out += `  if (!(${condition})) return false;\n`;
  }
  return out;
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
