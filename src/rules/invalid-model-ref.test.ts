import { describe, expect, it } from "vitest";
import { invalidModelRef } from "./invalid-model-ref.js";
import { applyFix, findings, MALFORMED_SECTIONS, runRule, spanOf } from "./rule-test-kit.js";

const WHY =
  'Keys of a models map are references such as "anthropic/claude-opus-4-6"; OpenClaw matches them against the model it runs, so this entry\'s alias and params do not apply to the model you mean.';
const UNKNOWN = "Anthropic answers requests for a model id it does not know with a not-found error, so OpenClaw cannot use this model.";

describe("invalid-model-ref", () => {
  const valid: [string, string][] = [
    ["known Anthropic ids", `{ agents: { defaults: { model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["anthropic/claude-3-5-haiku-20241022"] }, models: { "anthropic/claude-sonnet-4-5": { alias: "sonnet" } } } } }`],
    ["other providers' ids are not checked", `{ agents: { defaults: { models: { "openai/gpt-5.2": {}, "ollama/llama3.2:latest": {}, "lmstudio/deepseek/deepseek-r1": {} } } } }`],
    ["Anthropic through openrouter is provider openrouter", `{ agents: { defaults: { models: { "openrouter/anthropic/claude-sonnet-4.6": {} } } } }`],
    ["aliases in model selections", `{ agents: { defaults: { model: "opus", models: { "anthropic/claude-opus-4-6": { alias: "opus" } } } } }`],
    ["env references in selections", `{ agents: { defaults: { model: { primary: "anthropic/\${MODEL}" } } } }`],
    ["non-object entries are left to the schema", `{ agents: { list: [{ id: "a", models: { cheap: "gemini-2.5-flash-lite" } }] } }`],
    ["agents.entries with valid keys", `{ agents: { entries: { main: { models: { "anthropic/claude-sonnet-5": { params: {} } } } } } }`],
  ];
  it.each(valid)("valid: %s", (_name, source) => {
    expect(findings(invalidModelRef, source)).toEqual([]);
  });

  const ALIAS = `{
  agents: {
    defaults: { models: { "anthropic/claude-opus-4-6": { alias: "opus" } } },
    list: [{ id: "work", models: { opus: { params: { cacheRetention: "long" } } } }],
  },
}`;
  const BARE = `{ agents: { defaults: { models: { "claude-sonnet-4.6": {}, cheap: {}, "\${QWEN_MODEL}": {}, "qwen3-max": {} } } }, models: { providers: { bailian: { models: [{ id: "qwen3-max" }] } } } }`;
  const TYPOS = `{
  agents: {
    defaults: {
      model: { primary: "anthropic/claude-sonnet-4.6", fallbacks: ["anthropic/claude-opus-4-5", "Anthropic/claude-3-5-haiku"] },
      models: { "anthropic/claude-opus-4-5-latest": {}, "anthropic/gpt-4o": {} },
    },
    entries: { main: { model: "anthropic/claude-haiku", heartbeat: { model: "anthropic/claude-3-5-haiku" }, subagents: { model: { primary: "anthropic/claude-opus-4-8" } } } },
  },
}`;
  const invalid: [string, string, string[]][] = [
    ["an alias as a key", ALIAS, [`${spanOf(ALIAS, "opus", 3)} warning agents.list[0].models has the key "opus", which is not a provider/model reference.`]],
    [
      "bare ids, names and references",
      BARE,
      [
        `${spanOf(BARE, '"claude-sonnet-4.6"')} warning agents.defaults.models has the key "claude-sonnet-4.6", which is not a provider/model reference.`,
        `${spanOf(BARE, "cheap")} warning agents.defaults.models has the key "cheap", which is not a provider/model reference.`,
        `${spanOf(BARE, '"${QWEN_MODEL}"')} warning agents.defaults.models has the key "\${QWEN_MODEL}", which is not a provider/model reference.`,
        `${spanOf(BARE, '"qwen3-max"')} warning agents.defaults.models has the key "qwen3-max", which is not a provider/model reference.`,
      ],
    ],
    [
      "unknown Anthropic ids in keys and selections",
      TYPOS,
      [
        `${spanOf(TYPOS, '"anthropic/claude-opus-4-5-latest"')} warning "claude-opus-4-5-latest" is not a known Anthropic model id.`,
        `${spanOf(TYPOS, '"anthropic/gpt-4o"')} warning "gpt-4o" is not a known Anthropic model id.`,
        `${spanOf(TYPOS, '"anthropic/claude-sonnet-4.6"')} warning "claude-sonnet-4.6" is not a known Anthropic model id.`,
        `${spanOf(TYPOS, '"Anthropic/claude-3-5-haiku"')} warning "claude-3-5-haiku" is not a known Anthropic model id.`,
        `${spanOf(TYPOS, '"anthropic/claude-haiku"')} warning "claude-haiku" is not a known Anthropic model id.`,
        `${spanOf(TYPOS, '"anthropic/claude-3-5-haiku"')} warning "claude-3-5-haiku" is not a known Anthropic model id.`,
      ],
    ],
  ];
  it.each(invalid)("invalid: %s", (_name, source, expected) => {
    expect(findings(invalidModelRef, source)).toEqual(expected);
  });

  // [case, source, index of the finding, second note, the source after applying the suggestion (or undefined)]
  const advice: [string, string, number, string, string | undefined][] = [
    [
      "an alias: use the reference it stands for",
      ALIAS,
      0,
      '"opus" is the alias of "anthropic/claude-opus-4-6"; aliases name models in `model` settings, not in models keys. Use "anthropic/claude-opus-4-6" as the key.',
      ALIAS.replace("{ opus:", '{ "anthropic/claude-opus-4-6":'),
    ],
    ["a bare Anthropic id with a dot", BARE, 0, 'Did you mean "anthropic/claude-sonnet-4-6"?', BARE.replace('"claude-sonnet-4.6"', '"anthropic/claude-sonnet-4-6"')],
    ["a name", BARE, 1, 'Write the key as "provider/model", for example "anthropic/claude-sonnet-4-6", or remove the entry.', undefined],
    [
      "an env reference",
      BARE,
      2,
      "OpenClaw substitutes ${VAR} only in string values, never in keys, so this key stays literally as written; write the reference itself.",
      undefined,
    ],
    ["a model a configured provider defines", BARE, 3, 'Did you mean "bailian/qwen3-max"?', BARE.replace('"qwen3-max": {}', '"bailian/qwen3-max": {}')],
    [
      "a key one suffix off",
      TYPOS,
      0,
      'Did you mean "anthropic/claude-opus-4-5"? (This tool\'s catalogue of Anthropic models is from 2026-09; a newer model is fine.)',
      TYPOS.replace('"anthropic/claude-opus-4-5-latest"', '"anthropic/claude-opus-4-5"'),
    ],
    ["no close id", TYPOS, 1, "This tool's catalogue of Anthropic models is from 2026-09; if the model is newer, the id is fine.", undefined],
    [
      "a selection with a dot",
      TYPOS,
      2,
      'Did you mean "anthropic/claude-sonnet-4-6"? (This tool\'s catalogue of Anthropic models is from 2026-09; a newer model is fine.)',
      TYPOS.replace('"anthropic/claude-sonnet-4.6"', '"anthropic/claude-sonnet-4-6"'),
    ],
    [
      "a fallback missing its suffix",
      TYPOS,
      3,
      'Did you mean "anthropic/claude-3-5-haiku-latest"? (This tool\'s catalogue of Anthropic models is from 2026-09; a newer model is fine.)',
      TYPOS.replace('"Anthropic/claude-3-5-haiku"', '"anthropic/claude-3-5-haiku-latest"'),
    ],
  ];
  it.each(advice)("advice: %s", (_name, source, index, note, fixed) => {
    const finding = runRule(invalidModelRef, source).diagnostics[index];
    expect(finding?.notes).toEqual([finding?.message.includes("known Anthropic") ? UNKNOWN : WHY, note]);
    if (fixed === undefined) {
      expect(finding?.suggestions).toBeUndefined();
    } else {
      expect(finding?.fix).toBeUndefined();
      expect(applyFix(source, finding?.suggestions?.[0])).toBe(fixed);
    }
  });

  it("offers no rename onto a key that already exists", () => {
    const source = `{ agents: { defaults: { models: { "anthropic/claude-opus-4-6": { alias: "opus" }, opus: {} } } } }`;
    const [finding] = runRule(invalidModelRef, source).diagnostics;
    expect(finding?.message).toBe('agents.defaults.models has the key "opus", which is not a provider/model reference.');
    expect(finding?.suggestions).toBeUndefined();
  });

  it.each(MALFORMED_SECTIONS)("ignores malformed sections: %s", (_name, source) => {
    expect(findings(invalidModelRef, source, {})).toEqual([]);
  });
});
