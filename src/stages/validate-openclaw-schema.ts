import type { ErrorObject, Options } from "ajv";
import type { Diagnostic, KeyPath, PathSegment } from "../diagnostics/diagnostic.js";
import { compareDiagnostics, formatPath } from "../diagnostics/diagnostic.js";
import { closestMatch } from "../diagnostics/suggest.js";
import { joinOr, typeName } from "../diagnostics/wording.js";
import type { SourceMap } from "../document/source-map.js";
import { readSource } from "../io/read-source.js";
import { describeValue, valueAt } from "./validate.js";

/** A compiled OpenClaw JSON Schema (the output of `openclaw config schema`), ready to check configs. */
export interface OpenClawSchemaValidator {
  /** Where the schema came from (the `--openclaw-schema` argument), named in every diagnostic's notes. */
  source: string;
  /** OpenClaw version, when the schema file records it. */
  version?: string;
  /**
   * Validates a whole config value; each Ajv error becomes a Diagnostic located through the
   * source map. Findings at the same range as an error in `already` are left out (the project's
   * own schema or a rule said it first, and better).
   */
  validate(value: unknown, sourceMap: SourceMap, file: string, already?: readonly Diagnostic[]): Diagnostic[];
}

/** The compiled validator, or why the schema file cannot be used (a usage error, exit 2). */
export type CompileResult = { ok: true; validator: OpenClawSchemaValidator } | { ok: false; message: string };

type AjvError = ErrorObject<string, Record<string, unknown>, unknown>;
type AjvValidate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
type AjvConstructor = new (options: Options) => { compile(schema: object): AjvValidate };

/**
 * Compiles the text of an OpenClaw JSON Schema with Ajv. Ajv is imported here, on first use, so a
 * lint run without `--openclaw-schema` never loads it. Accepts the bare schema that
 * `openclaw config schema` prints and the `{ schema, uiHints, version }` envelope OpenClaw's
 * gateway returns.
 */
export async function compileOpenClawSchema(text: string, source: string): Promise<CompileResult> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { ok: false, message: `${source} is not valid JSON: ${(error as Error).message}` };
  }
  if (!isObject(parsed)) return { ok: false, message: `${source} is not a JSON Schema (expected an object).` };
  let schema: Record<string, unknown> = parsed;
  let version: string | undefined;
  if (isObject(parsed.schema) && !("properties" in parsed) && !("type" in parsed)) {
    schema = parsed.schema;
    if (typeof parsed.version === "string") version = parsed.version;
  }

  const draft = typeof schema.$schema === "string" ? schema.$schema : "";
  if (/draft-0[34]\b/.test(draft)) {
    return { ok: false, message: `${source} uses ${draft.match(/draft-0[34]/)?.[0]}, which is not supported; use the draft-07 schema current OpenClaw prints.` };
  }
  let AjvClass: AjvConstructor;
  try {
    if (draft.includes("2020-12")) AjvClass = (await import("ajv/dist/2020.js")).Ajv2020;
    else if (draft.includes("2019-09")) AjvClass = (await import("ajv/dist/2019.js")).Ajv2019;
    else {
      AjvClass = (await import("ajv")).Ajv;
      // A meta-schema Ajv does not ship (draft-06, a custom URL) would stop compilation; the keywords are the same.
      if (draft !== "" && !draft.includes("draft-07")) schema = withoutKey(schema, "$schema");
    }
  } catch (error) {
    return { ok: false, message: `cannot load the JSON Schema validator: ${(error as Error).message}` };
  }

  let validateFn: AjvValidate;
  try {
    const ajv = new AjvClass({
      // OpenClaw's schema carries UI keywords (uiHints, sensitive tags) Ajv does not know; they are annotations.
      strict: false,
      allErrors: true,
      verbose: true,
      // Zod writes patterns for JavaScript's RegExp without the `u` flag.
      unicodeRegExp: false,
      // Formats need ajv-formats; a format mismatch is not worth a failing run.
      validateFormats: false,
      logger: false,
    });
    validateFn = ajv.compile(schema);
  } catch (error) {
    return { ok: false, message: `${source} is not a usable JSON Schema: ${(error as Error).message}` };
  }

  const validator: OpenClawSchemaValidator = {
    source,
    ...(version !== undefined ? { version } : {}),
    validate(value, sourceMap, file, already = []) {
      try {
        if (validateFn(value)) return [];
      } catch (error) {
        // A schema can recurse without bound; the run goes on with this file marked.
        return [
          {
            code: "openclaw-schema/failed",
            severity: "error",
            message: `Could not check the file against ${source}: ${(error as Error)?.message ?? String(error)}.`,
            file,
            range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
            path: [],
          },
        ];
      }
      const errors = (validateFn.errors ?? []).map((e) => ({ ...e }));
      return errorsToDiagnostics(errors, value, sourceMap, file, validator, already);
    },
  };
  return { ok: true, validator };
}

