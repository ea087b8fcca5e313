import { describe, expect, it } from "vitest";
import { FAKE } from "../auth/fake-credential.test-support.js";
import { FILE_START } from "../diagnostics/diagnostic.js";
import { maskSecretsInDiagnostic, maskSecretsInLine, maskSecretsInText } from "./secret-mask.js";

const apiKey = FAKE.anthropicApiKey;

describe("maskSecretsInLine", () => {
  it.each([
    { line: `  apiKey: "${apiKey}",`, expected: '  apiKey: "…(redacted)",' },
    { line: `  "ANTHROPIC_API_KEY": '${apiKey}'`, expected: `  "ANTHROPIC_API_KEY": '…(redacted)'` },
    { line: '  apiKey: "${ANTHROPIC_API_KEY}",', expected: '  apiKey: "${ANTHROPIC_API_KEY}",' },
    { line: '  model: "anthropic/claude-opus-4-6",', expected: '  model: "anthropic/claude-opus-4-6",' },
    { line: '  botToken: "YOUR_TELEGRAM_BOT_TOKEN",', expected: '  botToken: "YOUR_TELEGRAM_BOT_TOKEN",' },
  ])("$expected", ({ line, expected }) => {
    expect(maskSecretsInLine(line)).toBe(expected);
  });
});

describe("maskSecretsInText", () => {
  it.each([
    { text: `Invalid cacheRetention "${apiKey}": expected "none", "short" or "long".`, expected: 'Invalid cacheRetention "sk-ant-api03-…(redacted)": expected "none", "short" or "long".' },
    // An apostrophe on each side must not hide the secret inside a would-be 'string'.
    { text: `main's key ${apiKey}. It isn't valid.`, expected: "main's key sk-ant-api03-…(redacted). It isn't valid." },
    { text: `at agents.defaults.models["${apiKey}"]`, expected: 'at agents.defaults.models["sk-ant-api03-…(redacted)"]' },
    { text: `bot ${FAKE.telegram} and token: ${FAKE.telegram}`, expected: "bot …(redacted) and token: …(redacted)" },
    { text: 'Unknown model "anthropic/claude-opus-4-6" in agents.list[0].model; did you mean ANTHROPIC_API_KEY?', expected: 'Unknown model "anthropic/claude-opus-4-6" in agents.list[0].model; did you mean ANTHROPIC_API_KEY?' },
  ])("$expected", ({ text, expected }) => {
    expect(maskSecretsInText(text)).toBe(expected);
  });
});

describe("maskSecretsInDiagnostic", () => {
  it("masks the message, path, notes, related messages and fix and suggestion descriptions, and keeps the edits", () => {
    const edit = { file: "c.json5", start: 0, end: 1, text: apiKey };
    const masked = maskSecretsInDiagnostic({
      code: "lint/x",
      severity: "error",
      message: `m ${apiKey}`,
      file: "c.json5",
      range: FILE_START,
      path: ["models", apiKey, 0],
      notes: [`n ${apiKey}`],
      related: [{ file: "c.json5", range: FILE_START, message: `r ${apiKey}` }],
      fix: { description: `f ${apiKey}`, edits: [edit] },
      suggestions: [{ description: `s ${apiKey}`, edits: [] }],
    });
    const shown = "sk-ant-api03-…(redacted)";
    expect(masked).toEqual({
      code: "lint/x",
      severity: "error",
      message: `m ${shown}`,
      file: "c.json5",
      range: FILE_START,
      path: ["models", shown, 0],
      notes: [`n ${shown}`],
      related: [{ file: "c.json5", range: FILE_START, message: `r ${shown}` }],
      fix: { description: `f ${shown}`, edits: [edit] },
      suggestions: [{ description: `s ${shown}`, edits: [] }],
    });
  });
});
