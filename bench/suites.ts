/** Every benchmark (`npm run bench`) and evaluation (`npm run eval`) suite, listed explicitly. */
import type { Suite } from './harness.js';
import { inventoryTemplatingSuite } from './inventory-templating.js';

export const SUITES: readonly Suite[] = [inventoryTemplatingSuite];