/** Turns Ajv's errors into located diagnostics, phrased like the project's own schema errors. */
function errorsToDiagnostics(
  errors: AjvError[],
  root: unknown,
  sourceMap: SourceMap,
  file: string,
  validator: OpenClawSchemaValidator,
  already: readonly Diagnostic[],
): Diagnostic[] {
  const schemaNote = `Reported by the OpenClaw schema in ${validator.source}${validator.version ? ` (OpenClaw ${validator.version})` : ""}.`;
  const taken = new Set(already.filter((d) => d.severity === "error").map((d) => `${d.file}:${d.range.start.offset}:${d.range.end.offset}`));
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const error of withoutRedundantTypeErrors(explainComposites(errors))) {
    const finding = describeError(error, root);
    if (!finding) continue;
    const loc = sourceMap.locate(root, finding.path, finding.part);
    const diagnostic: Diagnostic = {
      code: finding.code,
      severity: "error",
      message: finding.message,
      file: loc?.file ?? file,
      range: loc?.range ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      path: finding.path,
      notes: [...(finding.notes ?? []), schemaNote],
    };
    const where = `${diagnostic.file}:${diagnostic.range.start.offset}:${diagnostic.range.end.offset}`;
    const key = `${where}:${diagnostic.code}:${diagnostic.message}`;
    if (taken.has(where) || seen.has(key)) continue;
    seen.add(key);
    out.push(diagnostic);
  }
  return out.sort(compareDiagnostics);
}

interface Finding {
  code: string;
  message: string;
  path: KeyPath;
  part: "key" | "value";
  notes?: string[];
}

