/**
 * The ingest edge: opens a traffic file (plain or gzip, told by its magic bytes), detects its format from its
 * content, and streams it through the format's decoder as `SourceEvent`s — exchanges, skipped items with
 * their location, and a progress event about every MiB read. Memory stays bounded whatever the file size.
 *
 * Problems with the file as a whole (missing, a directory, empty, unknown format, not a HAR) are thrown as
 * `RampartError`s by `openSource`; problems inside it are `Skipped` events and never stop the stream. A
 * corrupt or cut gzip stream ends with `E_GZIP_CORRUPT` after everything before the damage.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { RampartError, type SourceEvent } from '../core/index.js';
import { clip } from './clip.js';
import { createDecoder, isTrafficFormat, type TrafficFormat } from './create-decoder.js';
import { createDecodeContext, type DecodeContext } from './decode-context.js';
import { DETECT_HEAD_BYTES, detectFormat, gunzipHead, isGzip, type InputFormat } from './detect-format.js';
import type { EventDecoder } from './event-decoder.js';
import { createHarFramer, type HarFrame } from './har/har-framer.js';

export interface SourceOptions {
  /** Skip detection and read the file as this format. */
  readonly format?: InputFormat;
  /** Bytes of each body kept (default 256 KiB); longer bodies are cut and marked `truncated`. */
  readonly maxBodyBytes?: number;
  /** Longest access-log line / raw HTTP header block (default 64 KiB); longer ones are skipped unread. */
  readonly maxLineBytes?: number;
  /** Largest HAR entry or JSON line (default 64 MiB); larger ones are skipped unread. */
  readonly maxEntryBytes?: number;
  /** Stops the reading: the events iterator throws the signal's reason (an `AbortError`). */
  readonly signal?: AbortSignal;
}

export interface OpenedSource {
  /** The path as given. */
  readonly file: string;
  readonly format: TrafficFormat;
  /** Size of the file on disk (compressed size for gzip). */
  readonly bytesTotal: number;
  readonly gzip: boolean;
  /** The file's events; each iteration reads the file from the start. */
  readonly events: AsyncIterable<SourceEvent>;
}

/** Emit a progress event after about this many bytes read from disk. */
const PROGRESS_STEP = 1024 * 1024;
const READ_CHUNK = 256 * 1024;

/**
 * Opens a traffic file for streaming. Throws `RampartError` `E_INPUT_NOT_FOUND`, `E_INPUT_UNREADABLE`,
 * `E_INPUT_EMPTY`, `E_FORMAT_UNKNOWN`, `E_GZIP_CORRUPT` (unreadable gzip header) or `E_HAR_INVALID` (not a HAR).
 *
 * @example
 * const src = await openSource('traffic.har.gz');
 * for await (const ev of src.events) if (ev.kind === 'exchange') learn(ev.exchange);
 */
export async function openSource(file: string, options: SourceOptions = {}): Promise<OpenedSource> {
  const st = await stat(file).catch((err: NodeJS.ErrnoException) => {
    throw err.code === 'ENOENT' || err.code === 'ENOTDIR'
      ? new RampartError('E_INPUT_NOT_FOUND', 'no such file', { location: file, cause: err })
      : new RampartError('E_INPUT_UNREADABLE', `cannot read the file (${err.code ?? err.message})`, { location: file, cause: err });
  });
  if (st.isDirectory()) throw new RampartError('E_INPUT_UNREADABLE', 'is a directory, not a file', { location: file, fix: 'pass a file inside the directory (e.g. a .har or .log file)' });
  if (!st.isFile()) throw new RampartError('E_INPUT_UNREADABLE', 'is not a regular file', { location: file });
  if (st.size === 0) throw new RampartError('E_INPUT_EMPTY', 'the file is empty (0 bytes)', { location: file });

  const head = await readHead(file, Math.min(st.size, DETECT_HEAD_BYTES));
  const gzip = isGzip(head);
  let content = head;
  if (gzip) {
    content = gunzipHead(head);
    if (content.length === 0) {
      if (st.size <= head.length && gunzipsToNothing(head)) throw new RampartError('E_INPUT_EMPTY', 'the gzip file holds no data', { location: file });
      throw new RampartError('E_GZIP_CORRUPT', 'the start of the gzip data cannot be decompressed', { location: file });
    }
  }
  if (isWhitespace(content) && !gzip && st.size <= head.length) throw new RampartError('E_INPUT_EMPTY', 'the file holds only whitespace', { location: file });

  const requested = options.format;
  const format = requested ?? detectFormat(head, file);
  if (!isTrafficFormat(format)) throw notTraffic(file, format, content, requested !== undefined);

  const ctx = createDecodeContext(file, options);
  if (format === 'har') probeHar(file, content, ctx, !gzip && st.size <= head.length);

  const bytesTotal = st.size;
  const signal = options.signal;
  return {
    file,
    format,
    bytesTotal,
    gzip,
    events: { [Symbol.asyncIterator]: () => new EventReader(file, format, gzip, ctx, bytesTotal, signal) },
  };
}

