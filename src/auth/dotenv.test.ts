import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { parseDotenv } from "./dotenv.js";

const FILE = "/home/u/.openclaw/.env";

/** Variables as [name, value, line]. */
function vars(text: string): [string, string, number][] {
  return [...parseDotenv(text, FILE).vars.values()].map((v) => [v.name, v.value, v.source.kind === "env-file" ? v.source.line : -1]);
}

/** Diagnostics as "code line:col-line:col message". */
function problems(text: string): string[] {
  return parseDotenv(text, FILE).diagnostics.map(
    (d: Diagnostic) => `${d.code} ${d.range.start.line}:${d.range.start.column}-${d.range.end.line}:${d.range.end.column} ${d.message}`,
  );
}

describe("parseDotenv values", () => {
  const cases: [string, string, [string, string, number][]][] = [
    ["plain", "A=1\nB=two", [["A", "1", 1], ["B", "two", 2]]],
    ["export prefix", "export A=1\nexport\tB=2", [["A", "1", 1], ["B", "2", 2]]],
    ["a variable named export", "export=1", [["export", "1", 1]]],
    ["comments and blank lines", "# heading\n\n   # indented\nA=1\n\n", [["A", "1", 4]]],
    ["spaces around =", "A = 1\n  B  =  two words  ", [["A", "1", 1], ["B", "two words", 2]]],
    ["empty value", "A=\nB=   ", [["A", "", 1], ["B", "", 2]]],
    ["inline comment after a space", "A=value # note\nB=value\t# note", [["A", "value", 1], ["B", "value", 2]]],
    ["# without a space is part of the value", "A=pa#ss\nB=#x", [["A", "pa#ss", 1], ["B", "#x", 2]]],
    ["comment as the whole value", "A= # nothing", [["A", "", 1]]],
    ["double quotes", 'A="x y"\nB="has # hash"', [["A", "x y", 1], ["B", "has # hash", 2]]],
    ["double quotes expand \\n and \\r only", 'A="l1\\nl2\\r\\t"', [["A", "l1\nl2\r\\t", 1]]],
    ["escaped double quote stays escaped (as dotenv)", 'A="say \\"hi\\""', [["A", 'say \\"hi\\"', 1]]],
    ["single quotes are literal", "A='l1\\nl2 # not a comment'", [["A", "l1\\nl2 # not a comment", 1]]],
    ["backticks", "A=`it's`", [["A", "it's", 1]]],
    ["comment after a quoted value", 'A="v" # note', [["A", "v", 1]]],
    ["quoted value spanning lines", 'A="l1\nl2"\nB=3', [["A", "l1\nl2", 1], ["B", "3", 3]]],
    ["CRLF", "A=1\r\nB=\"x\"\r\n# c\r\nC=3\r\n", [["A", "1", 1], ["B", "x", 2], ["C", "3", 4]]],
    ["CRLF inside a multi-line value becomes LF", 'A="l1\r\nl2"\r\n', [["A", "l1\nl2", 1]]],
    ["lone CR line breaks", "A=1\rB=2", [["A", "1", 1], ["B", "2", 2]]],
    ["BOM", "\uFEFFA=1", [["A", "1", 1]]],
    ["dots and dashes in names", "my.name-x=1", [["my.name-x", "1", 1]]],
    ["later definition wins", "A=1\nA=2", [["A", "2", 2]]],
    ["empty file", "", []],
  ];
  it.each(cases)("%s", (_name, text, expected) => {
    expect(vars(text)).toEqual(expected);
  });

  it("records the name's range", () => {
    const [variable] = parseDotenv("\n  export KEY=1", FILE).vars.values();
    expect(variable?.source).toEqual({
      kind: "env-file",
      file: FILE,
      line: 2,
      range: { start: { line: 2, column: 10, offset: 10 }, end: { line: 2, column: 13, offset: 13 } },
    });
  });
});

