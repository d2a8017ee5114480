import { PERSONAL_TYPES, type ComplyRule } from '../comply-rule.js';

/** Personal data (emails, phone numbers, SSNs, IBANs, birth dates) in URLs. */
export const piiInQuery: ComplyRule = {
  id: 'pii-in-query',
  category: 'data-exposure',
  title: 'Personal data in a URL',
  description: 'Personal data travels in the query string or path, so it is copied to access logs, analytics, proxies and browser history, beyond the purpose it was collected for.',
  fix: 'Move the value to the request body (POST search) or to an opaque identifier; mask it in logs.',
  severity: 'warn',
  owasp: 'API8:2023',
  cwe: 'CWE-598',
  regulations: ['GDPR:Art.5(1)(f)', 'GDPR:Art.32', 'PCI-DSS-4.0:3.5.1'],
  check: (obs) =>
    obs.sensitive
      .filter((s) => s.direction === 'request' && (s.location === 'query' || s.location === 'path') && PERSONAL_TYPES.has(s.type) && s.type !== 'payment-card')
      .map((s) => ({
        path: `request.${s.location}.${s.name}`,
        message: `${obs.endpoint}: ${s.type} sent in the ${s.location === 'path' ? 'URL path' : `query parameter "${s.name}"`}`,
        evidence: s.evidence,
        ...(s.type === 'us-ssn' ? { severity: 'error' as const } : {}),
      })),
  vectors: {
    fire: [{ obs: { sensitive: [{ type: 'email', direction: 'request', location: 'query', name: 'email', evidence: 'a***@example.com' }] }, hits: 1 }],
    quiet: [{ sensitive: [{ type: 'email', direction: 'request', location: 'body', name: '$.email', evidence: 'a***@example.com' }] }],
  },
};