/** One Ajv error in the user's terms, or undefined when another error says it better. */
function describeError(error: AjvError, root: unknown): Finding | undefined {
  const at = pointerToPath(error.instancePath, root);
  const value = valueAt(root, at);
  const where = (path: KeyPath) => (path.length === 0 ? "at the top level" : `in ${formatPath(path)}`);
  const params = error.params;

  // A key name that fails `propertyNames` (e.g. an agent id with a space).
  if (error.propertyName !== undefined && error.keyword !== "propertyNames") {
    const key = error.propertyName;
    return {
      code: "openclaw-schema/invalid-key",
      message: `Invalid key \`${key}\` ${where(at)}: ${keyRule(error)}.`,
      path: [...at, key],
      part: "key",
    };
  }

  switch (error.keyword) {
    case "additionalProperties":
    case "unevaluatedProperties": {
      const key = String(params.additionalProperty ?? params.unevaluatedProperty);
      // `$include` is resolved by the includes stage before OpenClaw validates.
      if (key === "$include") return undefined;
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const suggestion = closestMatch(key, known);
      const hint = suggestion && suggestion !== key ? `; did you mean \`${suggestion}\`?` : ".";
      return {
        code: "openclaw-schema/unknown-key",
        message: `Unknown key \`${key}\` ${where(at)}${hint}`,
        path: [...at, key],
        part: "key",
        notes: [at.length === 0 ? "OpenClaw refuses to start when the config has an unknown top-level key." : `OpenClaw rejects unknown keys ${where(at)}.`],
      };
    }
    case "required": {
      // The included file may supply it; the includes stage checks the merged result.
      if (isObject(value) && Object.prototype.hasOwnProperty.call(value, "$include")) return undefined;
      return {
        code: "openclaw-schema/missing-key",
        message: `Missing required key \`${String(params.missingProperty)}\` in ${formatPath(at) || "the config"}.`,
        path: at,
        part: "key",
      };
    }
    case "type":
      return {
        code: "openclaw-schema/invalid-type",
        message: `Expected ${describeTypes(String(params.type))}, but found ${describeValue(value)}.`,
        path: at,
        part: "value",
      };
    case "enum": {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [];
      const alsoTypes = ((params.alsoTypes as string[] | undefined) ?? []).map((t) => describeTypes(t));
      const suggestion = typeof value === "string" ? closestMatch(value, allowed.filter((v): v is string => typeof v === "string")) : undefined;
      const hint = suggestion ? ` Did you mean ${JSON.stringify(suggestion)}?` : "";
      return {
        code: "openclaw-schema/invalid-value",
        message: `Invalid value ${showValue(value)}: expected ${joinOr([...alsoTypes, ...allowed.map((v) => JSON.stringify(v))])}.${hint}`,
        path: at,
        part: "value",
      };
    }
    case "const":
      return {
        code: "openclaw-schema/invalid-value",
        message: `Invalid value ${showValue(value)}: expected ${JSON.stringify(params.allowedValue)}.`,
        path: at,
        part: "value",
      };
    case "minimum":
    case "exclusiveMinimum":
    case "maximum":
    case "exclusiveMaximum": {
      const small = error.keyword.endsWith("inimum");
      return {
        code: "openclaw-schema/invalid-value",
        message: `Value ${String(value)} is too ${small ? "small" : "large"}: it must be ${String(params.comparison)} ${String(params.limit)}.`,
        path: at,
        part: "value",
      };
    }
    case "multipleOf":
      return { code: "openclaw-schema/invalid-value", message: `Value ${String(value)} must be a multiple of ${String(params.multipleOf)}.`, path: at, part: "value" };
    case "minLength":
      return {
        code: "openclaw-schema/invalid-value",
        message: params.limit === 1 ? "Must not be an empty string." : `Text is too short: at least ${String(params.limit)} characters are required.`,
        path: at,
        part: "value",
      };
    case "maxLength":
      return { code: "openclaw-schema/invalid-value", message: `Text is too long: at most ${String(params.limit)} characters are allowed.`, path: at, part: "value" };
    case "pattern":
      return { code: "openclaw-schema/invalid-value", message: `Value ${showValue(value)} does not match the pattern /${String(params.pattern)}/.`, path: at, part: "value" };
    case "minItems":
    case "maxItems": {
      const count = Array.isArray(value) ? value.length : 0;
      const bound = error.keyword === "minItems" ? "at least" : "at most";
      return { code: "openclaw-schema/invalid-value", message: `Expected ${bound} ${plural(Number(params.limit), "item")}, but found ${count}.`, path: at, part: "value" };
    }
    case "minProperties":
    case "maxProperties": {
      const bound = error.keyword === "minProperties" ? "at least" : "at most";
      return { code: "openclaw-schema/invalid-value", message: `Expected ${bound} ${plural(Number(params.limit), "key")} in ${formatPath(at) || "the config"}.`, path: at, part: "value" };
    }
    case "uniqueItems":
      return { code: "openclaw-schema/invalid-value", message: `Items ${Math.min(Number(params.i), Number(params.j))} and ${Math.max(Number(params.i), Number(params.j))} are identical; the items must be unique.`, path: at, part: "value" };
    case "dependencies":
    case "dependentRequired":
      return {
        code: "openclaw-schema/missing-key",
        message: `Key \`${String(params.property)}\` requires \`${String(params.missingProperty)}\` in ${formatPath(at) || "the config"}.`,
        path: at,
        part: "key",
      };
    case "false schema": {
      const key = at.at(-1);
      return { code: "openclaw-schema/unknown-key", message: `Key \`${String(key)}\` is not allowed ${where(at.slice(0, -1))}.`, path: at, part: "key" };
    }
    case "if":
    case "propertyNames":
      // The errors of the `then`/`else` branch, or of the key itself, are reported instead.
      return undefined;
    case "anyOf":
    case "oneOf":
      if (error.keyword === "oneOf" && Array.isArray(params.passingSchemas)) {
        return { code: "openclaw-schema/invalid-value", message: `Value ${showValue(value)} matches more than one allowed form; it must match exactly one.`, path: at, part: "value" };
      }
      return { code: "openclaw-schema/invalid-value", message: `Invalid value ${showValue(value)}: it matches none of the allowed forms.`, path: at, part: "value" };
    default:
      return {
        code: "openclaw-schema/invalid-value",
        message: `${upperFirst(error.message ?? "Invalid value")} (found ${describeValue(value)}).`,
        path: at,
        part: "value",
      };
  }
}

