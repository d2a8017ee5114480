/** Every benchmark (`npm run bench`) and evaluation (`npm run eval`) suite, listed explicitly. */
import { detectSignaturesEval } from './detect-signatures.js';
import { detectSignaturesSpeed } from './detect-signatures-speed.js';
import type { Suite } from './harness.js';
import { ingestHar } from './ingest-har.js';
import { ingestLogs } from './ingest-logs.js';

export const SUITES: readonly Suite[] = [ingestHar, ingestLogs, detectSignaturesEval, detectSignaturesSpeed];
