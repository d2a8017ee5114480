/**
 * The raw HTTP decoder: a file of HTTP/1.x request messages separated by blank lines (the CSIC 2010 corpus,
 * saved proxy requests). Framing per RFC 9112: a header block up to an empty line, then a body of
 * `Content-Length` bytes or `Transfer-Encoding: chunked`; blank lines between messages are skipped.
 * A header block over `maxLineBytes` or one that is not a request is skipped (`E_HTTP_MESSAGE`) and reading
 * resumes after it. Bodies are kept up to `maxBodyBytes`; the rest is counted, not held.
 */
import type { SourceEvent } from '../../core/index.js';
import type { DecodeContext } from '../decode-context.js';
import type { EventDecoder } from '../event-decoder.js';
import { parseRawHead, rawRequestExchange, type RawHead } from './parse-raw-request.js';

const enum State {
  Seek,
  Head,
  Body,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
}

const MAX_CHUNK_LINE = 1024;
const EMPTY = Buffer.alloc(0);

export function createRawHttpDecoder(ctx: DecodeContext): EventDecoder {
  let state = State.Seek;
  let pending: Buffer = EMPTY;
  let line = 1; // line number at the start of `pending`
  let messageLine = 1;
  let headScan = 0; // where to continue looking for the end of the header block in `pending`
  let head: RawHead | undefined;
  let remaining = 0; // body bytes still expected (Content-Length), or of the current chunk
  let bodyPieces: Buffer[] = [];
  let kept = 0;
  let bodySize = 0;
  let headTooLong = false;

  const headLimit = ctx.maxLineBytes;

  function countLines(buf: Buffer, from: number, to: number): number {
    let n = 0;
    let i = buf.indexOf(10, from);
    while (i !== -1 && i < to) {
      n++;
      i = buf.indexOf(10, i + 1);
    }
    return n;
  }

  function keep(bytes: Buffer): void {
    bodySize += bytes.length;
    if (kept < ctx.maxBodyBytes) {
      const take = bytes.subarray(0, ctx.maxBodyBytes - kept);
      bodyPieces.push(Buffer.from(take));
      kept += take.length;
    }
  }

  function emit(out: SourceEvent[]): void {
    if (head) {
      const body = bodyPieces.length === 0 ? undefined : bodyPieces.length === 1 ? bodyPieces[0] : Buffer.concat(bodyPieces);
      try {
        out.push({ kind: 'exchange', exchange: rawRequestExchange(head, body, bodySize, { file: ctx.file, line: messageLine }, ctx.maxBodyBytes) });
      } catch (err) {
        // a mapping bug must not end the import: the message is reported and the rest is read
        out.push({ kind: 'skipped', code: 'E_INTERNAL', location: `${ctx.file}:${messageLine}`, reason: `the message could not be read: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
    head = undefined;
    bodyPieces = [];
    kept = 0;
    bodySize = 0;
    state = State.Seek;
  }

  function skip(out: SourceEvent[], reason: string): void {
    out.push({ kind: 'skipped', code: 'E_HTTP_MESSAGE', location: `${ctx.file}:${messageLine}`, reason });
  }

  /** The header block ended at `end` (exclusive, before the blank line); `next` is after the blank line. */
  function finishHead(buf: Buffer, end: number, out: SourceEvent[]): void {
    const parsed = parseRawHead(buf.toString('latin1', 0, end));
    if (typeof parsed === 'string') {
      skip(out, parsed);
      state = State.Seek;
      return;
    }
    head = parsed;
    let te = '';
    let cl: string | undefined;
    for (const [n, v] of parsed.headers) {
      if (n === 'transfer-encoding') te = v.toLowerCase();
      else if (n === 'content-length' && cl === undefined) cl = v;
    }
    if (te.endsWith('chunked')) {
      state = State.ChunkSize;
      return;
    }
    if (cl !== undefined) {
      const len = /^\d{1,15}$/.test(cl) ? Number(cl) : NaN;
      if (Number.isNaN(len)) {
        skip(out, `Content-Length "${cl.slice(0, 40)}" is not a number`);
        head = undefined;
        state = State.Seek;
        return;
      }
      if (len > 0) {
        remaining = len;
        state = State.Body;
        return;
      }
    }
    emit(out);
  }

  /** Where the header block starting at or before `from` ends: `end` (before the blank line) and `next` (after it). */
  function findBlankLine(buf: Buffer, from: number): { end: number; next: number } | undefined {
    let i = from;
    for (;;) {
      const nl = buf.indexOf(10, i);
      if (nl === -1) return undefined;
      if (buf[nl + 1] === 0x0a) return { end: nl, next: nl + 2 };
      if (buf[nl + 1] === 0x0d && buf[nl + 2] === 0x0a) return { end: nl, next: nl + 3 };
      i = nl + 1;
    }
  }

  /** Consumes what it can of `buf`; returns the unconsumed tail (a header block in progress, or a chunk-size line). */
  function run(buf: Buffer, out: SourceEvent[], final: boolean): Buffer {
    const n = buf.length;
    let pos = 0;
    let headStart = 0;
    while (pos < n) {
      switch (state) {
        case State.Seek: {
          const b = buf[pos] as number;
          if (b === 0x0a) line++;
          else if (b !== 0x0d && b !== 0x20 && b !== 0x09) {
            state = State.Head;
            messageLine = line;
            headStart = pos;
            headScan = pos;
            headTooLong = false;
            continue;
          }
          pos++;
          break;
        }
        case State.Head: {
          const found = findBlankLine(buf, headScan);
          if (found === undefined) {
            if (final) {
              // the file ends without a blank line after the last header block
              line += countLines(buf, headStart, n);
              if (headTooLong) skip(out, `the header block is over ${headLimit} bytes`);
              else {
                finishHead(buf.subarray(headStart, n), n - headStart, out);
                if (head) emit(out);
              }
              state = State.Seek;
              return EMPTY;
            }
            if (n - headStart > headLimit) {
              if (!headTooLong) skip(out, `the header block is over ${headLimit} bytes; skipped up to the next blank line`);
              headTooLong = true;
              // keep only the last bytes, where a blank line could begin
              line += countLines(buf, headStart, n - 2);
              headStart = n - 2;
            }
            // rescan the last two bytes next time: `\n` + `\r` may be followed by the rest of a blank line
            headScan = Math.max(headStart, n - 2) - headStart;
            return buf.subarray(headStart);
          }
          line += countLines(buf, headStart, found.next);
          if (!headTooLong && found.end - headStart > headLimit) {
            skip(out, `the header block is over ${headLimit} bytes`);
            headTooLong = true;
          }
          if (headTooLong) state = State.Seek;
          else finishHead(buf.subarray(headStart, found.end), found.end - headStart, out);
          pos = found.next;
          break;
        }
        case State.Body:
        case State.ChunkData: {
          const take = Math.min(remaining, n - pos);
          line += countLines(buf, pos, pos + take);
          keep(buf.subarray(pos, pos + take));
          remaining -= take;
          pos += take;
          if (remaining === 0) {
            if (state === State.Body) emit(out);
            else state = State.ChunkDataEnd;
          }
          break;
        }
        case State.ChunkDataEnd: {
          const b = buf[pos] as number;
          if (b === 0x0d) pos++;
          else {
            if (b === 0x0a) {
              line++;
              pos++;
            }
            // a missing CRLF after chunk data is tolerated
            state = State.ChunkSize;
          }
          break;
        }
        case State.ChunkSize:
        case State.Trailers: {
          const nl = buf.indexOf(10, pos);
          if (nl === -1) {
            if (n - pos > MAX_CHUNK_LINE || final) {
              skip(out, final ? 'the chunked body ends early' : 'a chunk-size line of the chunked body is too long');
              head = undefined;
              bodyPieces = [];
              state = State.Seek;
              return EMPTY;
            }
            return buf.subarray(pos);
          }
          const text = buf.toString('latin1', pos, nl).trim();
          line++;
          pos = nl + 1;
          if (state === State.Trailers) {
            if (text.length === 0) emit(out);
            break;
          }
          const semi = text.indexOf(';');
          const hex = semi === -1 ? text : text.slice(0, semi).trim();
          const size = /^[0-9a-fA-F]{1,12}$/.test(hex) ? parseInt(hex, 16) : NaN;
          if (Number.isNaN(size)) {
            skip(out, `invalid chunk size "${hex.slice(0, 20)}" in the chunked body`);
            head = undefined;
            bodyPieces = [];
            state = State.Seek;
          } else if (size === 0) state = State.Trailers;
          else {
            remaining = size;
            state = State.ChunkData;
          }
          break;
        }
      }
    }
    return EMPTY;
  }

  return {
    push(chunk, out) {
      const buf = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      const rest = run(buf, out, false);
      // the unconsumed tail is at most a header block (bounded by maxLineBytes) or a chunk-size line
      pending = rest.length > 0 ? Buffer.from(rest) : EMPTY;
    },
    end(out, clean) {
      const buf = pending;
      pending = EMPTY;
      if (!clean) return; // input cut short (corrupt gzip): a partial message is dropped
      if (buf.length > 0) run(buf, out, true);
      if (head && state !== State.Seek) {
        // the file ends inside the body: keep what was read, marked as truncated
        bodySize += remaining;
        emit(out);
      }
    },
  };
}
