/**
 * An incremental byte-level framer for HAR documents: finds each element of `log.entries` without parsing the
 * whole document, so a HAR of any size streams in bounded memory (Node cannot hold a string over ~512 MB).
 *
 * It follows the JSON structure only as deep as it must (root -> optional wrapper -> `log` -> `entries`),
 * skips every other value by string- and escape-aware bracket counting, accepts the keys in any order
 * (`entries` before or after `creator`/`pages`) and works across chunk boundaries anywhere, BOM included.
 * Strings are crossed with a native `indexOf('"')` rather than byte by byte.
 *
 * A HAR wrapped in one outer object (mitmproxy's `{"test_response": {"log": …}}`) is unwrapped: the first
 * object-valued `log` at the top level or one level down is read. Each element comes out as its raw bytes for
 * `JSON.parse`; document-level problems come out as `invalid` (framing stops) or `truncated` (at the end).
 */

export type HarFrame =
  /** One element of `log.entries` that starts with `{` (its bytes may be views into the pushed chunks). */
  | { readonly kind: 'entry'; readonly index: number; readonly offset: number; readonly bytes: Buffer }
  /** An element over the entry size limit: skipped without being held. */
  | { readonly kind: 'oversized'; readonly index: number; readonly offset: number; readonly size: number }
  /** An element that is not an object (`2`, `"x"`, `[…]`). */
  | { readonly kind: 'not-object'; readonly index: number; readonly offset: number; readonly found: string }
  /** The document is not a HAR (or breaks JSON structure outside entries); nothing more is framed. */
  | { readonly kind: 'invalid'; readonly offset: number; readonly reason: string }
  /** The input ended before the document did. */
  | { readonly kind: 'truncated'; readonly offset: number; readonly reason: string };

export interface HarFramer {
  /** Feeds the next chunk; the chunk must not be modified afterwards (entry bytes may be views into it). */
  push(chunk: Buffer, out: HarFrame[]): void;
  end(out: HarFrame[]): void;
  /** Bytes consumed so far. */
  readonly offset: number;
  /** Elements of `log.entries` seen so far. */
  readonly entries: number;
  /** True after an `invalid` frame or `end`: further input is ignored. */
  readonly stopped: boolean;
}

const enum Role {
  Root,
  Wrapper,
  Log,
  Entries,
}
const enum Expect {
  Key,
  Colon,
  Value,
  Comma,
}
const enum Purpose {
  Key,
  Skip,
  Element,
}

interface Level {
  readonly role: Role;
  expect: Expect;
  key: string;
}

const MAX_KEY_BYTES = 1024;
const LONG_KEY = '\u0000(long key)';

/** A new framer; elements over `maxEntryBytes` are reported as `oversized` instead of being collected. */
export function createHarFramer(maxEntryBytes: number): HarFramer {
  return new Framer(maxEntryBytes);
}

class Framer implements HarFramer {
  offset = 0;
  entries = 0;
  private readonly stack: Level[] = [];
  private started = false;
  private done = false;
  stopped = false;
  private foundLog = false;
  private foundEntries = false;
  private entriesClosed = false;
  private readonly rootKeys: string[] = [];
  // the value being scanned (skipped or collected)
  private scanning = false;
  private purpose: Purpose = Purpose.Skip;
  private depth = 0;
  private inString = false;
  private scalar = false;
  private backslashCarry = 0;
  private complete = false;
  private collect = false;
  private oversized = false;
  private firstByte = 0;
  private valueStart = 0;
  private pieceStart = 0;
  private pieces: Buffer[] = [];
  private pieceBytes = 0;

  constructor(private readonly maxEntryBytes: number) {}

