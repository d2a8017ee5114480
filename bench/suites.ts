/** Every benchmark (`npm run bench`) and evaluation (`npm run eval`) suite, listed explicitly. */
import { discoveryJsAccuracySuite, discoveryJsExtractSuite } from './discovery-js.js';
import type { Suite } from './harness.js';
import { specValidateSuite } from './spec-validate.js';

export const SUITES: readonly Suite[] = [specValidateSuite, discoveryJsExtractSuite, discoveryJsAccuracySuite];
