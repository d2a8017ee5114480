import type { LintRule, RuleHit } from '../lint-rule.js';
import { isObj } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

/** Hosts that are never a production API: loopback, unspecified, documentation domains, local/test TLDs. */
const NON_PRODUCTION_HOST = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|0\.0\.0\.0|\[::1?\]|(.+\.)?example\.(com|org|net)|.+\.(local|localhost|test|example|invalid|internal))$/i;

/** The host of a server URL (lower-case, no port), or undefined for relative URLs. */
export function serverHost(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url);
  if (!m || m[1] === undefined) return undefined;
  const authority = m[1].replace(/^.*@/, '');
  return (authority.startsWith('[') ? authority.replace(/\].*$/, ']') : authority.replace(/:\d*$/, '')).toLowerCase();
}

/** Server lists name production hosts: no localhost, loopback or example/test domains. */
export const serverNotProduction: LintRule = {
  id: 'server-not-production',
  severity: 'warn',
  owasp: 'API9:2023',
  cwe: null,
  title: 'Servers are real production hosts',
  description:
    'A published spec listing `localhost`, loopback or example/test hosts documents environments nobody can reach or — worse — points clients and scanners at development deployments; the real production host is then undocumented.',
  fix: 'List the production server(s) in the published spec; keep development and staging servers in a separate spec or mark them with `x-internal: true`.',
  given: '$',
  check(root) {
    const hits: RuleHit[] = [];
    if (!isObj(root)) return hits;
    if (Array.isArray(root.servers)) {
      root.servers.forEach((s, i) => {
        if (!isObj(s) || typeof s.url !== 'string' || s['x-internal'] === true) return;
        const host = serverHost(s.url);
        if (host && NON_PRODUCTION_HOST.test(host)) hits.push({ message: `Server ${s.url} is not a production host.`, path: ['servers', i, 'url'] });
      });
    }
    if (root.swagger === '2.0' && typeof root.host === 'string') {
      const host = root.host.replace(/:\d*$/, '').toLowerCase();
      if (NON_PRODUCTION_HOST.test(host)) hits.push({ message: `Host ${root.host} is not a production host.`, path: ['host'] });
    }
    return hits;
  },
  vectors: {
    fire: [
      { document: vectorSpec({ '/a': { get: { responses: { 200: ok } } } }, { servers: [{ url: 'https://api.shop.io/v1' }, { url: 'http://localhost:3000/v1' }] }), at: ['$.servers[1].url'] },
      { document: { swagger: '2.0', info: { title: 'v', version: '1' }, host: 'petstore.example.com', paths: {} }, at: ['$.host'] },
    ],
    pass: [vectorSpec({ '/a': { get: { responses: { 200: ok } } } }, { servers: [{ url: 'https://api.shop.io/v1' }, { url: 'http://localhost:3000', 'x-internal': true }, { url: '/v1' }] })],
  },
};
