import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeStoreContract, endpointFixture } from '../../../test/support/store-contract.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './sqlite-store.js';

describeStoreContract('sqlite (:memory:)', () => openSqliteStore(':memory:'));
describeStoreContract('sqlite (:memory:, small threat caps)', () => openSqliteStore(':memory:', { threatLimits: { detectionsPerActor: 20, timelinePerActor: 10 } }));

describe('sqlite store on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('persists across opens and creates missing directories', () => {
    const file = join(dir, 'nested', 'r.db');
    const a = openSqliteStore(file);
    a.putEndpoints([{ endpoint: endpointFixture(), state: { x: 1 } }]);
    a.close();
    const b = openSqliteStore(file);
    expect(b.listEndpoints()).toHaveLength(1);
    b.close();
  });

  it('applies only new migrations, once', () => {
    const file = join(dir, 'm.db');
    openSqliteStore(file, { migrations: MIGRATIONS }).close();
    const extra = [...MIGRATIONS, { id: '999-extra', sql: 'CREATE TABLE extra (x INTEGER)' }];
    const s = openSqliteStore(file, { migrations: extra });
    expect((s.db.prepare('SELECT id FROM migrations ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id)).toEqual([
      '001-inventory',
      '002-threats',
      '999-extra',
    ]);
    s.close();
    openSqliteStore(file, { migrations: extra }).close();
  });

  it('refuses a database from a newer version with E_STORE_VERSION', () => {
    const file = join(dir, 'newer.db');
    openSqliteStore(file, { migrations: [...MIGRATIONS, { id: '999-future', sql: 'CREATE TABLE f (x)' }] }).close();
    expect(() => openSqliteStore(file)).toThrow(expect.objectContaining({ code: 'E_STORE_VERSION' }));
  });

  it('refuses a file that is not a database with E_STORE_CORRUPT', () => {
    const file = join(dir, 'garbage.db');
    writeFileSync(file, Buffer.alloc(4096, 0x41));
    expect(() => openSqliteStore(file)).toThrow(expect.objectContaining({ code: 'E_STORE_CORRUPT' }));
  });

  it('reports a path it cannot create with E_STORE_OPEN', () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'x');
    expect(() => openSqliteStore(join(blocker, 'sub', 'r.db'))).toThrow(expect.objectContaining({ code: 'E_STORE_OPEN' }));
  });
});
