/**
 * The store port: what the analysis pipeline needs to keep. `sqlite/` is the embedded default; later adapters
 * (PostgreSQL, Redis) implement the same interface and pass the same contract suite (`store-contract.ts`).
 * Depends only on `core`.
 */
import type { ApiDescription, Endpoint, EndpointStatus, JsonValue } from '../core/index.js';

/** A file already imported, recorded so re-importing the same bytes does not double-count. */
export interface ImportRecord {
  /** sha256 of the file's bytes, hex. */
  readonly sha256: string;
  readonly file: string;
  readonly format: string;
  readonly importedAt: number;
  readonly exchanges: number;
  readonly skipped: number;
}

/** An endpoint as stored: the view people read, plus the learner's opaque state to merge later imports into. */
export interface EndpointRecord {
  readonly endpoint: Endpoint;
  /** The inventory learner's accumulated state (JSON), owned by `inventory/`. */
  readonly state: JsonValue;
}

export interface EndpointQuery {
  readonly status?: EndpointStatus;
  readonly host?: string;
  readonly method?: string;
}

/** A spec registered as a comparison target for the inventory (shadow/zombie/orphan analysis). */
export interface SpecRecord {
  /** sha256 of the spec's normalised description. */
  readonly id: string;
  readonly file: string;
  readonly addedAt: number;
  readonly description: ApiDescription;
}

export interface Store {
  /** The import of a file with these bytes, if there was one. */
  findImport(sha256: string): ImportRecord | undefined;
  recordImport(record: ImportRecord): void;
  listImports(): ImportRecord[];

  getEndpoint(key: string): EndpointRecord | undefined;
  listEndpoints(query?: EndpointQuery): EndpointRecord[];
  /** Inserts or replaces endpoints (all in one transaction). */
  putEndpoints(records: readonly EndpointRecord[]): void;
  deleteEndpoints(keys: readonly string[]): void;

  putSpec(record: SpecRecord): void;
  listSpecs(): SpecRecord[];

  /** Runs `fn` in one transaction: all its writes land, or none. */
  transaction<T>(fn: () => T): T;
  close(): void;
}
