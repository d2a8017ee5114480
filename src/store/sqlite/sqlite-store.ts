/**
 * The embedded default store: one SQLite file through better-sqlite3 (WAL mode), schema versioned by
 * migrations. Every other store adapter passes the same contract suite (test/support/store-contract.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { RampartError, type ActorView, type Detection, type JsonValue, type TimelineEntry } from '../../core/index.js';
import type { ActorQuery, DetectionQuery, EndpointQuery, EndpointRecord, ImportRecord, SpecRecord, Store, ThreatLimits } from '../store.js';
import { MIGRATIONS, type Migration } from './migrations.js';

export interface SqliteStoreOptions {
  /** Migrations to apply (tests pass a shorter or longer list to simulate older or newer databases). */
  readonly migrations?: readonly Migration[];
  readonly readonly?: boolean;
  /** Threat rows kept per actor (default 1,000 detections and 500 timeline entries). */
  readonly threatLimits?: Partial<ThreatLimits>;
}

interface TimelineRow {
  time: number;
  kind: 'detection' | 'note';
  class: string;
  rule: string;
  detection: string | null;
  message: string;
  score: number;
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
    putDetection: db.prepare(
      `INSERT OR IGNORE INTO detections (id, actor, time, class, rule, detector, severity, endpoint, campaign, view)
       VALUES (@id, @actor, @time, @class, @rule, @detector, @severity, @endpoint, @campaign, @view)`,
    ),
    capDetections: db.prepare(
      'DELETE FROM detections WHERE actor = @actor AND id NOT IN (SELECT id FROM detections WHERE actor = @actor ORDER BY time DESC, id DESC LIMIT @limit)',
    ),
    addTimeline: db.prepare(
      'INSERT INTO timeline (actor, time, kind, class, rule, detection, message, score) VALUES (@actor, @time, @kind, @class, @rule, @detection, @message, @score)',
    ),
    capTimeline: db.prepare(
      'DELETE FROM timeline WHERE actor = @actor AND rowid NOT IN (SELECT rowid FROM timeline WHERE actor = @actor ORDER BY time DESC, rowid DESC LIMIT @limit)',
    ),
    countTimeline: db.prepare('SELECT COUNT(*) AS n FROM timeline WHERE actor = ?'),
    countDetections: db.prepare('SELECT COUNT(*) AS n FROM detections WHERE actor = ?'),
    timeline: db.prepare('SELECT time, kind, class, rule, detection, message, score FROM timeline WHERE actor = ? ORDER BY time, rowid'),
    putActor: db.prepare(
      `INSERT OR REPLACE INTO actors (key, kind, first_seen, last_seen, risk, peak_risk, view)
       VALUES (@key, @kind, @firstSeen, @lastSeen, @risk, @peakRisk, @view)`,
    ),
    getActor: db.prepare('SELECT view FROM actors WHERE key = ?'),
    getSecret: db.prepare('SELECT value FROM secrets WHERE name = ?'),
    putSecret: db.prepare('INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)'),
  };
  const limits: ThreatLimits = {
    detectionsPerActor: options.threatLimits?.detectionsPerActor ?? 1_000,
    timelinePerActor: options.threatLimits?.timelinePerActor ?? 500,
  };
  /** Drops the oldest rows of an actor beyond the caps (only when over: the count is cheaper than the delete). */
  const cap = (actor: string): void => {
    if ((stmt.countDetections.get(actor) as { n: number }).n > limits.detectionsPerActor) stmt.capDetections.run({ actor, limit: limits.detectionsPerActor });
    if ((stmt.countTimeline.get(actor) as { n: number }).n > limits.timelinePerActor) stmt.capTimeline.run({ actor, limit: limits.timelinePerActor });
  };
  const clampLimit = (n: number | undefined): number => Math.max(1, Math.min(100_000, Math.floor(n ?? 1_000)));

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
    threatLimits: limits,
    secretKey: () => {
      const row = stmt.getSecret.get('detection') as { value: string } | undefined;
      if (row) return row.value;
      stmt.putSecret.run('detection', randomBytes(32).toString('hex'));
      return (stmt.getSecret.get('detection') as { value: string }).value;
    },
    putDetections: (detections: readonly Detection[]) =>
      db.transaction(() => {
        const touched = new Set<string>();
        for (const d of detections) {
          const r = stmt.putDetection.run({
            id: d.id,
            actor: d.actor,
            time: d.time,
            class: d.class,
            rule: d.rule,
            detector: d.detector,
            severity: d.severity,
            endpoint: d.endpoint ?? null,
            campaign: d.campaign ?? null,
            view: JSON.stringify(d),
          });
          if (r.changes === 0) continue;
          stmt.addTimeline.run({ actor: d.actor, time: d.time, kind: 'detection', class: d.class, rule: d.rule, detection: d.id, message: d.message, score: d.score });
          touched.add(d.actor);
        }
        for (const a of touched) cap(a);
      })(),
    listDetections: (query: DetectionQuery = {}) => {
      const where: string[] = [];
      const params: Record<string, string | number> = { limit: clampLimit(query.limit) };
      if (query.actor !== undefined) {
        where.push('actor = @actor');
        params.actor = query.actor;
      }
      if (query.class !== undefined) {
        where.push('class = @class');
        params.class = query.class;
      }
      if (query.since !== undefined) {
        where.push('time >= @since');
        params.since = query.since;
      }
      const sql = `SELECT view FROM detections ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY time DESC, id LIMIT @limit`;
      return (db.prepare(sql).all(params) as Array<{ view: string }>).map((r) => JSON.parse(r.view) as Detection);
    },
    putActors: (actors: readonly ActorView[]) =>
      db.transaction(() => {
        for (const a of actors) {
          stmt.putActor.run({ key: a.key, kind: a.kind, firstSeen: a.firstSeen, lastSeen: a.lastSeen, risk: a.risk, peakRisk: a.peakRisk, view: JSON.stringify(a) });
        }
      })(),
    getActor: (key: string) => {
      const row = stmt.getActor.get(key) as { view: string } | undefined;
      return row ? (JSON.parse(row.view) as ActorView) : undefined;
    },
    listActors: (query: ActorQuery = {}) => {
      const where: string[] = [];
      const params: Record<string, string | number> = { limit: clampLimit(query.limit) };
      if (query.class !== undefined) {
        where.push('key IN (SELECT actor FROM detections WHERE class = @class)');
        params.class = query.class;
      }
      if (query.since !== undefined) {
        where.push('last_seen >= @since');
        params.since = query.since;
      }
      const sql = `SELECT view FROM actors ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY peak_risk DESC, last_seen DESC, key LIMIT @limit`;
      return (db.prepare(sql).all(params) as Array<{ view: string }>).map((r) => JSON.parse(r.view) as ActorView);
    },
    addTimeline: (actor: string, entries: readonly TimelineEntry[]) =>
      db.transaction(() => {
        for (const e of entries) {
          stmt.addTimeline.run({ actor, time: e.time, kind: e.kind, class: e.class, rule: e.rule, detection: e.detection ?? null, message: e.message, score: e.score });
        }
        cap(actor);
      })(),
    timeline: (actor: string) =>
      (stmt.timeline.all(actor) as TimelineRow[]).map((r) => ({
        time: r.time,
        kind: r.kind,
        class: r.class,
        rule: r.rule,
        ...(r.detection === null ? {} : { detection: r.detection }),
        message: r.message,
        score: r.score,
      })),
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
