/**
 * How alike two responses are: the judge functions compare an attack's response with its benign twin or with
 * the owner's own response. JSON bodies are compared leaf by leaf (path and value), other text token by token.
 * Bounded: at most `MAX_ITEMS` leaves or tokens per body.
 */

const MAX_ITEMS = 5000;
const MAX_PARSE = 2 * 1024 * 1024;

/** Parses a JSON body, or undefined when it is not JSON (or too large to compare). */
export function parseJsonBody(text: string | undefined): unknown {
  if (!text || text.length > MAX_PARSE) return undefined;
  const t = text.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Leaf values of a JSON value keyed by path (`items[0].id`). */
export function flattenJson(value: unknown, limit = MAX_ITEMS): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: unknown, path: string): void => {
    if (out.size >= limit) return;
    if (v !== null && typeof v === 'object') {
      const entries = Array.isArray(v) ? v.map((x, i) => [`[${i}]`, x] as const) : Object.entries(v).map(([k, x]) => [`.${k}`, x] as const);
      if (entries.length === 0) out.set(path || '$', Array.isArray(v) ? '[]' : '{}');
      for (const [k, x] of entries) walk(x, path + k);
      return;
    }
    out.set(path || '$', JSON.stringify(v) ?? 'undefined');
  };
  walk(value, '');
  return out;
}

/**
 * Similarity of two response bodies in [0, 1]: 1 for identical content. `ignore` lists strings (such as
 * the payloads sent) removed from both before comparing, so reflected input does not count as a difference.
 */
export function bodySimilarity(a: string | undefined, b: string | undefined, ignore: readonly string[] = []): number {
  const A = strip(a ?? '', ignore);
  const B = strip(b ?? '', ignore);
  if (A === B) return 1;
  const ja = parseJsonBody(A);
  const jb = parseJsonBody(B);
  if (ja !== undefined && jb !== undefined) {
    const fa = flattenJson(ja);
    const fb = flattenJson(jb);
    let same = 0;
    for (const [k, v] of fa) if (fb.get(k) === v) same++;
    const total = fa.size + fb.size;
    return total === 0 ? 1 : (2 * same) / total;
  }
  const ta = tokens(A);
  const tb = tokens(B);
  const total = ta.length + tb.length;
  if (total === 0) return 1;
  const counts = new Map<string, number>();
  for (const t of ta) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of tb) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      common++;
      counts.set(t, c - 1);
    }
  }
  return (2 * common) / total;
}

function strip(text: string, ignore: readonly string[]): string {
  let out = text;
  for (const s of ignore) {
    if (!s) continue;
    out = out.split(s).join('');
    const json = JSON.stringify(s).slice(1, -1);
    if (json !== s) out = out.split(json).join('');
  }
  return out;
}

function tokens(text: string): string[] {
  const out: string[] = [];
  const re = /[\p{L}\p{N}_]+/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && out.length < MAX_ITEMS) out.push(m[0]);
  return out;
}

/** Length of the largest array in a JSON body (depth-bounded): the number of items a list returned. */
export function largestArrayLength(value: unknown, depth = 0): number {
  if (depth > 4 || value === null || typeof value !== 'object') return 0;
  if (Array.isArray(value)) return Math.max(value.length, ...value.slice(0, 20).map((v) => largestArrayLength(v, depth + 1)));
  let best = 0;
  for (const v of Object.values(value)) best = Math.max(best, largestArrayLength(v, depth + 1));
  return best;
}

/** True when a body has content worth comparing (not empty, not an empty JSON object or array). */
export function hasContent(text: string | undefined): boolean {
  if (!text || !text.trim()) return false;
  const j = parseJsonBody(text);
  if (j === undefined) return true;
  return typeof j !== 'object' || j === null ? true : Array.isArray(j) ? j.length > 0 : Object.keys(j).length > 0;
}
