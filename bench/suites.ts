/** Every benchmark (`npm run bench`) and evaluation (`npm run eval`) suite, listed explicitly. */
import { detectSignaturesEval } from './detect-signatures.js';
import { discoveryJsAccuracySuite, discoveryJsExtractSuite } from './discovery-js.js';
import { gatewayBench } from './gateway.js';
import { gatewayVsModsecBench } from './gateway-vs-modsec.js';
import type { Suite } from './harness.js';

export const SUITES: readonly Suite[] = [discoveryJsExtractSuite, discoveryJsAccuracySuite, detectSignaturesEval, gatewayBench, gatewayVsModsecBench];
