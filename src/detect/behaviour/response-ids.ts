/**
 * Object ids an API handed to a principal: the `id` / `uuid` / `_id` fields of a JSON response (the top
 * object, its direct arrays, and the objects of a top-level array), bounded in size and count. The enumeration
 * detector uses them to learn who was given which object, so that someone else touching it later stands out.
 */
import { isJsonMediaType, mediaType, type Exchange } from '../../core/index.js';

const ID_KEYS = new Set(['id', 'uuid', '_id']);

function idValue(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.length > 0 && v.length <= 64) return v;
  return undefined;
}

function collect(o: unknown, out: string[], max: number): void {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return;
  for (const [k, v] of Object.entries(o)) {
    if (out.length >= max) return;
    if (ID_KEYS.has(k)) {
      const id = idValue(v);
      if (id !== undefined) out.push(id);
    }
  }
}

/** Ids in a JSON response body (at most `max`), or [] when the body is not JSON or over `maxBytes`. */
export function responseIds(exchange: Exchange, maxBytes = 65_536, max = 200): string[] {
  const res = exchange.response;
  const body = res?.body;
  if (!res || !body || body.encoding === 'base64' || body.truncated || body.text.length === 0 || body.text.length > maxBytes) return [];
  if (!isJsonMediaType(mediaType(res.headers))) return [];
  let v: unknown;
  try {
    v = JSON.parse(body.text);
  } catch {
    return [];
  }
  const out: string[] = [];
  if (Array.isArray(v)) {
    for (const item of v) {
      if (out.length >= max) break;
      collect(item, out, max);
    }
    return out;
  }
  collect(v, out, max);
  if (typeof v === 'object' && v !== null) {
    for (const child of Object.values(v)) {
      if (out.length >= max) break;
      if (Array.isArray(child)) for (const item of child.slice(0, max)) collect(item, out, max);
      else if (typeof child === 'object' && child !== null) collect(child, out, max);
    }
  }
  return out;
}
