import type { ComplyRule } from '../comply-rule.js';

/** JWTs handed to clients whose (readable, unencrypted) claims hold passwords, hashes or personal data. */
export const tokenSensitiveClaims: ComplyRule = {
  id: 'token-sensitive-claims',
  category: 'data-exposure',
  title: 'Token carries sensitive claims',
  description: 'A JWT returned by the API carries claims such as a password hash or personal data. JWS payloads are only base64-encoded: anyone holding the token (browser storage, logs, proxies) can read them.',
  fix: 'Keep only an opaque subject id and the claims authorisation needs in the token; never put passwords or hashes in it; use JWE if personal data must travel.',
  severity: 'error',
  owasp: 'API3:2023',
  cwe: 'CWE-200',
  regulations: ['PCI-DSS-4.0:8.3.2', 'GDPR:Art.32', 'GDPR:Art.5(1)(c)'],
  check: (obs) => (obs.tokenClaims.length ? [{ path: 'response.body', message: `${obs.endpoint} returns a JWT whose claims include ${obs.tokenClaims.join(', ')}`, evidence: `claims: ${obs.tokenClaims.join(', ')}` }] : []),
  vectors: {
    fire: [{ obs: { tokenClaims: ['data.password'] }, hits: 1 }],
    quiet: [{ tokenClaims: [] }],
  },
};
