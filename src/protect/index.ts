/**
 * The gateway (`rampart protect`): phases and filters, the policy compiler, the proxy and its runtime.
 * See docs/gateway/ for the lifecycle, the configuration reference and the metrics.
 */
export { PHASES, MODES, isStop, type PhaseName, type Mode, type Filter, type FilterVerdict, type RewriteVerdict, type ChainLink, type LoggedConsumer } from './phases/phase.js';
export { runChain, FILTER_ERROR_RULE, type ChainResult } from './phases/run-chain.js';
export { Transaction, type Flag, type Outcome } from './transaction.js';
export { compilePolicy, type Policy, type PolicyInput, type PolicyMaterials } from './policy/compile-policy.js';
export type { CompiledRoute } from './policy/compiled-route.js';
export { DEFAULT_CONFIG, DEFAULT_LEAK_TYPES, DEFAULT_WEBHOOK, ALERT_EVENTS, type GatewayConfig, type RateLimitRule, type RateLimitKey, type Rate, type JwtConfig, type TapConfig, type CountermeasuresConfig, type CountermeasureAction, type DecoysConfig, type AlertsConfig, type AlertEvent, type WebhookConfig } from './config/gateway-config.js';
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
export { createTap, DEFAULT_TAP, type Tap, type TapOptions, type TapStats } from './tap/create-tap.js';
export { exchangeOf } from './tap/exchange-of.js';
export { createDeceptionState, type DeceptionState } from './deception/deception-state.js';
export { ActorMarks, type ActorMark } from './deception/actor-marks.js';
export { fakeResponse, type FakeResponse } from './deception/fake-response.js';
export { createCountermeasuresFilter, DECEPTION_RULES, type CountermeasuresOptions } from './filters/countermeasures/countermeasures.js';
export { createAlerts, type Alerts, type AlertsOptions } from './alerts/create-alerts.js';
export { alertsOfTransaction, alertOfDetection, alertOfMark, type Alert } from './alerts/alert.js';
export { slackPayload } from './alerts/format-slack.js';
export { createWebhookSender, type WebhookSender, type WebhookSenderOptions } from './alerts/webhook-sender.js';
