import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import { classifyCredential, isCompleteSetupToken, isPlaceholderCredential, looksLikeSecret, redactSecret, REDACTED, shannonEntropy } from "./credentials.js";
import type { CredentialKind } from "./credentials.js";
import { FAKE, fakeBody, fakeHex } from "./fake-credential.test-support.js";

describe("classifyCredential", () => {
  const cases: [string, string, CredentialKind][] = [
    ["API key", FAKE.anthropicApiKey, "api-key"],
    ["redacted API key keeps its shape", "sk-ant-api03-REDACTED", "api-key"],
    ["setup-token", FAKE.setupToken, "setup-token"],
    ["truncated setup-token is still a setup-token", "sk-ant-oat01-abc", "setup-token"],
    ["other setup-token version", `sk-ant-oat02-${fakeBody(30, 90)}`, "setup-token"],
    ["admin key", FAKE.adminKey, "admin-key"],
    ["surrounding spaces are ignored", `  ${FAKE.anthropicApiKey}\n`, "api-key"],
    ["env reference", "${ANTHROPIC_API_KEY}", "env-reference"],
    ["env reference with spaces around", " ${_X1} ", "env-reference"],
    ["lower-case reference is not substituted", "${anthropic_key}", "other"],
    ["escaped reference is literal text", "$${ANTHROPIC_API_KEY}", "other"],
    ["reference inside text", "key-${ANTHROPIC_API_KEY}", "other"],
    ["OpenAI key", FAKE.openaiProject, "other"],
    ["session key", `sk-ant-sid01-${fakeBody(31, 90)}`, "other"],
    ["upper case prefix", FAKE.anthropicApiKey.toUpperCase(), "other"],
    ["empty", "", "other"],
  ];
  it.each(cases)("%s", (_name, value, kind) => {
    expect(classifyCredential(value)).toBe(kind);
  });

  it("returns other for a non-string", () => {
    expect(classifyCredential(42 as unknown as string)).toBe("other");
  });
});

describe("isCompleteSetupToken", () => {
  const cases: [string, string, boolean][] = [
    ["whole token", FAKE.setupToken, true],
    ["exactly 80 characters", `sk-ant-oat01-${fakeBody(32, 67)}`, true],
    ["79 characters", `sk-ant-oat01-${fakeBody(32, 66)}`, false],
    ["other version", `sk-ant-oat02-${fakeBody(33, 95)}`, false],
    ["space inside", `sk-ant-oat01-${fakeBody(34, 40)} ${fakeBody(35, 50)}`, false],
    ["API key", FAKE.anthropicApiKey, false],
  ];
  it.each(cases)("%s", (_name, value, complete) => {
    expect(isCompleteSetupToken(value)).toBe(complete);
  });
});

