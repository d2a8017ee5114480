/**
 * JSON bodies: every string leaf and every key, at any depth up to `maxDepth`, each with a JSON-path location
 * (`json:$.user.name`, `json:$.items[0].sku`, `json:$["odd key"]`). Numbers, booleans and null carry no payload
 * and are skipped. Keys are reported as `name` targets at the location of their member.
 */
import type { Target } from './types.js';

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** The JSON-path step for a member name. */
export function jsonPathStep(key: string): string {
  return IDENT.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

export interface CollectLimits {
  readonly maxDepth: number;
  /** How many more targets may be added; the walk stops when it reaches 0. */
  remaining: number;
  /** Set when a limit cut the walk short. */
  cut?: string;
}

/** Adds the targets of a parsed JSON value to `out`. */
export function collectJson(value: unknown, prefix: string, out: Target[], limits: CollectLimits): void {
  walk(value, prefix, 0, out, limits);
}

function walk(value: unknown, path: string, depth: number, out: Target[], limits: CollectLimits): void {
  if (limits.remaining <= 0) {
    limits.cut ??= 'too many values to inspect';
    return;
  }
  if (typeof value === 'string') {
    out.push({ kind: 'arg', location: `json:${path}`, value });
    limits.remaining--;
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth >= limits.maxDepth) {
    limits.cut ??= `JSON nested deeper than ${limits.maxDepth}`;
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && limits.remaining > 0; i++) walk(value[i], `${path}[${i}]`, depth + 1, out, limits);
    if (limits.remaining <= 0) limits.cut ??= 'too many values to inspect';
    return;
  }
  for (const key in value as Record<string, unknown>) {
    if (limits.remaining <= 0) {
      limits.cut ??= 'too many values to inspect';
      return;
    }
    const child = `${path}${jsonPathStep(key)}`;
    out.push({ kind: 'name', location: `json:${child}`, value: key });
    limits.remaining--;
    walk((value as Record<string, unknown>)[key], child, depth + 1, out, limits);
  }
}
