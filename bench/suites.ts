/**
 * Every benchmark (`npm run bench`) and evaluation (`npm run eval`) suite, listed explicitly.
 * One import and one list entry per line, so parallel additions merge cleanly.
 */
import { complySpeed } from './comply-speed.js';
import { detectSignaturesEval } from './detect-signatures.js';
import { detectSignaturesSpeed } from './detect-signatures-speed.js';
import { detectBehaviourSpeed } from './detect-behaviour-speed.js';
import { detectBehaviourEval } from './detect-behaviour.js';
import { discoveryJsAccuracySuite, discoveryJsExtractSuite } from './discovery-js.js';
import type { Suite } from './harness.js';
import { gatewayBench } from './gateway.js';
import { gatewayTapBench } from './gateway-tap.js';
import { gatewayVsModsecBench } from './gateway-vs-modsec.js';
import { ingestHar } from './ingest-har.js';
import { ingestLogs } from './ingest-logs.js';
import { inventoryLearnSuite } from './inventory-learn.js';
import { inventorySensitive } from './inventory-sensitive.js';
import { inventoryTemplatingSuite } from './inventory-templating.js';
import { lintEval } from './lint-eval.js';
import { specValidateSuite } from './spec-validate.js';
import { testingShopEval } from './testing-shop.js';

export const SUITES: readonly Suite[] = [
  discoveryJsExtractSuite,
  discoveryJsAccuracySuite,
  ingestHar,
  ingestLogs,
  inventorySensitive,
  inventoryTemplatingSuite,
  inventoryLearnSuite,
  lintEval,
  specValidateSuite,
  testingShopEval,
  detectSignaturesEval,
  detectSignaturesSpeed,
  gatewayBench,
  gatewayTapBench,
  gatewayVsModsecBench,
  detectBehaviourSpeed,
  detectBehaviourEval,
  complySpeed,
];
