/**
 * JSON pointer → source position for one JSON or YAML file, from js-yaml's event stream (JSON is YAML 1.2, and the
 * event parser is fast enough for a 20 MB spec: ~0.4 s). A mapping member maps to the position of its key, so a
 * finding at `/paths/~1pets/get` points at the `get:` line; sequence items map to their first character.
 * Built on demand (only lint and comply need positions) and kept per file.
 */
import { EVENT_ID, SCALAR_STYLE, getScalarValue, parseEvents } from 'js-yaml';
import { createLineIndex, type LineColumn } from './line-index.js';
import { escapePointerToken } from './json-pointer.js';

export interface PositionIndex {
  /**
   * Position of the value at `tokens` (unescaped pointer tokens); when the exact path is not in the file (merge keys,
   * aliases), the position of its nearest ancestor that is. Undefined only for an empty index.
   */
  locate(tokens: readonly string[]): LineColumn | undefined;
}

interface Frame {
  /** Pointer of this collection, or undefined inside an ignored subtree (a complex mapping key). */
  readonly pointer: string | undefined;
  readonly kind: 'map' | 'seq' | 'doc';
  expectKey: boolean;
  key: string | undefined;
  keyOffset: number;
  index: number;
}

/** Builds the pointer → offset map of a JSON or YAML text. A text that does not parse gives an empty index. */
export function createPositionIndex(text: string): PositionIndex {
  const offsets = new Map<string, number>();
  try {
    indexEvents(text, offsets);
  } catch {
    // positions are best effort: the value itself was parsed by the loader, which reports syntax errors
  }
  const lineOf = createLineIndex(text);
  return {
    locate(tokens) {
      let pointer = '';
      const prefixes: string[] = [''];
      for (const t of tokens) {
        pointer += `/${escapePointerToken(t)}`;
        prefixes.push(pointer);
      }
      for (let k = prefixes.length - 1; k >= 0; k--) {
        const o = offsets.get(prefixes[k] as string);
        if (o !== undefined) return lineOf(o);
      }
      return undefined;
    },
  };
}

function indexEvents(text: string, offsets: Map<string, number>): void {
  const events = parseEvents(text, { maxDepth: 10_000 });
  const stack: Frame[] = [];
  for (const ev of events) {
    if (ev.type === EVENT_ID.DOCUMENT) {
      stack.push({ pointer: '', kind: 'doc', expectKey: false, key: undefined, keyOffset: 0, index: 0 });
      continue;
    }
    if (ev.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const parent = stack[stack.length - 1];
    if (!parent) continue;
    const start =
      ev.type === EVENT_ID.SCALAR ? firstOffset(ev.anchorStart, ev.tagStart, isQuoted(ev.style) ? ev.valueStart - 1 : ev.valueStart) : ev.type === EVENT_ID.ALIAS ? ev.anchorStart - 1 : firstOffset(ev.anchorStart, ev.tagStart, ev.start);
    let pointer: string | undefined;
    if (parent.pointer === undefined) {
      pointer = undefined;
    } else if (parent.kind === 'doc') {
      pointer = '';
      if (!offsets.has('')) offsets.set('', start);
    } else if (parent.kind === 'seq') {
      pointer = `${parent.pointer}/${parent.index++}`;
      offsets.set(pointer, start);
    } else if (parent.expectKey) {
      parent.expectKey = false;
      parent.key = ev.type === EVENT_ID.SCALAR ? getScalarValue(text, ev) : undefined;
      parent.keyOffset = start;
      // a complex key (mapping or sequence as key) is skipped with its whole subtree
      pointer = undefined;
      if (ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE) {
        stack.push({ pointer: undefined, kind: ev.type === EVENT_ID.MAPPING ? 'map' : 'seq', expectKey: true, key: undefined, keyOffset: 0, index: 0 });
      }
      continue;
    } else {
      parent.expectKey = true;
      pointer = parent.key === undefined ? undefined : `${parent.pointer}/${escapePointerToken(parent.key)}`;
      if (pointer !== undefined && !offsets.has(pointer)) offsets.set(pointer, parent.keyOffset);
    }
    if (ev.type === EVENT_ID.MAPPING) stack.push({ pointer, kind: 'map', expectKey: true, key: undefined, keyOffset: 0, index: 0 });
    else if (ev.type === EVENT_ID.SEQUENCE) stack.push({ pointer, kind: 'seq', expectKey: false, key: undefined, keyOffset: 0, index: 0 });
  }
}

/** Quoted scalars start at their opening quote (the event's value range excludes it). */
function isQuoted(style: number): boolean {
  return style === SCALAR_STYLE.SINGLE_QUOTED || style === SCALAR_STYLE.DOUBLE_QUOTED;
}

function firstOffset(...candidates: number[]): number {
  let best = Number.MAX_SAFE_INTEGER;
  for (const c of candidates) if (c >= 0 && c < best) best = c;
  return best === Number.MAX_SAFE_INTEGER ? 0 : best;
}
