/**
 * Writes samples/shop.har, the sample traffic of the README quick start — the demo shop and the traffic
 * generator, seeded, on the virtual clock (src/demo/sample-har.ts) — and samples/shop-openapi.yaml, a copy of
 * the shop's spec to compare it with. test/sample-har.test.ts checks both are current.
 * Run: npx tsx scripts/make-sample-har.ts
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { SHOP_SPEC_FILE } from '../src/demo/shop/create-shop.js';
import { recordSampleHar } from '../src/demo/sample-har.js';

const { text, exchanges } = await recordSampleHar();
mkdirSync('samples', { recursive: true });
writeFileSync('samples/shop.har', text);
copyFileSync(SHOP_SPEC_FILE, 'samples/shop-openapi.yaml');
console.log(`samples/shop.har: ${exchanges} exchanges, ${Math.round(Buffer.byteLength(text) / 1024)} KiB; samples/shop-openapi.yaml: the shop's spec`);
