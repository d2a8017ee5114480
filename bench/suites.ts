/**
 * Every benchmark (`npm run bench`) and evaluation (`npm run eval`) suite, listed explicitly.
 * One import and one list entry per line, so parallel additions merge cleanly.
 */
import { detectBehaviourSpeed } from './detect-behaviour-speed.js';
import { detectSignaturesEval } from './detect-signatures.js';
import type { Suite } from './harness.js';
import { discoveryJsAccuracySuite, discoveryJsExtractSuite } from './discovery-js.js';
import { ingestHar } from './ingest-har.js';
import { ingestLogs } from './ingest-logs.js';
import { inventorySensitive } from './inventory-sensitive.js';
import { inventoryTemplatingSuite } from './inventory-templating.js';
import { specValidateSuite } from './spec-validate.js';

export const SUITES: readonly Suite[] = [
  discoveryJsExtractSuite,
  discoveryJsAccuracySuite,
  ingestHar,
  ingestLogs,
  inventorySensitive,
  inventoryTemplatingSuite,
  specValidateSuite,
  detectSignaturesEval,
  detectBehaviourSpeed,
];
