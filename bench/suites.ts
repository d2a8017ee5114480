/** Every benchmark (`npm run bench`) and evaluation (`npm run eval`) suite, listed explicitly. */
import { discoveryJsAccuracySuite, discoveryJsExtractSuite } from './discovery-js.js';
import type { Suite } from './harness.js';
import { inventorySensitive } from './inventory-sensitive.js';
import { lintEval } from './lint-eval.js';
import { testingShopEval } from './testing-shop.js';

export const SUITES: readonly Suite[] = [discoveryJsExtractSuite, discoveryJsAccuracySuite, inventorySensitive, lintEval, testingShopEval];
