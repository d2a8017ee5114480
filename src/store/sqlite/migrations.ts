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
];