describe("looksLikeSecret", () => {
  const secrets: [string, string, string?][] = [
    ["Anthropic API key", FAKE.anthropicApiKey],
    ["setup-token", FAKE.setupToken],
    ["Anthropic admin key", FAKE.adminKey],
    ["OpenAI project key", FAKE.openaiProject],
    ["OpenAI legacy key", FAKE.openaiLegacy],
    ["OpenRouter key", FAKE.openrouter],
    ["Slack bot token", FAKE.slackBot],
    ["Slack app token", FAKE.slackApp],
    ["Telegram bot token", FAKE.telegram],
    ["Groq key", FAKE.groq],
    ["Google API key", FAKE.google],
    ["GitHub token", FAKE.github],
    ["GitHub fine-grained token", FAKE.githubFineGrained],
    ["xAI key", FAKE.xai],
    ["Tavily key", FAKE.tavily],
    ["Hugging Face token", FAKE.huggingface],
    ["AWS access key id", FAKE.aws],
    ["JWT", FAKE.jwt],
    ["long random string anywhere", FAKE.generic],
    ["hex gateway token under a token key", FAKE.gatewayHex, "token"],
    ["16 mixed characters under a password key", `${fakeBody(40, 12)}7${fakeBody(41, 3)}`, "password"],
    ["bearer header", `Bearer ${FAKE.openaiProject}`],
    ["surrounding whitespace", `  ${FAKE.groq}\n`],
  ];
  it.each(secrets)("flags %s", (_name, value, key) => {
    expect(looksLikeSecret(value, key)).toBe(true);
  });

  const notSecrets: [string, string, string?][] = [
    ["empty", ""],
    ["spaces", "   "],
    ["REPLACE_ME", "REPLACE_ME", "apiKey"],
    ["YOUR_TELEGRAM_BOT_TOKEN", "YOUR_TELEGRAM_BOT_TOKEN", "botToken"],
    ["docs ellipsis", "sk-or-...", "OPENROUTER_API_KEY"],
    ["stars", "***", "apiKey"],
    ["angle-bracket redaction", "<REDACTED>", "apiKey"],
    ["bracketed redaction", "[REDACTED_SLACK_BOT_TOKEN]", "botToken"],
    ["REDACTED_*", "REDACTED_SECRET", "appSecret"],
    ["redaction note", "REDACTED — set in live config on Pi", "token"],
    ["CHANGE_ME", "CHANGE_ME", "token"],
    ["skip", "skip", "apiKey"],
    ["env reference", "${OPENAI_API_KEY}", "apiKey"],
    ["bearer with a reference", "Bearer ${GATEWAY_TOKEN}", "Authorization"],
    ["other tools' reference syntax", "{env:MINIMAX_API_KEY}", "apiKey"],
    ["$VAR", "$OPENAI_API_KEY", "apiKey"],
    ["an env variable name", "OLLAMA_API_KEY", "apiKey"],
    ["vendor prefix with a redaction", "sk-REDACTED", "apiKey"],
    ["Google prefix with a redaction", "AIza-REDACTED", "apiKey"],
    ["GitHub prefix with a redaction", "ghp_REDACTED", "GITHUB_TOKEN"],
    ["Telegram redaction", "0000000000:REDACTED_TELEGRAM_BOT_TOKEN", "botToken"],
    ["fake corpus credential", "FAKE_CONFIG_CORPUS_CREDENTIAL", "apiKey"],
    ["local dummy key", "ollama-local", "apiKey"],
    ["short word", "lmstudio", "apiKey"],
    ["n/a", "na", "apiKey"],
    ["word secret", "customer_service_secret", "appSecret"],
    ["Anthropic key with ellipsis", "sk-ant-api03-...", "apiKey"],
    ["x-ed out setup-token", `sk-ant-oat01-${"x".repeat(90)}`, "apiKey"],
    ["counting placeholder", "sk-1234567890abcdef1234567890abcdef", "apiKey"],
    ["one repeated character after a prefix", `sk-${"a".repeat(40)}`, "apiKey"],
    ["too short for its vendor", "sk-ant-api03-Ab3", "apiKey"],
    ["Slack-shaped but too short", "xoxb-123-456-Kq7Wm2Zp9XrT", "botToken"],
    ["Feishu app id", "cli_a9247ccfec341cb5", "appId"],
    ["nil UUID", "00000000-0000-0000-0000-000000000000", "appId"],
    ["random UUID anywhere", "3f0c9a52-7d41-4e8b-9c1a-6b2d5e7f8a90"],
    ["model ref", "anthropic/claude-opus-4-6"],
    ["long model id", "Jarcgon/Qwen3.6-35B-A3B-Claude-4.7-Opus-abliterated-uncenfull:latest"],
    ["wordy model name", "Llama-3-70B-Instruct-Turbo-Free-Version"],
    ["path", `/home/user/.openclaw/workspace/plugins/${fakeBody(42, 30)}`],
    ["integrity hash", `sha512-${fakeBody(43, 86)}==`],
    ["commit hash anywhere", fakeHex(44, 40)],
    ["URL", "https://example.com/path?x=1"],
    ["email", "user@example.com"],
    ["timestamp", "2026-05-08T08:45:21.097Z"],
    ["numeric id", "1469849142556627059"],
    ["session key", "agent:main:main", "sessionKey"],
    ["wordy password", "my-password-2024", "password"],
    ["40 random characters with spaces", `${fakeBody(45, 20)} ${fakeBody(46, 20)}`],
    ["30 random characters anywhere (too short without a key name)", fakeBody(47, 30)],
  ];
  it.each(notSecrets)("does not flag %s", (_name, value, key) => {
    expect(looksLikeSecret(value, key)).toBe(false);
  });

  it("returns false for a non-string", () => {
    expect(looksLikeSecret(undefined as unknown as string)).toBe(false);
  });

  it("never throws on arbitrary input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.option(fc.string(), { nil: undefined }), (value, key) => {
        expect(typeof looksLikeSecret(value, key)).toBe("boolean");
      }),
      { numRuns: 500 },
    );
  });

  const corpus = join(dirname(fileURLToPath(import.meta.url)), "../../../shared/corpus/real");
  const corpusFiles = (() => {
    try {
      return readdirSync(corpus).filter((f) => /\.json5?$/.test(f));
    } catch {
      return [];
    }
  })();
  it.skipIf(corpusFiles.length === 0)("flags nothing in the redacted real-config corpus (skipped: ../shared/corpus/real is absent)", () => {
    const flagged: string[] = [];
    const walk = (value: unknown, key: string): void => {
      if (typeof value === "string") {
        if (looksLikeSecret(value, key)) flagged.push(key);
      } else if (typeof value === "object" && value !== null) {
        for (const [k, v] of Object.entries(value)) walk(v, k);
      }
    };
    for (const file of corpusFiles) {
      let parsed: unknown;
      try {
        parsed = JSON5.parse(readFileSync(join(corpus, file), "utf8").replace(/^\uFEFF/, ""));
      } catch {
        continue; // Deliberately broken corpus files are the parser's business.
      }
      walk(parsed, "");
    }
    expect(flagged).toEqual([]);
  });
});

