/**
 * The testing pillar (`rampart test`): security tests for CI against a running API, from its spec and, optionally,
 * the stored inventory. Everything other modules (the CLI, the server) use is exported here.
 */
export { runTests, type RunEvent, type TestRunOptions } from './run-tests.js';
export { BUILTIN_CHECKS } from './checks/index.js';
export type { Check, CheckContext, CheckInfo, Judgement, Probe, ProbeResults, ProbeStep, RunTuning } from './check.js';
export { parseAuthFile, parseDuration } from './auth-file.js';
export { identitiesFromFlags, mergeIdentities, parseIdentityFlag, type IdentityConfig, type IdentityRole } from './identity.js';
export { parseUserTests, globMatch } from './user-tests.js';
export { operationsFromInventory, type InventoryOperations, type InventoryOptions } from './operations-from-inventory.js';
export { basePathFor } from './plan.js';
export { parseRate } from './throttle.js';
export { REPORT_FORMATS, failsGate, renderTestReport, renderTestText, renderTestHtml, toReportInput, type ReportFormat, type RenderOptions } from './report-formats.js';
export { sortFindings, countBySeverity, type CheckOutcome, type CheckStatus, type TestFinding, type TestReport } from './test-report.js';
export type { EvidencePair, EvidenceRequest, EvidenceResponse } from './evidence.js';
