import { agentMissingCredentials } from "./agent-missing-credentials.js";
import { authModeSpelling } from "./auth-mode-spelling.js";
import { conflictingCacheSettings } from "./conflicting-cache-settings.js";
import { deprecatedCacheTtl } from "./deprecated-cache-ttl.js";
import { expiredAuthProfile } from "./expired-auth-profile.js";
import { ineffectiveCacheRetention } from "./ineffective-cache-retention.js";
import { inlineSecret } from "./inline-secret.js";
import { invalidCacheRetention } from "./invalid-cache-retention.js";
import { invalidCacheTtl } from "./invalid-cache-ttl.js";
import { invalidModelRef } from "./invalid-model-ref.js";
import { missingCacheBetaFlag } from "./missing-cache-beta-flag.js";
import { oauthBetaOverride } from "./oauth-beta-override.js";
import type { Rule } from "./rule.js";
import { setupTokenAsApiKey } from "./setup-token-as-api-key.js";
import { shadowedGlobalRetention } from "./shadowed-global-retention.js";
import { shadowedLegacyTtl } from "./shadowed-legacy-ttl.js";
import { subscriptionCacheSettings } from "./subscription-cache-settings.js";
import { unknownAuthProfile } from "./unknown-auth-profile.js";

/** Every rule, sorted by id. A test fails when a file in src/rules/ is missing here. */
export const RULES: readonly Rule<never>[] = [
  agentMissingCredentials,
  authModeSpelling,
  conflictingCacheSettings,
  deprecatedCacheTtl,
  expiredAuthProfile,
  ineffectiveCacheRetention,
  inlineSecret,
  invalidCacheRetention,
  invalidCacheTtl,
  invalidModelRef,
  missingCacheBetaFlag,
  oauthBetaOverride,
  setupTokenAsApiKey,
  shadowedGlobalRetention,
  shadowedLegacyTtl,
  subscriptionCacheSettings,
  unknownAuthProfile,
];
