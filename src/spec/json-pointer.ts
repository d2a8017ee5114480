/**
 * JSON Pointer (RFC 6901) helpers: encoding tokens, splitting pointers, reading values.
 */

/** Escapes one reference token (`~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string | number): string {
  const s = String(token);
  if (s.indexOf('~') === -1 && s.indexOf('/') === -1) return s;
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins tokens into a pointer: `['paths', '/a', 'get']` → `/paths/~1a/get`. */
export function joinPointer(tokens: ReadonlyArray<string | number>): string {
  let out = '';
  for (const t of tokens) out += `/${escapePointerToken(t)}`;
  return out;
}

/** Appends one token to a pointer. */
export function appendPointer(pointer: string, token: string | number): string {
  return `${pointer}/${escapePointerToken(token)}`;
}

/**
 * Splits a pointer (`/a/b`, `#/a/b`, or a URI fragment with percent-escapes) into unescaped tokens.
 * Returns undefined when the string is not a pointer.
 */
export function parsePointer(pointer: string): string[] | undefined {
  let p = pointer;
  if (p.startsWith('#')) {
    p = p.slice(1);
    if (p.indexOf('%') !== -1) {
      try {
        p = decodeURIComponent(p);
      } catch {
        return undefined;
      }
    }
  }
  if (p === '') return [];
  if (!p.startsWith('/')) return undefined;
  return p
    .slice(1)
    .split('/')
    .map((t) => (t.indexOf('~') === -1 ? t : t.replace(/~1/g, '/').replace(/~0/g, '~')));
}

/** The value at `tokens` inside `root`, or undefined when the path does not exist. */
export function getAtTokens(root: unknown, tokens: readonly string[]): unknown {
  let node: unknown = root;
  for (const t of tokens) {
    if (node === null || typeof node !== 'object') return undefined;
    if (Array.isArray(node)) {
      if (!/^(?:0|[1-9][0-9]*)$/.test(t)) return undefined;
      node = node[Number(t)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(node, t)) return undefined;
      node = (node as Record<string, unknown>)[t];
    }
  }
  return node;
}

/** The value at a pointer inside `root`, or undefined. */
export function getAtPointer(root: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  return tokens === undefined ? undefined : getAtTokens(root, tokens);
}
