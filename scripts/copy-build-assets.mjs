// Copies the runtime data files that sit beside the sources (the demo shop's OpenAPI document) into dist/,
// which `tsc` does not do. Plain Node (no tsx): it runs from `npm run build`, also on installs without dev tools.
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ASSET = /\.(ya?ml)$/;
const copied = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'testdata') walk(p);
    } else if (ASSET.test(e.name)) {
      const to = join('dist', relative('src', p));
      mkdirSync(dirname(to), { recursive: true });
      cpSync(p, to);
      copied.push(to);
    }
  }
};
walk('src');
if (!copied.some((f) => f.endsWith('shop-openapi.yaml'))) {
  process.stderr.write('copy-build-assets: src/demo/shop/shop-openapi.yaml not found\n');
  process.exit(1);
}