async function readHead(file: string, length: number): Promise<Buffer> {
  let fh;
  try {
    fh = await open(file, 'r');
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new RampartError('E_INPUT_UNREADABLE', `cannot read the file (${code ?? String(err)})`, { location: file, cause: err });
  } finally {
    await fh?.close();
  }
}

function gunzipsToNothing(bytes: Buffer): boolean {
  try {
    return gunzipSync(bytes).length === 0;
  } catch {
    return false;
  }
}

function isWhitespace(b: Buffer): boolean {
  let i = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  for (; i < b.length; i++) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return false;
  }
  return true;
}

function notTraffic(file: string, format: InputFormat, content: Buffer, requested: boolean): RampartError {
  if (format === 'openapi' || format === 'postman') {
    const what = format === 'openapi' ? 'an OpenAPI document' : 'a Postman collection';
    return new RampartError('E_FORMAT_UNKNOWN', `${requested ? 'the requested format' : 'this file'} is ${what}, which documents an API but holds no traffic`, {
      location: file,
      fix: 'pass it as a spec (--spec) instead, and give traffic as HAR, access logs, JSON lines or raw HTTP',
    });
  }
  return new RampartError('E_FORMAT_UNKNOWN', `cannot tell the format from the content: ${describeContent(content)}`, {
    location: file,
    fix: 'pass a HAR 1.2 file, an nginx/Apache combined or Envoy access log, JSON lines of exchanges or raw HTTP requests (plain or .gz), or name the format explicitly',
  });
}

function describeContent(b: Buffer): string {
  const n = Math.min(b.length, 512);
  let binary = false;
  for (let i = 0; i < n; i++) {
    const c = b[i] as number;
    if (c === 0 || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)) binary = true;
  }
  if (binary) {
    const hex = [...b.subarray(0, 8)].map((x) => x.toString(16).padStart(2, '0')).join(' ');
    return `binary data (it starts with bytes ${hex})`;
  }
  const text = b.toString('utf8', 0, Math.min(b.length, 200)).trimStart();
  const nl = text.indexOf('\n');
  return `it starts with "${clip(nl === -1 ? text : text.slice(0, nl), 60)}"`;
}

/** Throws `E_HAR_INVALID` when the head already shows the document is not a HAR (before any entry). */
function probeHar(file: string, content: Buffer, ctx: DecodeContext, complete: boolean): void {
  const framer = createHarFramer(ctx.maxEntryBytes);
  const frames: HarFrame[] = [];
  framer.push(content, frames);
  if (complete) framer.end(frames);
  for (const f of frames) {
    if (f.kind === 'invalid') throw new RampartError('E_HAR_INVALID', f.reason, { location: `${file}: byte ${f.offset}` });
    if (f.kind !== 'truncated') return;
  }
}

function isZlibError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

/**
 * The events of one read of the file. A hand-written async iterator rather than an async generator: events
 * decoded from a chunk are handed out from a queue with one already-resolved promise each, which costs about
 * a third of a generator's `yield` on the per-line hot path.
 */
class EventReader implements AsyncIterableIterator<SourceEvent> {
  private readonly queue: SourceEvent[] = [];
  private qi = 0;
  private started = false;
  private ended = false;
  private closed = false;
  private inflight: Promise<IteratorResult<SourceEvent>> | undefined;
  private raw: ReturnType<typeof createReadStream> | undefined;
  private gunzip: ReturnType<typeof createGunzip> | undefined;
  private chunks: AsyncIterator<Buffer> | undefined;
  private decoder: EventDecoder | undefined;
  private lastProgress = 0;
  private contentBytes = 0;

