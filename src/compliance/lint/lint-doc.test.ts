import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderLintDoc } from '../../../scripts/lint-rules-doc.js';

describe('docs/lint.md', () => {
  it('has the rules tables generated from the rules (run `npx tsx scripts/lint-rules-doc.ts` after changing a rule)', () => {
    const doc = readFileSync(new URL('../../../docs/lint.md', import.meta.url), 'utf8');
    expect(doc).toBe(renderLintDoc(doc));
  });
});
