/** Every benchmark (`npm run bench`) and evaluation (`npm run eval`) suite, listed explicitly. */
import type { Suite } from './harness.js';
import { lintEval } from './lint-eval.js';

export const SUITES: readonly Suite[] = [lintEval];
