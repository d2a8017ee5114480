/**
 * Path templating from one observation: split a request path into segments, classify each (see
 * `segment-kind.ts`) and replace values by named parameters: `/users/42/orders/ORD-2024-00042` →
 * `/users/{userId}/orders/{orderId}`. Word-like values (`/repos/octocat/hello-world`) stay literal here; the
 * structural learner (`path-tree.ts`) turns them into parameters from many observations.
 *
 * Normalisation (documented in docs/inventory.md): empty segments are dropped (`//`, trailing `/`), matrix
 * parameters (`;jsessionid=…`) are removed, `{` and `}` in literal text are percent-encoded so they never read
 * as template syntax.
 */
import { safeDecode } from '../core/index.js';
import { isVersionSegment, segmentKind, type SegmentKind } from './segment-kind.js';

/** One segment of a request path, classified. */
export interface PathSegment {
  /** The segment as sent (matrix parameters removed; `{`/`}` encoded): the literal text used in templates. */
  readonly raw: string;
  /** Percent-decoded value. */
  readonly value: string;
  /** `literal`, or the kind of value that makes it a parameter. */
  readonly kind: SegmentKind;
  /** For a value followed by a file extension or custom method (`3f2a….pdf`, `42:cancel`), that suffix; else ''. */
  readonly suffix: string;
}

/** Hard bound on segments read from one path (deeper segments are folded into the last one). */
export const MAX_SEGMENTS = 32;

/** Segment names after which a 1–2 digit number is an API version (`/api/3/action`), not an id. */
const VERSION_PARENTS = new Set(['api', 'rest', 'v']);

function encodeBraces(s: string): string {
  return s.indexOf('{') === -1 && s.indexOf('}') === -1 ? s : s.replace(/\{/g, '%7B').replace(/\}/g, '%7D');
}

/**
 * The suffix that follows a value in a segment: a file extension (`.pdf`, `.json`) or a custom method
 * (`:cancel`, Google API style `{name}:batchUpdate`); '' when none.
 */
export function segmentSuffix(raw: string): string {
  const colon = raw.lastIndexOf(':');
  if (colon > 0 && /^[A-Za-z][A-Za-z0-9]{1,39}$/.test(raw.slice(colon + 1))) return raw.slice(colon);
  const dot = raw.lastIndexOf('.');
  if (dot <= 0 || raw.length - dot - 1 < 1 || raw.length - dot - 1 > 5) return '';
  return /^[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*$/.test(raw.slice(dot + 1)) ? raw.slice(dot) : '';
}

/** Classifies one raw segment (not yet decoded). `previous` is the raw segment before it, when literal. */
export function classifySegment(rawSegment: string, previous?: string): PathSegment {
  const semi = rawSegment.indexOf(';');
  const raw = encodeBraces(semi === -1 ? rawSegment : rawSegment.slice(0, semi));
  const value = raw.indexOf('%') === -1 ? raw : safeDecode(raw);
  let kind = segmentKind(value);
  if (kind === 'integer' && value.length <= 2 && previous !== undefined && VERSION_PARENTS.has(previous.toLowerCase())) kind = 'literal';
  const ext = kind === 'email' ? '' : segmentSuffix(raw);
  if (ext) {
    const stem = value.slice(0, value.length - ext.length);
    const stemKind = segmentKind(stem);
    if (stemKind !== 'literal') return { raw, value: stem, kind: stemKind, suffix: ext };
  }
  return { raw, value, kind, suffix: '' };
}

/** Splits a request path (no query) into classified segments, normalised as documented above. */
export function splitPath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  let start = path.charCodeAt(0) === 47 ? 1 : 0;
  let previous: string | undefined;
  while (start < path.length) {
    let end = path.indexOf('/', start);
    if (end === -1 || out.length === MAX_SEGMENTS - 1) end = path.length;
    if (end > start) {
      const seg = classifySegment(path.slice(start, end), previous);
      if (seg.raw.length > 0) {
        out.push(seg);
        previous = seg.kind === 'literal' ? seg.raw : undefined;
      }
    }
    start = end + 1;
  }
  return out;
}

/** English-ish singular of a collection name, good enough for parameter names (`categories` → `category`). */
export function singular(word: string): string {
  const w = word;
  const lower = w.toLowerCase();
  if (lower.length > 4 && lower.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (lower.length > 4 && /(ses|xes|zes|ches|shes)$/.test(lower) && !lower.endsWith('ises')) return w.slice(0, -2);
  if (lower.length > 3 && lower.endsWith('s') && !/(ss|us|is)$/.test(lower)) return w.slice(0, -1);
  return w;
}

/** camelCase identifier from a segment (`application-configuration` → `applicationConfiguration`); '' when none. */
export function camelName(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let out = '';
  for (const w of words) {
    if (out === '') out = w.charAt(0).toLowerCase() + w.slice(1);
    else out += w.charAt(0).toUpperCase() + w.slice(1);
  }
  if (out.length > 40) out = out.slice(0, 40);
  return /^[A-Za-z]/.test(out) ? out : '';
}

/**
 * The base name of a path parameter from its kind and the literal segment before it:
 * `/users/{userId}`, `/orders/{orderId}`, `/people/{email}`, `/reports/{date}`; learned word values get the
 * singular (`/repos/{repo}`, `/products/{product}`).
 */
export function paramBaseName(kind: SegmentKind | 'word', previousLiteral: string | undefined): string {
  if (kind === 'email') return 'email';
  if (kind === 'date' || kind === 'date-time') return 'date';
  if (kind === 'semver') return 'version';
  const base = previousLiteral !== undefined && !isVersionSegment(previousLiteral) ? camelName(singular(safeDecode(previousLiteral))) : '';
  if (kind === 'word') return base || 'name';
  if (kind === 'ipv4') return base ? `${base}Ip` : 'ip';
  return base ? `${base}Id` : 'id';
}

/** Makes `name` unique among `used` by appending 2, 3, … (and records it). */
export function uniqueName(name: string, used: Set<string>): string {
  let n = name;
  for (let i = 2; used.has(n); i++) n = `${name}${i}`;
  used.add(n);
  return n;
}

export interface TemplatedPath {
  /** OpenAPI-style template, `/users/{userId}`; `/` for the root. */
  readonly template: string;
  readonly segments: readonly PathSegment[];
  /** The parameters in order, with the value seen in this path. */
  readonly params: ReadonlyArray<{ readonly name: string; readonly kind: SegmentKind; readonly value: string; readonly position: number }>;
}

/** Templates one path from this observation alone (ids, hashes, emails, dates… become parameters). */
export function templatePath(path: string): TemplatedPath {
  const segments = splitPath(path);
  const used = new Set<string>();
  const parts: string[] = [];
  const params: Array<{ name: string; kind: SegmentKind; value: string; position: number }> = [];
  let previousLiteral: string | undefined;
  segments.forEach((s, position) => {
    if (s.kind === 'literal') {
      parts.push(s.raw);
      previousLiteral = s.raw;
      return;
    }
    const name = uniqueName(paramBaseName(s.kind, previousLiteral), used);
    parts.push(`{${name}}${s.suffix}`);
    params.push({ name, kind: s.kind, value: s.value, position });
    previousLiteral = undefined;
  });
  return { template: `/${parts.join('/')}`, segments, params };
}