  constructor(
    private readonly file: string,
    private readonly format: TrafficFormat,
    private readonly gzip: boolean,
    private readonly ctx: DecodeContext,
    private readonly bytesTotal: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<SourceEvent>> {
    if (this.inflight) return this.inflight.then(() => this.next());
    if (this.qi < this.queue.length) return Promise.resolve({ done: false, value: this.queue[this.qi++] as SourceEvent });
    const p = this.refill();
    this.inflight = p;
    return p.finally(() => {
      this.inflight = undefined;
    });
  }

  return(): Promise<IteratorResult<SourceEvent>> {
    this.close();
    this.ended = true;
    this.queue.length = 0;
    this.qi = 0;
    return Promise.resolve({ done: true, value: undefined });
  }

  private async refill(): Promise<IteratorResult<SourceEvent>> {
    for (;;) {
      if (this.qi < this.queue.length) return { done: false, value: this.queue[this.qi++] as SourceEvent };
      this.queue.length = 0;
      this.qi = 0;
      if (this.ended) {
        this.close();
        return { done: true, value: undefined };
      }
      await this.step();
    }
  }

  private open(): void {
    this.started = true;
    this.decoder = createDecoder(this.format, this.ctx);
    this.raw = createReadStream(this.file, { highWaterMark: READ_CHUNK });
    this.gunzip = this.gzip ? createGunzip({ chunkSize: 64 * 1024 }) : undefined;
    const stream: Readable = this.gunzip ? pipeline(this.raw, this.gunzip, () => {}) : this.raw;
    this.chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }

  /** Reads one chunk and decodes it, or finishes the file. */
  private async step(): Promise<void> {
    this.checkAbort();
    if (!this.started) this.open();
    const decoder = this.decoder as EventDecoder;
    const raw = this.raw as ReturnType<typeof createReadStream>;
    let gzipError: Error | undefined;
    let r: IteratorResult<Buffer>;
    try {
      r = await (this.chunks as AsyncIterator<Buffer>).next();
    } catch (err) {
      this.checkAbort();
      if (!(this.gzip && isZlibError(err))) {
        this.close();
        this.ended = true;
        if (err instanceof RampartError) throw err;
        const code = (err as NodeJS.ErrnoException).code;
        throw new RampartError('E_INPUT_UNREADABLE', `reading failed after ${raw.bytesRead} bytes (${code ?? (err instanceof Error ? err.message : String(err))})`, {
          location: this.file,
          cause: err,
        });
      }
      gzipError = err as Error;
      r = { done: true, value: undefined };
    }
    this.checkAbort();
    if (!r.done) {
      this.contentBytes += r.value.length;
      if (!decoder.done) decoder.push(r.value, this.queue);
      if (decoder.done && !this.gzip) {
        // nothing more can come out of this file (e.g. its JSON structure broke): stop reading it. A gzip file
        // is read to its end, because damaged gzip data is the likely cause and deserves its own report.
        this.queue.push({ kind: 'progress', bytesRead: raw.bytesRead, bytesTotal: this.bytesTotal });
        this.ended = true;
        this.close();
        return;
      }
      const read = raw.bytesRead;
      if (read - this.lastProgress >= PROGRESS_STEP) {
        this.lastProgress = read;
        this.queue.push({ kind: 'progress', bytesRead: read, bytesTotal: this.bytesTotal });
      }
      return;
    }
    decoder.end(this.queue, gzipError === undefined);
    if (gzipError) {
      this.queue.push({
        kind: 'skipped',
        code: 'E_GZIP_CORRUPT',
        location: `${this.file}: byte ${raw.bytesRead}`,
        reason: `the gzip data is corrupt or cut short (${gzipError.message}) after ${this.contentBytes} bytes of content; what came before was read`,
      });
    }
    this.queue.push({ kind: 'progress', bytesRead: raw.bytesRead, bytesTotal: this.bytesTotal });
    this.ended = true;
    this.close();
  }

  private checkAbort(): void {
    if (this.signal?.aborted) {
      this.close();
      this.ended = true;
      throw abortError(this.signal);
    }
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.raw?.destroy();
    this.gunzip?.destroy();
  }
}
