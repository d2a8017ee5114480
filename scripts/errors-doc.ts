/**
 * Writes docs/errors.md from the error catalogue in src/core/errors.ts (run: `npx tsx scripts/errors-doc.ts`).
 * A test fails when the two drift apart.
 */
import { writeFileSync } from 'node:fs';
import { ERROR_CATALOGUE } from '../src/core/errors.js';

export function renderErrorsDoc(): string {
  const rows = Object.entries(ERROR_CATALOGUE).map(([code, e]) => `| \`${code}\` | ${e.title} | ${e.fix} |`);
  return [
    '# Error codes',
    '',
    'Every error Rampart reports carries a stable code from this table (generated from `src/core/errors.ts` by',
    '`npx tsx scripts/errors-doc.ts`). Codes are never reused or renamed. Errors print as one line:',
    '`<location>: <what happened> [<code>] — <fix>`; usage and input errors exit with status 2.',
    '',
    '| code | meaning | fix |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../docs/errors.md', import.meta.url), renderErrorsDoc());
  console.log('docs/errors.md written');
}
