/**
 * The embedded default store: one SQLite file through better-sqlite3 (WAL mode), schema versioned by
 * migrations. Every other store adapter passes the same contract suite (test/support/store-contract.ts).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { RampartError, type JsonValue } from '../../core/index.js';
import type { EndpointQuery, EndpointRecord, ImportRecord, SpecRecord, Store } from '../store.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export interface SqliteStoreOptions {
  /** Migrations to apply (tests pass a shorter or longer list to simulate older or newer databases). */
  readonly migrations?: readonly Migration[];
  readonly readonly?: boolean;
}

interface EndpointRow {
  view: string;
  state: string;
}

/** Opens (creating when absent) the Rampart database at `file` (`:memory:` for a throw-away store). */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store & { readonly db: Database.Database } {
  const migrations = options.migrations ?? MIGRATIONS;
  let db: Database.Database;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { readonly: options.readonly ?? false });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
  } catch (err) {
    throw storeError(err, file, 'cannot open database');
  }
  try {
    migrate(db, migrations, file);
  } catch (err) {
    db.close();
    if (err instanceof RampartError) throw err;
    throw storeError(err, file, 'cannot prepare database');
  }

  const stmt = {
    findImport: db.prepare('SELECT sha256, file, format, imported_at AS importedAt, exchanges, skipped FROM imports WHERE sha256 = ?'),
    recordImport: db.prepare(
      'INSERT OR REPLACE INTO imports (sha256, file, format, imported_at, exchanges, skipped) VALUES (@sha256, @file, @format, @importedAt, @exchanges, @skipped)',
    ),
    listImports: db.prepare('SELECT sha256, file, format, imported_at AS importedAt, exchanges, skipped FROM imports ORDER BY imported_at, file'),
    getEndpoint: db.prepare('SELECT view, state FROM endpoints WHERE key = ?'),
    putEndpoint: db.prepare(
      `INSERT OR REPLACE INTO endpoints (key, method, host, path, status, hits, first_seen, last_seen, view, state)
       VALUES (@key, @method, @host, @path, @status, @hits, @firstSeen, @lastSeen, @view, @state)`,
    ),
    deleteEndpoint: db.prepare('DELETE FROM endpoints WHERE key = ?'),
    putSpec: db.prepare('INSERT OR REPLACE INTO specs (id, file, added_at, description) VALUES (@id, @file, @addedAt, @description)'),
    listSpecs: db.prepare('SELECT id, file, added_at AS addedAt, description FROM specs ORDER BY added_at, file'),
  };

  const toRecord = (row: EndpointRow): EndpointRecord => ({ endpoint: JSON.parse(row.view), state: JSON.parse(row.state) as JsonValue });

  const store: Store & { db: Database.Database } = {
    db,
    findImport: (sha256) => stmt.findImport.get(sha256) as ImportRecord | undefined,
    recordImport: (record) => void stmt.recordImport.run(record),
    listImports: () => stmt.listImports.all() as ImportRecord[],
    getEndpoint: (key) => {
      const row = stmt.getEndpoint.get(key) as EndpointRow | undefined;
      return row ? toRecord(row) : undefined;
    },
    listEndpoints: (query: EndpointQuery = {}) => {
      const where: string[] = [];
      const params: Record<string, string> = {};
      if (query.status) {
        where.push('status = @status');
        params.status = query.status;
      }
      if (query.host) {
        where.push('host = @host');
        params.host = query.host.toLowerCase();
      }
      if (query.method) {
        where.push('method = @method');
        params.method = query.method.toUpperCase();
      }
      const sql = `SELECT view, state FROM endpoints ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY host, path, method`;
      return (db.prepare(sql).all(params) as EndpointRow[]).map(toRecord);
    },
    putEndpoints: (records) =>
      db.transaction(() => {
        for (const { endpoint: e, state } of records) {
          stmt.putEndpoint.run({
            key: e.key,
            method: e.method,
            host: e.host,
            path: e.path,
            status: e.status,
            hits: e.hits,
            firstSeen: e.firstSeen ?? null,
            lastSeen: e.lastSeen ?? null,
            view: JSON.stringify(e),
            state: JSON.stringify(state),
          });
        }
      })(),
    deleteEndpoints: (keys) =>
      db.transaction(() => {
        for (const k of keys) stmt.deleteEndpoint.run(k);
      })(),
    putSpec: (record) => void stmt.putSpec.run({ id: record.id, file: record.file, addedAt: record.addedAt, description: JSON.stringify(record.description) }),
    listSpecs: () =>
      (stmt.listSpecs.all() as Array<{ id: string; file: string; addedAt: number; description: string }>).map((r) => ({
        id: r.id,
        file: r.file,
        addedAt: r.addedAt,
        description: JSON.parse(r.description),
      })) as SpecRecord[],
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    close: () => {
      if (db.open) db.close();
    },
  };
  return store;
}

function storeError(err: unknown, file: string, what: string): RampartError {
  const msg = (err as Error).message;
  if (/not a database|malformed|file is encrypted/i.test(msg)) {
    return new RampartError('E_STORE_CORRUPT', `not a Rampart database (${msg})`, { location: file, cause: err });
  }
  return new RampartError('E_STORE_OPEN', `${what}: ${msg}`, { location: file, cause: err });
}

function migrate(db: Database.Database, migrations: readonly Migration[], file: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const applied = new Set((db.prepare('SELECT id FROM migrations').all() as Array<{ id: string }>).map((r) => r.id));
  const known = new Set(migrations.map((m) => m.id));
  const unknown = [...applied].filter((id) => !known.has(id));
  if (unknown.length) {
    throw new RampartError('E_STORE_VERSION', `the database has schema migrations this version does not know (${unknown.join(', ')})`, { location: file });
  }
  const record = db.prepare('INSERT INTO migrations (id, applied_at) VALUES (?, ?)');
  for (const m of migrations) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.id, Date.now());
    })();
  }
}
