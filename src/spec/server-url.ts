/**
 * Server URLs → `ApiServer` (host and base path), shared by the OpenAPI and Postman converters.
 */
import type { ApiServer } from '../core/api-description.js';

const ABSOLUTE = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/;
const PROTOCOL_RELATIVE = /^\/\/([^/?#]*)([^?#]*)/;

/**
 * Parses a server URL (absolute, protocol-relative or relative; `{variables}` already substituted where they have
 * defaults). The base path keeps its leading slash and loses its trailing one (`''` for the root).
 */
export function parseServerUrl(url: string): ApiServer {
  const trimmed = url.trim();
  let m = ABSOLUTE.exec(trimmed);
  if (m) {
    const scheme = (m[1] as string).toLowerCase();
    return { url: trimmed, host: normaliseServerHost(m[2] as string, scheme), basePath: normaliseBasePath(m[3] as string) };
  }
  m = PROTOCOL_RELATIVE.exec(trimmed);
  if (m) return { url: trimmed, host: normaliseServerHost(m[1] as string, ''), basePath: normaliseBasePath(m[2] as string) };
  const q = trimmed.search(/[?#]/);
  return { url: trimmed, basePath: normaliseBasePath(q === -1 ? trimmed : trimmed.slice(0, q)) };
}

/** `/api/v2/` → `/api/v2`, `v1` → `/v1`, `/` and `` → ``, `.` → ``. */
export function normaliseBasePath(path: string): string {
  let p = path.trim();
  if (p === '' || p === '/' || p === '.' || p === './') return '';
  if (p.startsWith('./')) p = p.slice(1);
  if (!p.startsWith('/')) p = `/${p}`;
  while (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p === '/' ? '' : p;
}

function normaliseServerHost(authority: string, scheme: string): string | undefined {
  const at = authority.lastIndexOf('@');
  let h = (at === -1 ? authority : authority.slice(at + 1)).toLowerCase();
  if (h === '') return undefined;
  if ((scheme === 'http' || scheme === 'ws') && h.endsWith(':80')) h = h.slice(0, -3);
  if ((scheme === 'https' || scheme === 'wss') && h.endsWith(':443')) h = h.slice(0, -4);
  return h;
}

/** Substitutes `{name}` with the variable's default; names without a default stay as written. */
export function substituteServerVariables(url: string, variables: unknown): string {
  if (url.indexOf('{') === -1 || variables === null || typeof variables !== 'object') return url;
  const vars = variables as Record<string, unknown>;
  return url.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
    const v = vars[name];
    const def = v !== null && typeof v === 'object' ? (v as Record<string, unknown>).default : undefined;
    return typeof def === 'string' || typeof def === 'number' ? String(def) : whole;
  });
}