/**
 * Replaces each failed `anyOf`/`oneOf` and the errors of its branches by the errors of the branch
 * the value most likely meant (the one whose type matches, with the fewest errors), or by one
 * "expected X or Y" error when no branch accepts the value's type. Same idea as the Zod union
 * handling in validate.ts, so both report `model: 5` the same way.
 */
function explainComposites(errors: readonly AjvError[]): AjvError[] {
  // Errors that belong to some composite's branch are explained through that composite.
  const member = errors.map(() => false);
  const branchOf = new Map<number, Map<number, number[]>>();
  for (let i = 0; i < errors.length; i++) {
    const composite = errors[i] as AjvError;
    if (composite.keyword !== "anyOf" && composite.keyword !== "oneOf") continue;
    if (composite.keyword === "oneOf" && Array.isArray(composite.params.passingSchemas)) continue;
    const prefix = `${composite.schemaPath}/`;
    const branches = new Map<number, number[]>();
    // Ajv appends a composite's error right after the errors of its branches.
    for (let j = i - 1; j >= 0; j--) {
      const e = errors[j] as AjvError;
      if (!e.schemaPath.startsWith(prefix) || !isWithin(e.instancePath, composite.instancePath)) break;
      const index = Number(e.schemaPath.slice(prefix.length).split("/")[0]);
      if (!Number.isInteger(index)) break;
      const list = branches.get(index) ?? [];
      list.unshift(j);
      branches.set(index, list);
    }
    if (branches.size === 0) continue;
    branchOf.set(i, branches);
    for (const list of branches.values()) for (const j of list) member[j] = true;
  }

  const out: AjvError[] = [];
  for (let i = 0; i < errors.length; i++) {
    if (member[i]) continue;
    const branches = branchOf.get(i);
    if (!branches) {
      out.push(errors[i] as AjvError);
      continue;
    }
    out.push(...chooseBranch(errors[i] as AjvError, branches, errors));
  }
  return out;
}

function chooseBranch(composite: AjvError, branches: Map<number, number[]>, errors: readonly AjvError[]): AjvError[] {
  const typeMismatch = (list: number[]) =>
    list.map((j) => errors[j] as AjvError).find((e) => e.keyword === "type" && e.instancePath === composite.instancePath);
  let best: number[] | undefined;
  let bestScore = Infinity;
  for (const index of [...branches.keys()].sort((a, b) => a - b)) {
    const list = branches.get(index) as number[];
    const score = (typeMismatch(list) ? 1000 : 0) + list.length;
    if (score < bestScore) {
      best = list;
      bestScore = score;
    }
  }
  if (!best) return [composite];
  const choices = literalChoices(composite, branches, errors);
  if (choices) return [choices];
  if (typeMismatch(best)) {
    // No branch takes this type at all: one "expected A or B" says it all.
    const inOrder = [...branches.keys()].sort((a, b) => a - b).map((index) => branches.get(index) as number[]);
    const types = inOrder.flatMap((list) => String(typeMismatch(list)?.params.type ?? "").split(",")).filter(Boolean);
    return [{ ...composite, keyword: "type", params: { type: [...new Set(types)].join(",") } }];
  }
  // The branch may hold composites of its own.
  return explainComposites(best.map((j) => errors[j] as AjvError));
}

