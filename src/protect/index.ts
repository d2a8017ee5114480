/**
 * The gateway (`rampart protect`): phases and filters, the policy compiler, the proxy and its runtime.
 * See docs/gateway/ for the lifecycle, the configuration reference and the metrics.
 */
export { PHASES, MODES, isStop, type PhaseName, type Mode, type Filter, type FilterVerdict, type RewriteVerdict, type ChainLink, type LoggedConsumer } from './phases/phase.js';
export { runChain, FILTER_ERROR_RULE, type ChainResult } from './phases/run-chain.js';
export { Transaction, type Flag, type Outcome } from './transaction.js';
export { compilePolicy, type Policy, type PolicyInput, type PolicyMaterials } from './policy/compile-policy.js';
export type { CompiledRoute } from './policy/compiled-route.js';
export { DEFAULT_CONFIG, DEFAULT_LEAK_TYPES, type GatewayConfig, type RateLimitRule, type RateLimitKey, type Rate, type JwtConfig } from './config/gateway-config.js';
export { parseGatewayConfig, validateGatewayConfig, configError, formatPath, type ConfigIssue } from './config/parse-config.js';
export { readGatewayConfig, readPolicyMaterials } from './config/read-config.js';
export { parseRate } from './config/parse-rate.js';
export { parseHostPort } from './config/host-port.js';
export { hashToken } from './filters/token-denylist/token-denylist.js';
export { createGatewayMetrics, type GatewayMetrics } from './observe/gateway-metrics.js';
export { createEventLog, eventOf, type EventLogger, type GatewayEvent } from './observe/event-log.js';
export { problemDetails, problemType, type ProblemDetails } from './http/problem.js';
export { createGatewayServer, parseUpstream, type GatewayServer, type GatewayServerOptions } from './proxy/gateway-server.js';
export { createAdminServer, type AdminServer } from './proxy/admin-server.js';
export { startGateway, applyOverrides, type ConfigOverrides, type GatewayRuntimeOptions, type RunningGateway, type RuntimeLogger } from './proxy/gateway.js';
