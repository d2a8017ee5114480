/**
 * Identities the runner acts as: static credentials (headers, cookies, query parameters) or a login flow that
 * yields a token, refreshed when it expires or is refused. Declared in an auth file (`auth-file.ts`) or with
 * `--identity NAME=HEADER:VALUE`.
 */
import type { Header } from '../core/index.js';
import { RampartError } from '../core/index.js';

/** `user` identities own objects (alice, bob); `admin` is the privileged one; `anonymous` has no credentials. */
export type IdentityRole = 'user' | 'admin' | 'anonymous';

/** Where a login response carries the token. */
export type TokenSource =
  | { readonly from: 'json'; readonly path: ReadonlyArray<string | number>; readonly pathText: string }
  | { readonly from: 'header'; readonly name: string }
  | { readonly from: 'cookie'; readonly name: string };

/** How a token is sent with later requests. */
export type TokenUse =
  | { readonly in: 'header'; readonly name: string; readonly prefix: string }
  | { readonly in: 'cookie'; readonly name: string }
  | { readonly in: 'query'; readonly name: string };

export interface LoginFlow {
  readonly method: string;
  /** Path (with query) relative to the target's origin, e.g. `/api/v2/auth/login`. */
  readonly path: string;
  readonly headers: readonly Header[];
  readonly body?: { readonly kind: 'json'; readonly value: unknown } | { readonly kind: 'form'; readonly fields: ReadonlyArray<readonly [string, string]> };
  readonly token: TokenSource;
  readonly use: TokenUse;
  /** Re-login after this many ms even without a 401 (0 = only on expiry or 401). */
  readonly refreshEveryMs: number;
  /** JSON body field holding the password (for the lockout test), when the body has one. */
  readonly passwordField?: string;
}

export interface IdentityConfig {
  readonly name: string;
  readonly role: IdentityRole;
  /** A credential known to be expired (the expired-token test expects it refused). */
  readonly expired: boolean;
  readonly headers: readonly Header[];
  readonly cookies: ReadonlyArray<readonly [string, string]>;
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly login?: LoginFlow;
}

/**
 * Parses `NAME=HEADER:VALUE` (as given to `--identity`): `alice=Authorization:Bearer eyJ…`.
 * Several flags with the same name add several headers to that identity.
 */
export function parseIdentityFlag(flag: string): { name: string; header: Header } {
  const eq = flag.indexOf('=');
  const colon = eq === -1 ? -1 : flag.indexOf(':', eq + 1);
  const name = eq === -1 ? '' : flag.slice(0, eq).trim();
  const header = colon === -1 ? '' : flag.slice(eq + 1, colon).trim();
  const value = colon === -1 ? '' : flag.slice(colon + 1).trim();
  if (!name || !/^[A-Za-z0-9_.-]+$/.test(name) || !header || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header)) {
    throw new RampartError('E_USAGE', `--identity expects NAME=HEADER:VALUE, got "${flag.length > 60 ? `${flag.slice(0, 60)}…` : flag}"`, {
      fix: "write it as --identity 'alice=Authorization:Bearer eyJ…' (name, '=', header name, ':', value)",
    });
  }
  return { name, header: [header.toLowerCase(), value] };
}

/** Identities from `--identity` flags, merged by name; `admin` is privileged, the rest are users. */
export function identitiesFromFlags(flags: readonly string[]): IdentityConfig[] {
  const byName = new Map<string, Header[]>();
  for (const f of flags) {
    const { name, header } = parseIdentityFlag(f);
    byName.set(name, [...(byName.get(name) ?? []), header]);
  }
  return [...byName].map(([name, headers]) => ({ name, role: name === 'admin' ? 'admin' : 'user', expired: false, headers, cookies: [], query: [] }));
}

/** True when the identity carries credentials of any kind. */
export function hasCredentials(id: IdentityConfig): boolean {
  return Boolean(id.login) || id.headers.length > 0 || id.cookies.length > 0 || id.query.length > 0;
}

/** Merges identities by name: later lists override earlier ones (the command line overrides the auth file). */
export function mergeIdentities(...lists: ReadonlyArray<readonly IdentityConfig[]>): IdentityConfig[] {
  const byName = new Map<string, IdentityConfig>();
  for (const list of lists) for (const id of list) byName.set(id.name, id);
  return [...byName.values()];
}