describe("parseDotenv diagnostics", () => {
  const cases: [string, string, string[], [string, string, number][]][] = [
    ["clean file", "A=1\n# c\n", [], [["A", "1", 1]]],
    ["no =", "A=1\nJUSTANAME\nB=2", ["env-file/invalid-line 2:10-2:10 Expected `=` after the variable name."], [["A", "1", 1], ["B", "2", 3]]],
    ["export alone", "export", ["env-file/invalid-line 1:7-1:7 Expected `=` after the variable name."], []],
    [
      "space inside a name",
      "MY KEY=1",
      ["env-file/invalid-line 1:4-1:9 Expected `=` after the variable name; names cannot contain spaces or other symbols."],
      [],
    ],
    ["YAML style", "KEY: value", ["env-file/invalid-line 1:4-1:11 Expected `=` after the variable name."], []],
    ["name starting with a digit", "1KEY=1", ["env-file/invalid-line 1:1-1:5 Invalid variable name: a name starts with a letter or underscore."], []],
    ["line starting with =", "  =value  ", ["env-file/invalid-line 1:3-1:9 Expected a variable name at the start of the line (`KEY=value`)."], []],
    ["pasted value without a name", "\n  sk-ant-api03-abc", ["env-file/invalid-line 2:19-2:19 Expected `=` after the variable name."], []],
    ["unterminated double quote", 'A="abc\nB=2', ['env-file/invalid-line 1:3-1:4 The quoted value is never closed: add the closing ".'], [["B", "2", 2]]],
    ["unterminated single quote at end of file", "A='abc", ["env-file/invalid-line 1:3-1:4 The quoted value is never closed: add the closing '."], []],
    [
      "a later quote does not close an earlier value",
      'A="abc\nB="x"',
      ['env-file/invalid-line 1:3-1:4 The quoted value is never closed: add the closing ".'],
      [["B", "x", 2]],
    ],
    ["text after the closing quote", 'A="abc"def  \nB=1', ["env-file/invalid-line 1:8-1:11 Unexpected text after the closing quote."], [["B", "1", 2]]],
    [
      "duplicate",
      "A=1\nB=2\nA=3",
      ["env-file/duplicate-key 3:1-3:2 A is already set on line 1; this later value wins."],
      [["A", "3", 3], ["B", "2", 2]],
    ],
    ["CRLF positions", "A=1\r\nBAD\r\n", ["env-file/invalid-line 2:4-2:4 Expected `=` after the variable name."], [["A", "1", 1]]],
  ];
  it.each(cases)("%s", (_name, text, expectedProblems, expectedVars) => {
    expect(problems(text)).toEqual(expectedProblems);
    expect(vars(text).sort()).toEqual(expectedVars.sort());
  });

  it("gives every diagnostic severity warning, the file, an empty path and notes", () => {
    const { diagnostics } = parseDotenv("BAD\nA=1\nA=2", FILE);
    expect(diagnostics.map((d) => [d.severity, d.file, d.path, d.notes])).toEqual([
      ["warning", FILE, [], ["The dotenv loader skips or misreads this line, so the variable is not set as written.", "Write `KEY=value`; a line with only a name sets nothing."]],
      ["warning", FILE, [], ["Delete one of the two lines so the file says which value is used."]],
    ]);
    expect(diagnostics[1]?.related).toEqual([
      { file: FILE, range: { start: { line: 2, column: 1, offset: 4 }, end: { line: 2, column: 2, offset: 5 } }, message: "first definition" },
    ]);
  });

  it("never echoes the text of a malformed line", () => {
    const secret = "sk-ant-api03-Zq8Lr2Vx";
    const { diagnostics } = parseDotenv(`${secret}\n"${secret}\n1${secret}=x\nA="${secret}"${secret}`, FILE);
    expect(diagnostics).toHaveLength(4);
    expect(JSON.stringify(diagnostics)).not.toContain("Zq8Lr2Vx");
  });

  it("never throws and always returns line numbers inside the file", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        const result = parseDotenv(text, FILE);
        const lineCount = text.split(/\r\n|\r|\n|\u2028|\u2029/).length;
        for (const d of result.diagnostics) {
          expect(d.range.start.line).toBeGreaterThanOrEqual(1);
          expect(d.range.end.line).toBeLessThanOrEqual(lineCount);
        }
        for (const v of result.vars.values()) {
          expect(v.source.kind === "env-file" && v.source.line <= lineCount).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
