/**
 * Resource names tie ids together across operations: `orderId` in a body, `{id}` after `/orders/` in a path and
 * the `id` of an object returned by `POST /orders` all name the resource `order`.
 */

/** Normalises a noun: lower-case, separators removed, simple plurals made singular (`orders` → `order`). */
export function singular(word: string): string {
  let w = word.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && (w.endsWith('sses') || w.endsWith('xes'))) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  return w;
}

/** True for names that hold an object id: `id`, `_id`, `uuid`, `orderId`, `order_id`, `orderUUID`. */
export function isIdName(name: string): boolean {
  const n = name.toLowerCase();
  if (n === 'id' || n === '_id' || n === 'uuid' || n === 'guid') return true;
  // a word boundary before the suffix: camelCase (orderId, orderUUID) or a separator (order_id, order-id); `valid` and `paid` are not ids
  return /[a-z0-9](?:Id|ID|Uuid|UUID|Guid|GUID)$/.test(name) || /[a-z0-9][_-](?:id|uuid|guid)$/i.test(name);
}

/** The resource an id-holding name refers to (`orderId` → `order`), or undefined for a bare `id`. */
export function resourceOfIdName(name: string): string | undefined {
  if (!isIdName(name)) return undefined;
  const m = /^(.*?)[_-]?(?:id|uuid|guid)$/i.exec(name);
  const base = m?.[1];
  if (!base || base === '_') return undefined;
  return singular(base);
}

/** Static segments of a path template (`/api/v2/orders/{orderId}/items` → `api`, `v2`, `orders`, `items`). */
export function staticSegments(template: string): string[] {
  return template.split('/').filter((s) => s && !s.includes('{'));
}

/**
 * The resource a path parameter names: from its own name (`{orderId}` → `order`), else from the static
 * segment before it (`/orders/{id}` → `order`).
 */
export function resourceOfPathParam(template: string, param: string): string | undefined {
  const own = resourceOfIdName(param);
  if (own) return own;
  const segs = template.split('/');
  const i = segs.indexOf(`{${param}}`);
  for (let j = i - 1; j >= 0; j--) {
    const s = segs[j];
    if (s && !s.includes('{') && !/^v\d+$/i.test(s)) return singular(s);
  }
  return undefined;
}

/** Segments that name no resource: API prefixes and the current-user aliases (`/users/me`). */
const SKIPPED_SEGMENTS = new Set(['api', 'me', 'self', 'current', 'mine']);

/** The resource a collection path returns or creates (`/orders` → `order`, `/users/{id}/orders` → `order`). */
export function resourceOfPath(template: string): string | undefined {
  const segs = template.split('/').filter(Boolean);
  for (let j = segs.length - 1; j >= 0; j--) {
    const s = segs[j]!;
    if (s.includes('{')) {
      // `/orders/{orderId}`: the object is the order
      const name = s.slice(1, -1);
      const r = resourceOfPathParam(template, name);
      if (r) return r;
      continue;
    }
    if (/^v\d+$/i.test(s) || SKIPPED_SEGMENTS.has(s.toLowerCase())) continue;
    return singular(s);
  }
  return undefined;
}