/** `{ type: "string", enum: [...] }` fails twice for `true`; the enum error alone says more. */
function withoutRedundantTypeErrors(errors: AjvError[]): AjvError[] {
  const parentOf = (e: AjvError) => e.schemaPath.slice(0, e.schemaPath.lastIndexOf("/"));
  const listed = new Set(errors.filter((e) => e.keyword === "enum" || e.keyword === "const").map((e) => `${e.instancePath}\u0000${parentOf(e)}`));
  return errors.filter((e) => e.keyword !== "type" || !listed.has(`${e.instancePath}\u0000${parentOf(e)}`));
}

/**
 * A union of literals (`anyOf: [{ const: "local" }, { const: "remote" }]`, Zod's output for a
 * union of literals) read as one enum: `expected "local" or "remote"`, not the first branch alone.
 * Branches that only want another type join the list as types (`expected a boolean or "auto"`).
 */
function literalChoices(composite: AjvError, branches: Map<number, number[]>, errors: readonly AjvError[]): AjvError | undefined {
  const values: unknown[] = [];
  const types: string[] = [];
  for (const index of [...branches.keys()].sort((a, b) => a - b)) {
    const list = (branches.get(index) as number[]).map((j) => errors[j] as AjvError);
    if (list.some((e) => e.instancePath !== composite.instancePath || !["type", "const", "enum"].includes(e.keyword))) return undefined;
    const literals = list.flatMap((e) => (e.keyword === "const" ? [e.params.allowedValue] : e.keyword === "enum" ? ((e.params.allowedValues as unknown[]) ?? []) : []));
    if (literals.length > 0) values.push(...literals);
    else types.push(...list.flatMap((e) => String(e.params.type).split(",")));
  }
  if (values.length === 0) return undefined;
  return { ...composite, keyword: "enum", params: { allowedValues: values, alsoTypes: [...new Set(types)] } };
}

function isWithin(pointer: string, parent: string): boolean {
  return pointer === parent || parent === "" || pointer.startsWith(`${parent}/`);
}

/** Converts a JSON pointer to a key path; segments that index arrays become numbers. */
function pointerToPath(pointer: string, root: unknown): PathSegment[] {
  if (pointer === "") return [];
  const path: PathSegment[] = [];
  let current: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(current) && /^(0|[1-9][0-9]*)$/.test(segment)) {
      path.push(Number(segment));
      current = current[Number(segment)];
    } else {
      path.push(segment);
      current = isObject(current) && Object.prototype.hasOwnProperty.call(current, segment) ? current[segment] : undefined;
    }
  }
  return path;
}

/** What a key name must look like, from the error of its `propertyNames` schema. */
function keyRule(error: AjvError): string {
  const params = error.params;
  switch (error.keyword) {
    case "pattern":
      return `it must match the pattern /${String(params.pattern)}/`;
    case "minLength":
      return "it must not be empty";
    case "maxLength":
      return `it must be at most ${plural(Number(params.limit), "character")} long`;
    case "enum":
      return `expected ${joinOr(((params.allowedValues as unknown[] | undefined) ?? []).map((v) => JSON.stringify(v)))}`;
    case "const":
      return `expected ${JSON.stringify(params.allowedValue)}`;
    default:
      return error.message ?? "it is not allowed";
  }
}

function describeTypes(types: string): string {
  return joinOr(types.split(",").map(typeName));
}

function showValue(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : describeValue(value);
}


function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function withoutKey(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...object };
  delete copy[key];
  return copy;
}

/** Reads and compiles a schema file (`--openclaw-schema <file>`); failures are values, never exceptions. */
export async function loadOpenClawSchemaFile(path: string, display: string = path): Promise<CompileResult> {
  const read = readSource(path, display);
  if (!read.ok) return { ok: false, message: `cannot read ${read.error}` };
  if (read.text === undefined) return { ok: false, message: `${display} is not a text file: ${read.diagnostic.message}` };
  return compileOpenClawSchema(read.text, display);
}
