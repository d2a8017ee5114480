/** Every benchmark (`npm run bench`) and evaluation (`npm run eval`) suite, listed explicitly. */
import type { Suite } from './harness.js';

export const SUITES: readonly Suite[] = [];