describe("isPlaceholderCredential", () => {
  const cases: [string, boolean][] = [
    ["", true],
    ["<your key>", true],
    ["{{ secrets.KEY }}", true],
    ["%API_KEY%", true],
    ["env:ANTHROPIC_API_KEY", true],
    ["SKIP", true],
    [FAKE.anthropicApiKey, false],
    ["ollama-local", false],
  ];
  it.each(cases)("%j -> %s", (value, placeholder) => {
    expect(isPlaceholderCredential(value)).toBe(placeholder);
  });
});

describe("redactSecret", () => {
  const cases: [string, string, string][] = [
    ["Anthropic API key", FAKE.anthropicApiKey, "sk-ant-api03-…(redacted)"],
    ["setup-token", FAKE.setupToken, "sk-ant-oat01-…(redacted)"],
    ["admin key", FAKE.adminKey, "sk-ant-admin01-…(redacted)"],
    ["OpenAI project key", FAKE.openaiProject, "sk-proj-…(redacted)"],
    ["OpenAI legacy key", FAKE.openaiLegacy, "sk-…(redacted)"],
    ["OpenRouter key", FAKE.openrouter, "sk-or-v1-…(redacted)"],
    ["Slack bot token", FAKE.slackBot, "xoxb-…(redacted)"],
    ["Slack app token", FAKE.slackApp, "xapp-…(redacted)"],
    ["Groq key", FAKE.groq, "gsk_…(redacted)"],
    ["Google key", FAKE.google, "AIza…(redacted)"],
    ["GitHub token", FAKE.github, "ghp_…(redacted)"],
    ["GitHub fine-grained token", FAKE.githubFineGrained, "github_pat_…(redacted)"],
    ["xAI key", FAKE.xai, "xai-…(redacted)"],
    ["Tavily key", FAKE.tavily, "tvly-dev-…(redacted)"],
    ["AWS access key id", FAKE.aws, "AKIA…(redacted)"],
    ["Telegram token keeps nothing", FAKE.telegram, "…(redacted)"],
    ["JWT keeps nothing", FAKE.jwt, "…(redacted)"],
    ["generic secret keeps nothing", FAKE.generic, "…(redacted)"],
    ["hex token keeps nothing", FAKE.gatewayHex, "…(redacted)"],
    ["auth scheme is kept", `Bearer ${FAKE.openaiProject}`, "Bearer sk-proj-…(redacted)"],
    ["odd Anthropic infix is not kept", `sk-ant-${fakeBody(50, 12).toLowerCase()}-${fakeBody(51, 40)}`, "sk-…(redacted)"],
    ["empty", "", "…(redacted)"],
  ];
  it.each(cases)("%s", (_name, value, redacted) => {
    expect(redactSecret(value)).toBe(redacted);
  });

  it("keeps at most an auth scheme and a vendor prefix of the input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (value) => {
        const out = redactSecret(value);
        expect(out.endsWith(REDACTED)).toBe(true);
        expect(out.length - REDACTED.length).toBeLessThanOrEqual("Bearer sk-ant-admin123-".length);
      }),
      { numRuns: 500 },
    );
  });
});

describe("shannonEntropy", () => {
  const cases: [string, number][] = [
    ["", 0],
    ["aaaa", 0],
    ["abab", 1],
    ["abcd", 2],
  ];
  it.each(cases)("%j has %d bits per character", (text, bits) => {
    expect(shannonEntropy(text)).toBe(bits);
  });
});
