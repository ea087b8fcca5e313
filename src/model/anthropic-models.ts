import { closestMatch } from "../diagnostics/suggest.js";

/*
 * Anthropic model ids this tool knows, as of 2026-09. Anthropic adds models every few months, so
 * `invalid-model-ref` only warns about an id missing here. Sources: the models.dev catalogue
 * snapshot OpenClaw shipped around 2026-02, and OpenClaw's own Claude model refs (2026.9), which
 * add claude-sonnet-4-6, claude-opus-4-7, claude-opus-4-8 and claude-sonnet-5. Retired ids stay
 * listed: OpenClaw still resolves them (mapping them to a current model), so they are not typos.
 * Update this list, and the date, when a new model ships.
 */

/** When the catalogue was last checked against Anthropic's and OpenClaw's lists. */
export const ANTHROPIC_CATALOGUE_DATE = "2026-09";

/** Model ids of provider `anthropic` (the part after `anthropic/`). */
export const KNOWN_ANTHROPIC_MODEL_IDS: readonly string[] = [
  // Current (OpenClaw 2026.9 claude-model-refs).
  "claude-haiku-4-5",
  "claude-opus-4-6",
  "claude-opus-4-7",
  "claude-opus-4-8",
  "claude-sonnet-4-6",
  "claude-sonnet-5",
  // Earlier and dated ids (models.dev snapshot, 2026-02).
  "claude-3-5-haiku-20241022",
  "claude-3-5-haiku-latest",
  "claude-3-5-sonnet-20240620",
  "claude-3-5-sonnet-20241022",
  "claude-3-7-sonnet-20250219",
  "claude-3-7-sonnet-latest",
  "claude-3-haiku-20240307",
  "claude-3-opus-20240229",
  "claude-3-sonnet-20240229",
  "claude-haiku-4-5-20251001",
  "claude-opus-4-0",
  "claude-opus-4-1",
  "claude-opus-4-1-20250805",
  "claude-opus-4-20250514",
  "claude-opus-4-5",
  "claude-opus-4-5-20251101",
  "claude-sonnet-4-0",
  "claude-sonnet-4-20250514",
  "claude-sonnet-4-5",
  "claude-sonnet-4-5-20250929",
];

const KNOWN = new Set(KNOWN_ANTHROPIC_MODEL_IDS);

/** True when `id` (without the `anthropic/` prefix) is in the catalogue. */
export function isKnownAnthropicModelId(id: string): boolean {
  return KNOWN.has(id);
}

/**
 * The known id the user most likely meant: the same id with dots or capitals written as Anthropic
 * spells them (`claude-sonnet-4.6` → `claude-sonnet-4-6`), the shortest known id that continues it
 * (`claude-3-5-haiku` → `claude-3-5-haiku-latest`), the longest known id it continues
 * (`claude-opus-4-5-latest` → `claude-opus-4-5`), else a close spelling. Undefined when nothing is close.
 */
export function closestAnthropicModelId(id: string): string | undefined {
  const normalized = id.trim().toLowerCase().replace(/[._\s]+/g, "-");
  if (KNOWN.has(normalized)) return normalized;
  const continuations = KNOWN_ANTHROPIC_MODEL_IDS.filter((known) => known.startsWith(`${normalized}-`));
  continuations.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  if (continuations[0] !== undefined) return continuations[0];
  // A known id with something appended (`claude-opus-4-5-latest`, a made-up date): the longest such prefix.
  const prefixes = KNOWN_ANTHROPIC_MODEL_IDS.filter((known) => normalized.startsWith(`${known}-`));
  prefixes.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  if (prefixes[0] !== undefined) return prefixes[0];
  return closestMatch(normalized, KNOWN_ANTHROPIC_MODEL_IDS);
}
