/** Every benchmark (`npm run bench`) and evaluation (`npm run eval`) suite, listed explicitly. */
import { detectSignaturesEval } from './detect-signatures.js';
import type { Suite } from './harness.js';

export const SUITES: readonly Suite[] = [detectSignaturesEval];