  push(chunk: Buffer, out: HarFrame[]): void {
    const n = chunk.length;
    let i = 0;
    while (i < n && !this.stopped) {
      if (this.scanning) {
        i = this.scan(chunk, i);
        if (!this.complete) break;
        this.finish(chunk, i, out);
        continue;
      }
      const b = chunk[i] as number;
      if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09) {
        i++;
        continue;
      }
      if (!this.started && this.isBomByte(b, this.offset + i)) {
        i++;
        continue;
      }
      if (this.done) {
        // bytes after the document are ignored (e.g. a trailing newline or NUL padding)
        break;
      }
      i = this.structural(b, i, out);
    }
    // the chunk ended inside a value (possibly one that starts on its last byte)
    if (this.scanning && !this.stopped) this.stash(chunk, n);
    this.offset += n;
  }

  end(out: HarFrame[]): void {
    if (this.stopped) return;
    const at = this.offset;
    if (!this.started) {
      out.push({ kind: 'invalid', offset: at, reason: 'no JSON object in the file (only whitespace)' });
    } else if (this.scanning && this.purpose === Purpose.Element) {
      out.push({
        kind: 'truncated',
        offset: at,
        reason: `the document ends inside entry ${this.entries} (which starts at byte ${this.valueStart}); the ${this.entries - 1} complete entries before it were read`,
      });
    } else if (!this.done) {
      let reason: string;
      if (this.entriesClosed) reason = 'the document ends early, after the last entry (no entry lost)';
      else if (this.foundEntries) reason = `the document ends inside log.entries, after entry ${this.entries}`;
      else reason = 'the document ends before any log.entries were found';
      out.push({ kind: 'truncated', offset: at, reason });
    } else if (!this.foundLog) {
      const keys = this.rootKeys.length ? `the top-level keys are ${this.rootKeys.map((k) => JSON.stringify(k)).join(', ')}` : 'the top-level object is empty';
      out.push({ kind: 'invalid', offset: at, reason: `no "log" object (${keys})` });
    } else if (!this.foundEntries) {
      out.push({ kind: 'invalid', offset: at, reason: 'the "log" object has no "entries" array' });
    }
    this.stopped = true;
  }

  private isBomByte(b: number, abs: number): boolean {
    return (abs === 0 && b === 0xef) || (abs === 1 && b === 0xbb) || (abs === 2 && b === 0xbf);
  }

  private fail(out: HarFrame[], at: number, reason: string): void {
    out.push({ kind: 'invalid', offset: at, reason });
    this.stopped = true;
    this.scanning = false;
    this.pieces = [];
  }

  /** Handles one structural byte outside any scanned value; returns the next index. */
  private structural(b: number, i: number, out: HarFrame[]): number {
    const at = this.offset + i;
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      if (b === 0x7b) {
        this.started = true;
        this.stack.push({ role: Role.Root, expect: Expect.Key, key: '' });
        return i + 1;
      }
      this.fail(out, at, `expected a JSON object {"log": …}, found ${describe(b)}`);
      return i;
    }
    if (top.role === Role.Entries) {
      if (top.expect === Expect.Value) {
        if (b === 0x5d) return this.pop(i);
        if (b === 0x2c) {
          this.fail(out, at, 'unexpected "," in log.entries');
          return i;
        }
        top.expect = Expect.Comma;
        this.entries++;
        return this.startValue(Purpose.Element, i, b);
      }
      if (b === 0x2c) {
        top.expect = Expect.Value;
        return i + 1;
      }
      if (b === 0x5d) return this.pop(i);
      this.fail(out, at, `expected "," or "]" after entry ${this.entries}, found ${describe(b)}`);
      return i;
    }
    switch (top.expect) {
      case Expect.Key:
        if (b === 0x22) {
          top.expect = Expect.Colon;
          return this.startValue(Purpose.Key, i, b);
        }
        if (b === 0x7d) return this.pop(i);
        this.fail(out, at, `expected a key or "}", found ${describe(b)}`);
        return i;
      case Expect.Colon:
        if (b === 0x3a) {
          top.expect = Expect.Value;
          return i + 1;
        }
        this.fail(out, at, `expected ":" after the key ${JSON.stringify(top.key)}, found ${describe(b)}`);
        return i;
      case Expect.Value: {
        top.expect = Expect.Comma;
        const key = top.key;
        if (top.role === Role.Root) {
          if (this.rootKeys.length < 8) this.rootKeys.push(key);
          if (key === 'log' && !this.foundLog) {
            if (b !== 0x7b) {
              this.fail(out, at, `"log" must be an object {"version", "creator", "entries": […]}, found ${describe(b)}`);
              return i;
            }
            this.foundLog = true;
            this.stack.push({ role: Role.Log, expect: Expect.Key, key: '' });
            return i + 1;
          }
          if (b === 0x7b && !this.foundLog) {
            this.stack.push({ role: Role.Wrapper, expect: Expect.Key, key: '' });
            return i + 1;
          }
        } else if (top.role === Role.Wrapper) {
          if (key === 'log' && b === 0x7b && !this.foundLog) {
            this.foundLog = true;
            this.stack.push({ role: Role.Log, expect: Expect.Key, key: '' });
            return i + 1;
          }
        } else if (top.role === Role.Log && key === 'entries' && !this.foundEntries) {
          if (b !== 0x5b) {
            this.fail(out, at, `log.entries must be an array, found ${describe(b)}`);
            return i;
          }
          this.foundEntries = true;
          this.stack.push({ role: Role.Entries, expect: Expect.Value, key: '' });
          return i + 1;
        }
        return this.startValue(Purpose.Skip, i, b);
      }
      case Expect.Comma:
        if (b === 0x2c) {
          top.expect = Expect.Key;
          return i + 1;
        }
        if (b === 0x7d) return this.pop(i);
        this.fail(out, at, `expected "," or "}", found ${describe(b)}`);
        return i;
    }
  }

  private pop(i: number): number {
    const level = this.stack.pop();
    if (level?.role === Role.Entries) this.entriesClosed = true;
    if (this.stack.length === 0) this.done = true;
    return i + 1;
  }

  private startValue(purpose: Purpose, i: number, b: number): number {
    this.scanning = true;
    this.complete = false;
    this.purpose = purpose;
    this.firstByte = b;
    this.valueStart = this.offset + i;
    this.pieceStart = i;
    this.pieces = [];
    this.pieceBytes = 0;
    this.collect = purpose !== Purpose.Skip;
    this.oversized = false;
    this.backslashCarry = 0;
    this.inString = false;
    this.scalar = false;
    this.depth = 0;
    if (b === 0x7b || b === 0x5b) {
      this.depth = 1;
      return i + 1;
    }
    if (b === 0x22) {
      this.inString = true;
      return i + 1;
    }
    this.scalar = true;
    return i;
  }

  /** Scans the current value from `i`; sets `complete` and returns the index after it, or returns the chunk length. */
  private scan(buf: Buffer, i: number): number {
    const n = buf.length;
    if (this.scalar) {
      for (; i < n; i++) {
        const c = buf[i] as number;
        if (c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
          this.complete = true;
          return i;
        }
      }
      return n;
    }
    let depth = this.depth;
    while (i < n) {
      if (this.inString) {
        const q = buf.indexOf(0x22, i);
        if (q === -1) {
          // remember whether the chunk ends inside an escape (odd run of backslashes)
          let k = n - 1;
          while (k >= i && buf[k] === 0x5c) k--;
          const run = n - 1 - k;
          this.backslashCarry = k < i && i === 0 ? (this.backslashCarry + run) & 1 : run & 1;
          i = n;
          break;
        }
        let k = q - 1;
        while (k >= i && buf[k] === 0x5c) k--;
        let run = q - 1 - k;
        if (k < i && i === 0) run += this.backslashCarry;
        this.backslashCarry = 0;
        i = q + 1;
        if ((run & 1) === 1) continue; // escaped quote
        this.inString = false;
        if (depth === 0) {
          this.complete = true;
          return i;
        }
        continue;
      }
      for (; i < n; i++) {
        const c = buf[i] as number;
        if (c === 0x22) {
          this.inString = true;
          this.backslashCarry = 0;
          i++;
          break;
        }
        if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) {
          if (--depth === 0) {
            this.depth = 0;
            this.complete = true;
            return i + 1;
          }
        }
      }
    }
    this.depth = depth;
    return n;
  }

  /** The chunk ended inside the value: keep its bytes (within limits) for when it completes. */
  private stash(chunk: Buffer, n: number): void {
    if (this.collect) {
      const piece = this.pieceStart === 0 ? chunk : chunk.subarray(this.pieceStart, n);
      this.pieceBytes += piece.length;
      const limit = this.purpose === Purpose.Element ? this.maxEntryBytes : MAX_KEY_BYTES;
      if (this.pieceBytes > limit) {
        this.collect = false;
        this.oversized = true;
        this.pieces = [];
      } else {
        this.pieces.push(piece);
      }
    }
    this.pieceStart = 0;
  }

  private bytes(chunk: Buffer, end: number): Buffer {
    const last = chunk.subarray(this.pieceStart, end);
    if (this.pieces.length === 0) return last;
    this.pieces.push(last);
    const all = Buffer.concat(this.pieces, this.pieceBytes + last.length);
    this.pieces = [];
    return all;
  }

  private finish(chunk: Buffer, end: number, out: HarFrame[]): void {
    this.scanning = false;
    this.complete = false;
    const size = this.offset + end - this.valueStart;
    if (this.purpose === Purpose.Key) {
      const top = this.stack[this.stack.length - 1] as Level;
      if (!this.collect || size > MAX_KEY_BYTES) {
        top.key = LONG_KEY;
        return;
      }
      try {
        top.key = JSON.parse(this.bytes(chunk, end).toString('utf8')) as string;
      } catch {
        this.fail(out, this.valueStart, 'invalid key string');
      }
      return;
    }
    if (this.purpose === Purpose.Skip) return;
    const index = this.entries;
    const offset = this.valueStart;
    if (this.oversized || size > this.maxEntryBytes) {
      this.pieces = [];
      out.push({ kind: 'oversized', index, offset, size });
    } else if (this.firstByte !== 0x7b) {
      const text = this.bytes(chunk, end).toString('utf8');
      out.push({ kind: 'not-object', index, offset, found: text.length > 40 ? `${text.slice(0, 40)}…` : text });
    } else {
      out.push({ kind: 'entry', index, offset, bytes: this.bytes(chunk, end) });
    }
  }
}

function describe(b: number): string {
  if (b === 0x5b) return 'an array "["';
  if (b === 0x22) return 'a string';
  if (b >= 0x21 && b < 0x7f) return `"${String.fromCharCode(b)}"`;
  return `byte 0x${b.toString(16).padStart(2, '0')}`;
}
