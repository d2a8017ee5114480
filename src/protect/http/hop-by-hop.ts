/**
 * Hop-by-hop header fields (RFC 9110 §7.6.1): meaningful for one connection only, so a proxy removes them —
 * the fixed list plus every field the `Connection` header names. `Expect` is answered by the gateway itself
 * (Node sends `100 Continue`), so it is not forwarded either.
 */

const FIXED = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'proxy-authenticate', 'proxy-authorization']);

/** Lower-case names listed in the `Connection` header values of a raw header list. */
export function connectionTokens(raw: readonly string[]): Set<string> | undefined {
  let out: Set<string> | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const n = raw[i] as string;
    if (n.length === 10 && n.toLowerCase() === 'connection') {
      for (const t of (raw[i + 1] as string).split(',')) {
        const v = t.trim().toLowerCase();
        if (v) (out ??= new Set()).add(v);
      }
    }
  }
  return out;
}

export function isHopByHop(lowerName: string, listed: Set<string> | undefined): boolean {
  return FIXED.has(lowerName) || (listed !== undefined && listed.has(lowerName));
}
