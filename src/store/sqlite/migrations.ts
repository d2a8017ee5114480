/**
 * The SQLite schema, as an ordered list of migrations. Each migration has a stable id and runs once, in order,
 * inside a transaction; applied ids are recorded in `migrations`. Never edit an applied migration: add one.
 * Modules that keep their own tables (threats, discovery, …) add their migrations here, in order.
 */

export interface Migration {
  /** Stable id, `NNN-what`, sorted by NNN. */
  readonly id: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '001-inventory',
    sql: `
      CREATE TABLE imports (
        sha256      TEXT PRIMARY KEY,
        file        TEXT NOT NULL,
        format      TEXT NOT NULL,
        imported_at INTEGER NOT NULL,
        exchanges   INTEGER NOT NULL,
        skipped     INTEGER NOT NULL
      );
      CREATE TABLE endpoints (
        key         TEXT PRIMARY KEY,
        method      TEXT NOT NULL,
        host        TEXT NOT NULL,
        path        TEXT NOT NULL,
        status      TEXT NOT NULL,
        hits        INTEGER NOT NULL,
        first_seen  INTEGER,
        last_seen   INTEGER,
        view        TEXT NOT NULL,   -- the Endpoint (JSON)
        state       TEXT NOT NULL    -- the inventory learner's state (JSON)
      );
      CREATE INDEX endpoints_host ON endpoints (host, path, method);
      CREATE INDEX endpoints_status ON endpoints (status);
      CREATE TABLE specs (
        id          TEXT PRIMARY KEY,
        file        TEXT NOT NULL,
        added_at    INTEGER NOT NULL,
        description TEXT NOT NULL    -- the ApiDescription (JSON)
      );
    `,
  },
  {
    id: '002-threats',
    sql: `
      CREATE TABLE detections (
        id          TEXT PRIMARY KEY,
        actor       TEXT NOT NULL,
        time        INTEGER NOT NULL,
        class       TEXT NOT NULL,
        rule        TEXT NOT NULL,
        detector    TEXT NOT NULL,
        severity    TEXT NOT NULL,
        endpoint    TEXT,
        campaign    TEXT,
        view        TEXT NOT NULL    -- the Detection (JSON; evidence already redacted)
      );
      CREATE INDEX detections_actor ON detections (actor, time);
      CREATE INDEX detections_class ON detections (class, time);
      CREATE INDEX detections_time ON detections (time);
      CREATE TABLE actors (
        key         TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        first_seen  INTEGER NOT NULL,
        last_seen   INTEGER NOT NULL,
        risk        REAL NOT NULL,
        peak_risk   REAL NOT NULL,
        view        TEXT NOT NULL    -- the ActorView (JSON)
      );
      CREATE INDEX actors_last_seen ON actors (last_seen);
      CREATE TABLE timeline (
        actor       TEXT NOT NULL,
        time        INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        class       TEXT NOT NULL,
        rule        TEXT NOT NULL,
        detection   TEXT,
        message     TEXT NOT NULL,
        score       REAL NOT NULL
      );
      CREATE INDEX timeline_actor ON timeline (actor, time);
      CREATE TABLE secrets (
        name        TEXT PRIMARY KEY,
        value       TEXT NOT NULL
      );
    `,
  },
];
