/**
 * Regression guard on the shared corpora (skipped when they are absent): the CRS regression attacks whose rule
 * is paranoia 1 stay caught with their class at the default paranoia (macro average over classes), and real
 * browser User-Agents stay clean. The full evaluation with every table is `npm run eval -- detect-signatures`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCrsCases } from '../bench/support/crs-cases.js';
import { createSignatureEngine } from '../src/detect/signatures/index.js';
import { corpus, skipMessage } from './support/shared-corpora.js';

const crs = corpus('crs-regression', 'cases.jsonl');
const uas = corpus('crs-regression', 'user-agents', 'popular-browser-user-agents.txt');

describe.skipIf(!crs)('signature engine on the CRS regression cases', () => {
  it('flags >= 95% of the paranoia-1 attacks with their class (macro average), and each class >= 80%', () => {
    const engine = createSignatureEngine();
    const by = new Map<string, { n: number; hit: number }>();
    for (const c of loadCrsCases(crs as string)) {
      if (c.label === 'benign' || c.paranoia > 1 || !c.cls) continue;
      const r = engine.inspect(c.exchange);
      const s = by.get(c.cls) ?? { n: 0, hit: 0 };
      s.n++;
      if (r.attack && r.classes.includes(c.cls)) s.hit++;
      by.set(c.cls, s);
    }
    const rates = [...by].map(([cls, s]) => [cls, s.hit / s.n] as const);
    const macro = rates.reduce((a, [, r]) => a + r, 0) / rates.length;
    expect(macro).toBeGreaterThanOrEqual(0.95);
    for (const [cls, r] of rates) expect(r, cls).toBeGreaterThanOrEqual(0.8);
  });
});

describe.skipIf(!uas)('signature engine on real browser User-Agents', () => {
  it('flags none of them at paranoia 1', () => {
    const engine = createSignatureEngine();
    const flagged = readFileSync(uas as string, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .filter((ua) => engine.inspect({ time: 0, client: {}, source: { kind: 'test' }, request: { method: 'GET', scheme: 'https', host: 'h', target: '/', headers: [['user-agent', ua]] } }).attack);
    expect(flagged).toEqual([]);
  });
});

if (!crs) console.log(skipMessage('the CRS regression corpus test'));
