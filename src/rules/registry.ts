import type { Rule } from "./rule.js";

/** Every rule, sorted by id. A test fails when a file in src/rules/ is missing here. */
export const RULES: readonly Rule<never>[] = [];
