/**
 * The compromised-token filter (request-headers phase): the credential of each configured header (for
 * `Authorization`, the part after the scheme) and query parameter is hashed with SHA-256 and looked up in the
 * deny list, which holds only hashes — the gateway never needs, stores or logs the tokens themselves.
 * A hit blocks with `token.denied` (401 by default).
 */
import { createHash } from 'node:crypto';
import type { StopVerdict } from '../../../core/verdict.js';
import { CONTINUE } from '../../../core/verdict.js';
import type { Filter } from '../../phases/phase.js';
import type { Transaction } from '../../transaction.js';

export interface TokenDenylistOptions {
  /** Lower-case hex SHA-256 digests. */
  readonly hashes: readonly string[];
  readonly headers: readonly string[];
  readonly queryParams: readonly string[];
  readonly status: (rule: string, fallback: number) => number;
}

/** SHA-256 hex of a token, as stored in the deny list (`rampart`-side helper for people building lists). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The credential part of a header value: after the auth scheme for `authorization`, else the whole value. */
export function credentialOf(header: string, value: string): string {
  const v = value.trim();
  if (header !== 'authorization' && header !== 'proxy-authorization') return v;
  const sp = v.indexOf(' ');
  return sp === -1 ? v : v.slice(sp + 1).trim();
}

export function createTokenDenylistFilter(options: TokenDenylistOptions): Filter | undefined {
  if (options.hashes.length === 0) return undefined;
  const set = new Set(options.hashes.map((h) => h.toLowerCase()));
  const verdict: StopVerdict = Object.freeze({ action: 'block', rule: 'token.denied', status: options.status('token.denied', 401), reason: 'the credential is on the compromised-token deny list' });
  const headers = options.headers;
  const params = new Set(options.queryParams);
  return {
    name: 'tokenDenylist',
    phase: 'request-headers',
    evaluate(tx: Transaction) {
      for (const h of headers) {
        const v = tx.header(h);
        if (v !== undefined && v.length > 0 && set.has(hashToken(credentialOf(h, v)))) return verdict;
      }
      if (params.size > 0 && tx.query.length > 0) {
        for (const [name, value] of tx.queryPairs()) if (params.has(name) && value && set.has(hashToken(value))) return verdict;
      }
      return CONTINUE;
    },
  };
}
