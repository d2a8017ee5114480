import { PERSONAL_TYPES, type ComplyRule } from '../comply-rule.js';

/** Personal or card data served to requests that carried no credential. */
export const sensitiveWithoutAuth: ComplyRule = {
  id: 'sensitive-without-auth',
  category: 'data-exposure',
  title: 'Sensitive data served without authentication',
  description: 'The endpoint returns personal or cardholder data to a request that carried no credential (no Authorization header, API key or session cookie).',
  fix: 'Require authentication on the operation (declare its security requirement and enforce it), and return personal data only to its owner.',
  severity: 'error',
  owasp: 'API2:2023',
  cwe: 'CWE-306',
  regulations: ['PCI-DSS-4.0:7.2.1', 'PCI-DSS-4.0:8.2.1', 'GDPR:Art.32', 'GDPR:Art.25'],
  check: (obs) => {
    if (obs.authenticated !== false) return [];
    const hits = obs.sensitive.filter((s) => s.direction === 'response' && PERSONAL_TYPES.has(s.type));
    const types = [...new Set(hits.map((s) => s.type))];
    const first = hits[0];
    return first ? [{ path: 'response.body', message: `${obs.endpoint} returns ${types.join(', ')} to unauthenticated requests`, evidence: `${obs.method} ${obs.target} (no credential) -> ${first.name}: ${first.evidence}` }] : [];
  },
  vectors: {
    fire: [{ obs: { authenticated: false, sensitive: [{ type: 'email', direction: 'response', location: 'body', name: '$.email', evidence: 'a***@example.com' }] }, hits: 1 }],
    quiet: [{ authenticated: true, sensitive: [{ type: 'email', direction: 'response', location: 'body', name: '$.email', evidence: 'a***@example.com' }] }],
  },
};
