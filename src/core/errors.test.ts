import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderErrorsDoc } from '../../scripts/errors-doc.js';
import { ERROR_CATALOGUE, RampartError, formatError } from './errors.js';

describe('error catalogue', () => {
  it('docs/errors.md is generated from the catalogue (run `npx tsx scripts/errors-doc.ts` after adding a code)', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    expect(doc).toBe(renderErrorsDoc());
  });

  it('codes are upper-case E_ names', () => {
    for (const code of Object.keys(ERROR_CATALOGUE)) expect(code).toMatch(/^E_[A-Z0-9_]+$/);
  });

  it('formats one line with location, code and fix', () => {
    const err = new RampartError('E_HAR_INVALID', 'missing "log" object', { location: 'x.har' });
    expect(formatError(err)).toBe(`x.har: missing "log" object [E_HAR_INVALID] — ${ERROR_CATALOGUE.E_HAR_INVALID.fix}`);
    expect(formatError(new Error('boom'))).toMatch(/^boom \[E_INTERNAL\]/);
  });
});
