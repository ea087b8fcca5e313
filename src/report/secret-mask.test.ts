import { describe, expect, it } from "vitest";
import { FAKE } from "../auth/fake-credential.test-support.js";
import { maskSecretsInLine } from "./secret-mask.js";

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
