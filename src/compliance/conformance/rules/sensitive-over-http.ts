import type { ComplyRule } from '../comply-rule.js';

const LOOPBACK = /^(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])(?::\d+)?$/;

/** Credentials, personal or card data over plain HTTP to a non-loopback host. */
export const sensitiveOverHttp: ComplyRule = {
  id: 'sensitive-over-http',
  category: 'data-exposure',
  title: 'Sensitive data over plain HTTP',
  description: 'Credentials, personal data or card data travel over unencrypted HTTP, readable and modifiable by anyone on the network path.',
  fix: 'Serve the API over HTTPS only (TLS 1.2+), redirect or refuse plain HTTP, and send HSTS.',
  severity: 'error',
  owasp: 'API8:2023',
  cwe: 'CWE-319',
  regulations: ['PCI-DSS-4.0:4.2.1', 'GDPR:Art.32'],
  check: (obs) => {
    if (obs.scheme !== 'http' || LOOPBACK.test(obs.host)) return [];
    const what: string[] = [...new Set(obs.sensitive.map((s) => s.type))];
    if (obs.authenticated) what.unshift('credentials');
    return what.length ? [{ path: 'request.scheme', message: `${obs.endpoint} carries ${what.join(', ')} over plain http://${obs.host}`, evidence: `http://${obs.host}${obs.target}` }] : [];
  },
  vectors: {
    fire: [
      { obs: { scheme: 'http', authenticated: true }, hits: 1 },
      { obs: { scheme: 'http', authenticated: false, sensitive: [{ type: 'email', direction: 'response', location: 'body', name: '$.email', evidence: 'a***@example.com' }] }, hits: 1 },
    ],
    quiet: [{ scheme: 'https', authenticated: true }, { scheme: 'http', host: 'localhost:3000', authenticated: true }, { scheme: 'http', authenticated: false }],
  },
};
