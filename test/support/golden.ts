/**
 * Golden files pin what users read. `expectGolden('inventory/list.txt', text)` compares with
 * test/golden/inventory/list.txt; run with UPDATE_GOLDEN=1 to (re)write the file deliberately.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { projectRoot } from './shared-corpora.js';

export function expectGolden(name: string, actual: string): void {
  const file = join(projectRoot, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || (!existsSync(file) && process.env.CI !== 'true')) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file test/golden/${name} is missing (run UPDATE_GOLDEN=1 npm test and commit it)`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
