/** Every benchmark (`npm run bench`) and evaluation (`npm run eval`) suite, listed explicitly. */
import type { Suite } from './harness.js';
import { inventorySensitive } from './inventory-sensitive.js';

export const SUITES: readonly Suite[] = [inventorySensitive];
