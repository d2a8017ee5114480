/**
 * The store port: what the analysis pipeline needs to keep. `sqlite/` is the embedded default; later adapters
 * (PostgreSQL, Redis) implement the same interface and pass the same contract suite (`store-contract.ts`).
 * Depends only on `core`.
 */
import type { ActorView, ApiDescription, Detection, Endpoint, EndpointStatus, JsonValue, TimelineEntry } from '../core/index.js';

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

export interface DetectionQuery {
  readonly actor?: string;
  readonly class?: string;
  /** Only detections at or after this time (ms since epoch). */
  readonly since?: number;
  /** Most rows returned, newest first (default 1,000). */
  readonly limit?: number;
}

export interface ActorQuery {
  /** Only actors with a detection of this class. */
  readonly class?: string;
  /** Only actors seen at or after this time. */
  readonly since?: number;
  /** Most rows returned, highest peak risk first (default 1,000). */
  readonly limit?: number;
}

/** Bounds of the threat records, per actor: the oldest rows beyond are dropped. */
export interface ThreatLimits {
  readonly detectionsPerActor: number;
  readonly timelinePerActor: number;
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

  /**
   * Threat records. `putDetections` ignores ids already stored and appends one timeline entry per new detection;
   * both are capped per actor (`threatLimits`, oldest dropped). `putActors` inserts or replaces (merging a new
   * run into a stored actor is the caller's job: see `pipeline/save-threats.ts`).
   */
  readonly threatLimits: ThreatLimits;
  /** A random key made on first use and kept in the database: detection hashes credentials and accounts with it, so they match across runs. */
  secretKey(): string;
  putDetections(detections: readonly Detection[]): void;
  listDetections(query?: DetectionQuery): Detection[];
  putActors(actors: readonly ActorView[]): void;
  getActor(key: string): ActorView | undefined;
  listActors(query?: ActorQuery): ActorView[];
  /** Adds timeline entries (notes from the gateway, e.g. "blocked"), capped per actor. */
  addTimeline(actor: string, entries: readonly TimelineEntry[]): void;
  /** An actor's timeline, oldest first (at most `threatLimits.timelinePerActor`). */
  timeline(actor: string): TimelineEntry[];

  /** Runs `fn` in one transaction: all its writes land, or none. */
  transaction<T>(fn: () => T): T;
  close(): void;
}
