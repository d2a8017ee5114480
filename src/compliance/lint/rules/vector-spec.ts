/** Builds the small OpenAPI 3.0 documents rules use as test vectors. */
import type { VectorDocument } from '../lint-rule.js';

/** An OpenAPI 3.0.3 document with `paths` and optional extra top-level keys (servers, components, security…). */
export function vectorSpec(paths: Record<string, unknown>, extra: Record<string, unknown> = {}): VectorDocument {
  return { openapi: '3.0.3', info: { title: 'vector', version: '1.0.0' }, ...extra, paths };
}

/** A response object with a description only. */
export const ok = { description: 'ok' };
