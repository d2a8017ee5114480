/** Actors: who sent an exchange (IP, subnet, credentials, client fingerprint) and the bounded table of their risk. */
export { ActorIdentifier, UNKNOWN_IP_KEY, actorKind, userAgentOf, type ActorIdentity } from './identify-actor.js';
export { ActorTable, RECENT, type ActorRecord, type ActorTableOptions, type ActorTableStats, type RequestRefLike } from './actor-table.js';
export { fingerprintHeaders, type ClientFingerprint } from './client-fingerprint.js';
export { classifyUserAgent, AUTOMATION_TOKENS, type UaFamily, type UserAgentInfo } from './user-agent.js';
export { normaliseIp, subnetOf } from './ip-subnet.js';
export { decayRisk, addRisk, MAX_RISK } from './risk.js';
export { SecretHasher, fnv1a, hex8 } from './hash.js';
