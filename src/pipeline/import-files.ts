/**
 * Batch import: traffic files and documentation (OpenAPI, Postman) -> the inventory learner -> the store.
 *
 * Each file is its own unit of work: it is hashed first (re-importing the same bytes is a no-op unless
 * forced), streamed through its source, learned on top of what the store already holds, and committed in one
 * transaction with its import record — so an interrupted run keeps every file completed before it, and a bad
 * entry or line inside a file is reported (with its location) and skipped without losing the rest.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { ApiDescription, ErrorCode, Notice, Skipped } from '../core/index.js';
import { RampartError } from '../core/index.js';
import { openSource, sniffFormat, type InputFormat } from '../ingest/index.js';
import { createInventoryLearner, type LearnStats } from '../inventory/index.js';
import { loadPostman, loadSpec } from '../spec/index.js';
import type { Store } from '../store/store.js';
import { hashFile } from './hash-file.js';

export interface ImportOptions {
  readonly store: Store;
  /** Specs (OpenAPI 2.0/3.x, or Postman collections) to compare traffic with; kept in the store for later imports. */
  readonly specFiles?: readonly string[];
  /** Import files again even when the same bytes were imported before (their traffic counts twice). */
  readonly force?: boolean;
  /** Read every traffic file as this format instead of detecting it. */
  readonly format?: InputFormat;
  /** Bytes kept per body (the sources' default otherwise). */
  readonly maxBodyBytes?: number;
  readonly now?: () => number;
  /** Called about every MiB read, for progress bars. */
  readonly onProgress?: (progress: { file: string; bytesRead: number; bytesTotal: number }) => void;
  /** Called for every skipped entry/line and notice (to show the first few to people). */
  readonly onSkipped?: (skipped: Skipped | Notice) => void;
  /** Called when a file starts (after hashing). */
  readonly onFile?: (file: string, format: InputFormat, bytesTotal: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * `failed`: the file could not be used (unreadable, unknown format, a broken spec, or not one entry could be
 * read); it is not recorded as imported, the other files go on, and `error` says why.
 */
export type FileOutcome = 'imported' | 'already-imported' | 'documentation' | 'failed';

export interface FileResult {
  readonly file: string;
  readonly format: InputFormat;
  readonly sha256: string;
  readonly outcome: FileOutcome;
  readonly exchanges: number;
  readonly skipped: number;
  readonly skippedByCode: Readonly<Partial<Record<ErrorCode, number>>>;
  /** Items that were used but deserve a note (e.g. invalid UTF-8 replaced). */
  readonly notices?: number;
  readonly noticesByCode?: Readonly<Partial<Record<ErrorCode, number>>>;
  /** For documentation files: operations it documents. */
  readonly operations?: number;
  /** For failed files: the error (code, one-line message with its location, fix). */
  readonly error?: { readonly code: ErrorCode; readonly message: string; readonly fix?: string };
}

export interface SpecResult {
  readonly file: string;
  readonly title: string;
  readonly version: string;
  readonly operations: number;
}

export interface ImportSummary {
  readonly files: readonly FileResult[];
  readonly specs: readonly SpecResult[];
  /** Learner statistics of the last commit (statuses and totals describe the whole inventory after the import). */
  readonly endpoints: LearnStats['endpoints'];
  readonly byStatus: LearnStats['byStatus'];
  readonly sensitiveTypes: LearnStats['sensitiveTypes'];
  /** Endpoints created and updated over all files. */
  readonly created: number;
  readonly updated: number;
  /** Exchanges learned / skipped as not API traffic (page loads, static assets). */
  readonly learned: number;
  readonly nonApi: number;
}

/** Imports `files` (traffic or documentation) into the store. Throws `RampartError` for unusable files/specs. */
export async function importFiles(files: readonly string[], options: ImportOptions): Promise<ImportSummary> {
  const { store } = options;
  const now = options.now ?? Date.now;

  const specs: SpecResult[] = [];
  for (const file of options.specFiles ?? []) {
    const description = await loadDescription(file);
    registerSpec(store, file, description, now());
    specs.push(specResult(file, description));
  }

  const results: FileResult[] = [];
  let last: LearnStats | undefined;
  // new/updated are counted against the store as it was before this import (files commit one by one, and an
  // endpoint created by the first file and extended by the second is one new endpoint, not one new + one updated)
  let before: ReadonlySet<string> | undefined; // taken from the first commit's read of the store
  const touched = new Set<string>();
  let learned = 0;
  let nonApi = 0;

  const commit = (run: (learner: ReturnType<typeof createInventoryLearner>) => Promise<void> | void, record?: (stats: LearnStats) => void) =>
    (async () => {
      const existing = store.listEndpoints();
      before ??= new Set(existing.map((r) => r.endpoint.key));
      const learner = createInventoryLearner({ existing, specs: store.listSpecs().map((s) => s.description), now });
      await run(learner);
      const result = learner.finish();
      store.transaction(() => {
        store.deleteEndpoints(result.deletes);
        store.putEndpoints(result.upserts);
        record?.(result.stats);
      });
      last = result.stats;
      for (const u of result.upserts) touched.add(u.endpoint.key);
      for (const k of result.deletes) touched.delete(k);
      learned += result.stats.exchanges - result.stats.skipped.nonApi - result.stats.skipped.overflow;
      nonApi += result.stats.skipped.nonApi;
    })();

  for (const file of files) {
    options.signal?.throwIfAborted();
    try {
      results.push(await importOne(file));
    } catch (e) {
      if (!(e instanceof RampartError) || options.signal?.aborted) throw e;
      results.push({ file, format: 'unknown', sha256: '', outcome: 'failed', exchanges: 0, skipped: 0, skippedByCode: {}, error: errorOf(e) });
    }
  }

  async function importOne(file: string): Promise<FileResult> {
    const format = options.format ?? (await sniffFormat(file));
    const sha256 = await hashFile(file);

    if (format === 'openapi' || format === 'postman') {
      const description = await loadDescription(file, format);
      registerSpec(store, file, description, now());
      specs.push(specResult(file, description));
      await commit(() => undefined);
      return { file, format, sha256, outcome: 'documentation', exchanges: 0, skipped: 0, skippedByCode: {}, operations: description.operations.length };
    }

    const previous = store.findImport(sha256);
    if (previous && !options.force) {
      return { file, format, sha256, outcome: 'already-imported', exchanges: previous.exchanges, skipped: previous.skipped, skippedByCode: {} };
    }

    const source = await openSource(file, { format: options.format, maxBodyBytes: options.maxBodyBytes, signal: options.signal });
    options.onFile?.(file, source.format, source.bytesTotal);
    let exchanges = 0;
    let skipped = 0;
    const skippedByCode: Partial<Record<ErrorCode, number>> = {};
    let notices = 0;
    const noticesByCode: Partial<Record<ErrorCode, number>> = {};
    await commit(
      async (learner) => {
        for await (const ev of source.events) {
          if (ev.kind === 'exchange') {
            exchanges++;
            learner.add(ev.exchange);
          } else if (ev.kind === 'skipped') {
            skipped++;
            skippedByCode[ev.code] = (skippedByCode[ev.code] ?? 0) + 1;
            options.onSkipped?.(ev);
          } else if (ev.kind === 'notice') {
            notices++;
            noticesByCode[ev.code] = (noticesByCode[ev.code] ?? 0) + 1;
            options.onSkipped?.(ev);
          } else {
            options.onProgress?.({ file, bytesRead: ev.bytesRead, bytesTotal: ev.bytesTotal ?? source.bytesTotal });
          }
        }
      },
      // a file of which not one entry could be read is not recorded: imported again (e.g. as another format) it is read anew
      () => (exchanges > 0 || skipped === 0 ? store.recordImport({ sha256, file, format: source.format, importedAt: now(), exchanges, skipped }) : undefined),
    );
    if (exchanges === 0 && skipped > 0) {
      const [code] = Object.entries(skippedByCode).sort((a, b) => b[1] - a[1])[0] as [ErrorCode, number];
      return {
        file,
        format: source.format,
        sha256,
        outcome: 'failed',
        exchanges,
        skipped,
        skippedByCode,
        notices,
        noticesByCode,
        error: {
          code,
          message: `${file}: not one of its ${skipped} entries could be read as ${source.format}`,
          fix: options.format ? 'check --input-format: without it the format is detected from the content' : 'check that this is a file of a supported format (docs/formats)',
        },
      };
    }
    return { file, format: source.format, sha256, outcome: 'imported', exchanges, skipped, skippedByCode, notices, noticesByCode };
  }

  if (!last) await commit(() => undefined); // only specs given: re-diff the stored inventory against them
  const stats = last as LearnStats | undefined;
  let created = 0;
  let updated = 0;
  for (const k of touched) {
    if (before?.has(k)) updated++;
    else created++;
  }
  return {
    files: results,
    specs,
    endpoints: stats?.endpoints ?? { new: 0, updated: 0, deleted: 0, total: store.listEndpoints().length },
    byStatus: stats?.byStatus ?? { documented: 0, shadow: 0, zombie: 0, orphan: 0 },
    sensitiveTypes: stats?.sensitiveTypes ?? {},
    created,
    updated,
    learned,
    nonApi,
  };
}

function errorOf(e: RampartError): NonNullable<FileResult['error']> {
  return { code: e.code, message: e.location ? `${e.location}: ${e.message}` : e.message, fix: e.fix };
}

/** Loads an OpenAPI document or a Postman collection as an ApiDescription. */
export async function loadDescription(file: string, format?: InputFormat): Promise<ApiDescription> {
  const kind = format ?? (await sniffFormat(file));
  if (kind === 'postman') return loadPostman(file);
  if (kind === 'openapi') return (await loadSpec(file)).description;
  // let the spec loader explain what is wrong with a file that is meant to be a spec
  if (kind === 'unknown') return (await loadSpec(file)).description;
  throw new RampartError('E_SPEC_INVALID', `this is traffic (${kind}), not a spec`, {
    location: file,
    fix: 'pass traffic files as arguments and OpenAPI documents or Postman collections with --spec',
  });
}

/**
 * Keeps a description in the store as a comparison target. Its id is the file's absolute path (or the URL it
 * came from), so registering a changed version of the same spec replaces the old one.
 */
export function registerSpec(store: Store, file: string, description: ApiDescription, addedAt: number): string {
  const where = /^[a-z][a-z0-9+.-]*:\/\//i.test(file) ? file : resolve(file);
  const id = createHash('sha256').update(where).digest('hex');
  store.putSpec({ id, file: where, addedAt, description });
  return id;
}

function specResult(file: string, d: ApiDescription): SpecResult {
  return { file, title: d.title, version: d.source.version, operations: d.operations.length };
}
