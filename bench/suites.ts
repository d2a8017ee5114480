/** Every benchmark (`npm run bench`) and evaluation (`npm run eval`) suite, listed explicitly. */
import { detectSignaturesEval } from './detect-signatures.js';
import { detectSignaturesSpeed } from './detect-signatures-speed.js';
import { discoveryJsAccuracySuite, discoveryJsExtractSuite } from './discovery-js.js';
import type { Suite } from './harness.js';
import { ingestHar } from './ingest-har.js';
import { ingestLogs } from './ingest-logs.js';
import { inventorySensitive } from './inventory-sensitive.js';

export const SUITES: readonly Suite[] = [discoveryJsExtractSuite, discoveryJsAccuracySuite, inventorySensitive, ingestHar, ingestLogs, detectSignaturesEval, detectSignaturesSpeed];
