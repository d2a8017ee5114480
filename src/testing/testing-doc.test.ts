import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCoverageDoc, renderTestingDoc } from '../../scripts/testing-doc.js';

describe('docs/testing.md', () => {
  it('has the test catalogue generated from the built-in checks (run `npx tsx scripts/testing-doc.ts` after changing a check)', () => {
    const doc = readFileSync(new URL('../../docs/testing.md', import.meta.url), 'utf8');
    expect(doc).toBe(renderTestingDoc(doc));
  });
  it('docs/testing-coverage.md lists the demo shop\'s planted flaws (generated from planted-flaws.ts)', () => {
    const doc = readFileSync(new URL('../../docs/testing-coverage.md', import.meta.url), 'utf8');
    expect(doc).toBe(renderCoverageDoc(doc));
  });
});
