/**
 * The built-in behaviour detectors, listed explicitly (one per file). See docs/detection/behaviour.md.
 */
import { bot } from './bot.js';
import { bruteForce } from './brute-force.js';
import { businessLogic } from './business-logic.js';
import { credentialStuffing } from './credential-stuffing.js';
import { enumeration } from './enumeration.js';
import { scraping } from './scraping.js';
import type { DetectorDefinition } from './types.js';

export const BEHAVIOUR_DETECTORS: readonly DetectorDefinition<object>[] = [
  credentialStuffing as unknown as DetectorDefinition<object>,
  bruteForce as unknown as DetectorDefinition<object>,
  enumeration as unknown as DetectorDefinition<object>,
  scraping as unknown as DetectorDefinition<object>,
  bot as unknown as DetectorDefinition<object>,
  businessLogic as unknown as DetectorDefinition<object>,
];

export { bot, bruteForce, businessLogic, credentialStuffing, enumeration, scraping };
export { BOT_SIGNALS, requestSignals, type BotConfig, type BotSignal } from './bot.js';
export type { BruteForceConfig } from './brute-force.js';
export type { BusinessLogicConfig } from './business-logic.js';
export type { CredentialStuffingConfig } from './credential-stuffing.js';
export type { EnumerationConfig } from './enumeration.js';
export type { ScrapingConfig } from './scraping.js';
export { ENDPOINT_ROLES, ROLE_BIT, ROLE_RULES, RoleBook, failureStatuses, hasRole, inferRoles, roleNames, rolesOfEndpoint, templateWords, type EndpointRole, type RoleOverride, type RoleRule } from './endpoint-roles.js';
export { EndpointTemplater, describeTemplate, isAssetPath, type EndpointResolver, type TemplateEntry } from './endpoint-template.js';
export { LruMap } from './lru-map.js';
export { accountRef, loginAccount, maskAccount, ACCOUNT_FIELDS } from './login-account.js';
export { responseIds } from './response-ids.js';
export { ExpiringMap, decayed } from './expiring-map.js';
export { WindowedSet } from './windowed-set.js';
export { checkConfig } from './check-config.js';
export type * from './types.js';
export { pushBounded } from './types.js';
