// Builds credential-shaped test inputs at run time, so no real-looking secret is written in a test file.

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A deterministic pseudo-random string of `length` characters from `alphabet`. */
export function fakeBody(seed: number, length: number, alphabet: string = BASE62): string {
  let state = (seed >>> 0) || 1;
  let out = "";
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out += alphabet[(state >>> 16) % alphabet.length];
  }
  return out;
}

/** Lower-case hexadecimal body. */
export function fakeHex(seed: number, length: number): string {
  return fakeBody(seed, length, "0123456789abcdef");
}

/** Credential-shaped values by vendor, each generated from its own seed. */
export const FAKE = {
  anthropicApiKey: `sk-ant-api03-${fakeBody(1, 93)}AA`,
  setupToken: `sk-ant-oat01-${fakeBody(2, 93)}AA`,
  adminKey: `sk-ant-admin01-${fakeBody(3, 93)}AA`,
  openaiProject: `sk-proj-${fakeBody(4, 120)}`,
  openaiLegacy: `sk-${fakeBody(5, 48)}`,
  openrouter: `sk-or-v1-${fakeHex(6, 64)}`,
  slackBot: `xoxb-${fakeBody(7, 12, "0123456789")}-${fakeBody(8, 13, "0123456789")}-${fakeBody(9, 24)}`,
  slackApp: `xapp-1-A${fakeBody(10, 10, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}-${fakeBody(11, 13, "0123456789")}-${fakeHex(12, 64)}`,
  telegram: `${fakeBody(13, 10, "0123456789")}:AA${fakeBody(14, 33)}`,
  groq: `gsk_${fakeBody(15, 52)}`,
  google: `AIza${fakeBody(16, 35)}`,
  github: `ghp_${fakeBody(17, 36)}`,
  githubFineGrained: `github_pat_${fakeBody(18, 82)}`,
  xai: `xai-${fakeBody(19, 80)}`,
  tavily: `tvly-dev-${fakeBody(20, 32)}`,
  huggingface: `hf_${fakeBody(21, 34)}`,
  aws: `AKIA${fakeBody(22, 16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`,
  jwt: `eyJ${fakeBody(23, 30)}.eyJ${fakeBody(24, 60)}.${fakeBody(25, 43)}`,
  generic: fakeBody(26, 40),
  gatewayHex: fakeHex(27, 48),
} as const;
