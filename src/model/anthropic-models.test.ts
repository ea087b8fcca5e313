import { describe, expect, it } from "vitest";
import { KNOWN_ANTHROPIC_MODEL_IDS, closestAnthropicModelId, isKnownAnthropicModelId } from "./anthropic-models.js";

describe("Anthropic model catalogue", () => {
  it("holds each id once, all of the claude-* form", () => {
    expect(new Set(KNOWN_ANTHROPIC_MODEL_IDS).size).toBe(KNOWN_ANTHROPIC_MODEL_IDS.length);
    expect(KNOWN_ANTHROPIC_MODEL_IDS.every((id) => /^claude-[a-z0-9-]+$/.test(id))).toBe(true);
  });

  const known: [string, boolean][] = [
    ["claude-opus-4-6", true],
    ["claude-sonnet-5", true],
    ["claude-3-5-haiku-20241022", true],
    ["claude-sonnet-4.6", false],
    ["Claude-Opus-4-6", false],
    ["claude-opus-4-6 ", false],
  ];
  it.each(known)("isKnownAnthropicModelId(%j) is %s", (id, expected) => {
    expect(isKnownAnthropicModelId(id)).toBe(expected);
  });

  const closest: [string, string | undefined][] = [
    ["claude-sonnet-4.6", "claude-sonnet-4-6"],
    ["Claude-Opus-4-6", "claude-opus-4-6"],
    ["claude_haiku_4_5", "claude-haiku-4-5"],
    ["claude-3-5-haiku", "claude-3-5-haiku-latest"],
    ["claude-haiku", "claude-haiku-4-5"],
    ["claude-opus-4-5-latest", "claude-opus-4-5"],
    ["claude-sonnet-4-5-20250101", "claude-sonnet-4-5"],
    ["claude-opus-4-66", "claude-opus-4-6"],
    ["claud-sonet-4-6", "claude-sonnet-4-6"],
    ["gpt-4o", undefined],
    ["", undefined],
  ];
  it.each(closest)("closestAnthropicModelId(%j) is %j", (id, expected) => {
    expect(closestAnthropicModelId(id)).toBe(expected);
  });
});
