/**
 * A realistic fake success response for an operation, from its spec: the first 2xx response (or `2XX`, or
 * `default`), its JSON media type's example if it has one, else a value generated from its schema
 * (`sampleValue`, response direction: writeOnly properties left out) with realistic strings varied by `seed`.
 * Without a spec operation: `200 {}`. Pure.
 */
import type { ApiOperation, ApiResponse } from '../../core/api-description.js';
import { sampleValue } from '../../spec/index.js';
import { realisticStrings } from './realistic-strings.js';

export interface FakeResponse {
  readonly status: number;
  /** Empty for responses without a body (204). */
  readonly contentType: string;
  readonly body: string;
}

const EMPTY_JSON: FakeResponse = Object.freeze({ status: 200, contentType: 'application/json', body: '{}' });

function successOf(op: ApiOperation): { status: number; response: ApiResponse } | undefined {
  const codes = Object.keys(op.responses);
  const exact = codes.filter((c) => /^2\d\d$/.test(c)).sort()[0];
  if (exact) return { status: Number(exact), response: op.responses[exact] as ApiResponse };
  const range = codes.find((c) => c.toUpperCase() === '2XX') ?? codes.find((c) => c === 'default');
  return range ? { status: 200, response: op.responses[range] as ApiResponse } : undefined;
}

export function fakeResponse(op: ApiOperation | undefined, seed: number): FakeResponse {
  if (!op) return EMPTY_JSON;
  const ok = successOf(op);
  if (!ok) return EMPTY_JSON;
  const types = Object.keys(ok.response.content);
  if (types.length === 0) return { status: ok.status, contentType: '', body: '' };
  const type = types.find((t) => /[/+]json\b/i.test(t)) ?? types[0] as string;
  const media = ok.response.content[type];
  const value = media?.example !== undefined ? media.example : sampleValue(media?.schema, { direction: 'response', seed, strings: realisticStrings });
  if (/json/i.test(type)) return { status: ok.status, contentType: type, body: JSON.stringify(value ?? {}) };
  return { status: ok.status, contentType: type, body: typeof value === 'string' ? value : JSON.stringify(value ?? '') };
}
