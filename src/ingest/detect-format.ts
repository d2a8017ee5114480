/**
 * Tells an input's format from its first bytes (content, not the file name): HAR, nginx/Apache combined log,
 * Envoy log, JSON lines of exchanges, raw HTTP messages, or the documentation formats other modules read
 * (Postman collections, OpenAPI). Gzip data is looked into. Pure.
 */
import { constants, gunzipSync } from 'node:zlib';
import { parseCombinedLine } from './access-log/parse-combined-line.js';
import { parseEnvoyLine } from './access-log/parse-envoy-line.js';

export type InputFormat = 'har' | 'combined-log' | 'envoy-log' | 'jsonl' | 'raw-http' | 'postman' | 'openapi' | 'unknown';

/** How many bytes of the head `detectFormat` looks at (after decompression). */
export const DETECT_HEAD_BYTES = 64 * 1024;

/** True when the bytes start with the gzip magic number (1f 8b). */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * The first bytes of a gzip stream, decompressed as far as the given bytes go (a cut stream is fine).
 * Output is capped at `maxOutput` bytes; a stream that expands more (a decompression bomb) is read from a
 * shorter input instead.
 */
export function gunzipHead(head: Uint8Array, maxOutput = DETECT_HEAD_BYTES): Buffer {
  for (const inputBytes of [16 * 1024, 1024, 128]) {
    try {
      const out = gunzipSync(head.subarray(0, inputBytes), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: maxOutput * 64 });
      return out.length > maxOutput ? out.subarray(0, maxOutput) : out;
    } catch (err) {
      if (!(err instanceof RangeError) && (err as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') return Buffer.alloc(0);
    }
  }
  return Buffer.alloc(0);
}

/**
 * The format of an input from its first bytes (up to `DETECT_HEAD_BYTES` are used). `fileName` is only a
 * tie-breaker: a JSON object that matches no format is called `har` when the name ends in `.har`, so the
 * user gets the HAR reader's precise error instead of "unknown format".
 */
export function detectFormat(head: Buffer, fileName?: string): InputFormat {
  let bytes = head.subarray(0, DETECT_HEAD_BYTES);
  if (isGzip(bytes)) bytes = gunzipHead(head);
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (looksBinary(bytes)) return 'unknown';
  const text = bytes.toString('latin1');
  const start = firstNonSpace(text);
  if (start === -1) return 'unknown';
  const c = text.charCodeAt(start);
  if (c === 0x7b /* { */) return detectJson(bytes.toString('utf8').slice(start), fileName);
  const lines = firstLines(text.slice(start), 8);
  if (isYamlOpenApi(text)) return 'openapi';
  if (isRawHttp(lines)) return 'raw-http';
  const envoy = countParsed(lines, (l, i) => parseEnvoyLine(l, { file: '', line: i }));
  const combined = countParsed(lines, (l, i) => parseCombinedLine(l, { file: '', line: i }));
  const usable = lines.length;
  if (usable > 0 && envoy > combined && envoy * 2 >= usable) return 'envoy-log';
  if (usable > 0 && combined > 0 && combined * 2 >= usable) return 'combined-log';
  return 'unknown';
}

/** Control bytes other than tab/CR/LF/FF/ESC in the first 1 KiB, or NUL anywhere in it: not a text format. */
function looksBinary(bytes: Buffer): boolean {
  const n = Math.min(bytes.length, 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return n > 0 && control * 10 > n;
}

function firstNonSpace(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
  }
  return -1;
}

/** Up to `max` complete non-empty lines (the last, possibly cut, line of the head is left out when others exist). */
function firstLines(s: string, max: number): string[] {
  const out: string[] = [];
  let pos = 0;
  while (out.length < max) {
    const nl = s.indexOf('\n', pos);
    if (nl === -1) {
      if (out.length === 0 && pos < s.length) out.push(s.slice(pos));
      break;
    }
    const line = s.charCodeAt(nl - 1) === 13 ? s.slice(pos, nl - 1) : s.slice(pos, nl);
    if (line.trim().length > 0) out.push(line);
    pos = nl + 1;
  }
  return out;
}

function countParsed(lines: readonly string[], parse: (line: string, i: number) => object): number {
  let ok = 0;
  lines.forEach((l, i) => {
    if (!('kind' in parse(l, i + 1))) ok++;
  });
  return ok;
}

const REQUEST_LINE = /^[A-Z][A-Z0-9_-]{0,19} \S+ HTTP\/\d(?:\.\d)?$/;
const HEADER_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:/;

function isRawHttp(lines: readonly string[]): boolean {
  return lines.length >= 1 && REQUEST_LINE.test(lines[0] as string) && (lines.length === 1 || HEADER_LINE.test(lines[1] as string));
}

const OPENAPI_LINE = /^(?:openapi|swagger)[ \t]*:[ \t]*['"]?(\d)/;

/** A YAML document with a top-level `openapi: 3…` or `swagger: 2…` key. */
function isYamlOpenApi(text: string): boolean {
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = text.length;
    const line = text.slice(pos, nl);
    const m = OPENAPI_LINE.exec(line);
    if (m) return (line.startsWith('openapi') && m[1] === '3') || (line.startsWith('swagger') && m[1] === '2');
    pos = nl + 1;
  }
  return false;
}

/** Keys (and short string values) of a JSON document's first levels, read from a possibly cut head. */
interface JsonOutline {
  /** Dotted paths of keys at depth 1 and 2 (`log`, `log.entries`, `info._postman_id`). */
  readonly keys: Set<string>;
  /** String values at depth 1 and 2, by dotted path. */
  readonly values: Map<string, string>;
  /** The first line is a complete JSON object. */
  readonly firstLineIsObject: boolean;
  /** The line after the first starts with `{`. */
  readonly secondLineIsObject: boolean;
}

function detectJson(text: string, fileName: string | undefined): InputFormat {
  const o = outline(text);
  const has = (k: string): boolean => o.keys.has(k);
  if (!has('request')) {
    // a HAR, or a HAR wrapped in one outer object (`{"test_response": {"log": …}}`)
    if (has('log')) return 'har';
    for (const k of o.keys) if (k.endsWith('.log') && k.indexOf('.') === k.length - 4) return 'har';
  }
  const openapi = o.values.get('openapi');
  const swagger = o.values.get('swagger');
  if ((openapi !== undefined && openapi.startsWith('3')) || (swagger !== undefined && swagger.startsWith('2'))) return 'openapi';
  const schema = o.values.get('info.schema') ?? '';
  if (has('info._postman_id') || /getpostman\.com|schema\.postman\.com/.test(schema)) return 'postman';
  // the Postman API's export wraps the collection: {"collection": {"info": …, "item": […]}}
  if (has('collection.info') && has('collection.item')) return 'postman';
  if (o.firstLineIsObject && (has('request') || o.secondLineIsObject)) return 'jsonl';
  // a first line longer than the head (a large body) still shows the exchange's keys
  if (has('request.method') || has('request.url')) return 'jsonl';
  if (fileName !== undefined && /\.har(\.gz)?$/i.test(fileName)) return 'har';
  return 'unknown';
}

/**
 * A forgiving scan of the first two levels of a JSON object: tracks strings (escape-aware), nesting and which
 * string is a key. Never throws; a cut or invalid document just yields fewer keys.
 */
function outline(text: string): JsonOutline {
  const keys = new Set<string>();
  const values = new Map<string, string>();
  const path: string[] = [];
  // per open container: is it an object, and is the next string in it a key?
  const stack: Array<{ obj: boolean; expectKey: boolean }> = [];
  let pendingKey: string | undefined;
  let i = 0;
  const n = Math.min(text.length, DETECT_HEAD_BYTES);
  let firstLineEnd = -1;
  let firstLineIsObject = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x0a && firstLineEnd === -1) firstLineEnd = i;
    if (c === 0x22) {
      let j = i + 1;
      let s = '';
      let segment = j;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 0x5c) {
          s += text.slice(segment, j) + (text[j + 1] ?? '');
          j += 2;
          segment = j;
          continue;
        }
        if (d === 0x22) break;
        j++;
      }
      s += text.slice(segment, Math.min(j, n));
      const top = stack[stack.length - 1];
      if (top?.obj && top.expectKey) {
        top.expectKey = false;
        pendingKey = s;
        if (stack.length <= 2) keys.add([...path.slice(0, stack.length - 1), s].join('.'));
      } else if (pendingKey !== undefined && stack.length <= 2) {
        values.set([...path.slice(0, stack.length - 1), pendingKey].join('.'), s.slice(0, 200));
      }
      i = j + 1;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (stack.length > 0) path[stack.length - 1] = pendingKey ?? '[]';
      stack.push({ obj: c === 0x7b, expectKey: c === 0x7b });
      pendingKey = undefined;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      pendingKey = undefined;
      if (stack.length === 0 && firstLineEnd === -1) {
        const rest = text.indexOf('\n', i);
        firstLineIsObject = true;
        firstLineEnd = rest === -1 ? n : rest;
      }
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.obj) top.expectKey = true;
      pendingKey = undefined;
    }
    i++;
  }
  const after = firstLineEnd === -1 ? -1 : firstNonSpace(text.slice(firstLineEnd + 1, firstLineEnd + 4096));
  const secondLineIsObject = after !== -1 && text.charCodeAt(firstLineEnd + 1 + after) === 0x7b;
  return { keys, values, firstLineIsObject, secondLineIsObject };
}
