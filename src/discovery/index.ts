/**
 * Discovery: the API attack surface seen from outside (`rampart discover`). See docs/discovery.md.
 */
export { discover, defaultScope, assembleHost, type DiscoverOptions, type DiscoverEdges, type DiscoveryEvent } from './discover.js';
export { parseTarget, expandTargets, parseWordlist, DEFAULT_ORIGINS, type Target, type Origin, type Candidate } from './targets.js';
export { createScope, parseScope, normaliseHostName, type Scope } from './scope.js';
export { parseConnectTo, applyConnectTo, type ConnectTo } from './connect-to.js';
export { createResolver, parseResolverAddress, type HostResolver } from './resolver.js';
export { createHttpClient, type ScopedHttpClient, type HttpClientOptions } from './http-client.js';
export { createSpecParser, looksLikeSpec } from './spec-document.js';
export { extractApiCalls, type JsApiCall, type JsExtraction } from './js-extract.js';
export { feedInventory, type FeedResult } from './feed-inventory.js';
export { toDiscoveryJson, formatDiscoveryTable, DISCOVERY_FORMAT_VERSION } from './report-format.js';
export { FINDING_KINDS } from './findings.js';
export { PROBES } from './probes/index.js';
export { discoveryUserAgent } from './user-agent.js';
export type * from './types.js';
