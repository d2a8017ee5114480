import type { ComplyRule } from '../comply-rule.js';

const LOG_SOURCES = new Set(['access-log', 'envoy-log']);

/** Card numbers (PAN) in request URLs: they end up in access logs, proxies, browser history and referrers. */
export const panInUrl: ComplyRule = {
  id: 'pan-in-url',
  category: 'data-exposure',
  title: 'Card number (PAN) in a URL or log',
  description: 'A Luhn-valid primary account number travels in the request path or query string, so it is written in clear to access logs, proxy logs, browser history and Referer headers.',
  fix: 'Send card data only in request bodies over TLS (or use a tokenisation service); purge the logs that hold PANs and mask PANs before logging.',
  severity: 'error',
  owasp: 'API8:2023',
  cwe: 'CWE-598',
  regulations: ['PCI-DSS-4.0:3.4.1', 'PCI-DSS-4.0:3.5.1', 'PCI-DSS-4.0:10.3.2', 'GDPR:Art.32'],
  check: (obs) =>
    obs.sensitive
      .filter((s) => s.type === 'payment-card' && s.direction === 'request' && (s.location === 'path' || s.location === 'query'))
      .map((s) => ({
        path: `request.${s.location}.${s.name}`,
        message: `${obs.endpoint}: a card number is sent in the ${s.location === 'path' ? 'URL path' : `query parameter "${s.name}"`}${obs.source && LOG_SOURCES.has(obs.source.kind) ? ' and is stored in the access log' : ' (written to access logs)'}`,
        evidence: s.evidence,
      })),
  vectors: {
    fire: [{ obs: { sensitive: [{ type: 'payment-card', direction: 'request', location: 'query', name: 'card', evidence: '************1111' }] }, hits: 1 }],
    quiet: [{ sensitive: [{ type: 'payment-card', direction: 'request', location: 'body', name: '$.card', evidence: '************1111' }] }],
  },
};
