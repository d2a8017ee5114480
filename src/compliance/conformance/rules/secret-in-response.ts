import type { ComplyRule } from '../comply-rule.js';

/** Credentials and keys in responses (a JWT is expected from login endpoints and is judged by `token-sensitive-claims`). */
export const secretInResponse: ComplyRule = {
  id: 'secret-in-response',
  category: 'data-exposure',
  title: 'Secret returned in a response',
  description: 'A response carries a password, private key, cloud or SaaS API key, or another secret: anyone who can call the endpoint (or read its logs and caches) obtains the credential.',
  fix: 'Never return credentials after creation; return a masked form or a key id; rotate the exposed secrets.',
  severity: 'error',
  owasp: 'API3:2023',
  cwe: 'CWE-200',
  regulations: ['PCI-DSS-4.0:8.3.2', 'PCI-DSS-4.0:3.6.1', 'GDPR:Art.32'],
  check: (obs) =>
    obs.sensitive
      .filter((s) => s.direction === 'response' && s.type !== 'jwt' && s.type !== 'ip-address' && ['password', 'generic-secret', 'private-key', 'aws-access-key', 'github-token', 'slack-token', 'stripe-key'].includes(s.type))
      .map((s) => ({
        path: `response.${s.location}${s.location === 'body' ? s.name : `.${s.name}`}`,
        message: `${obs.endpoint} returns a secret (${s.type}) at ${s.name}`,
        evidence: s.evidence,
        ...(s.type === 'generic-secret' ? { severity: 'warn' as const } : {}),
      })),
  vectors: {
    fire: [{ obs: { sensitive: [{ type: 'aws-access-key', direction: 'response', location: 'body', name: '$.key', evidence: '[REDACTED]' }] }, hits: 1 }],
    quiet: [{ sensitive: [{ type: 'jwt', direction: 'response', location: 'body', name: '$.token', evidence: '[REDACTED]' }] }],
  },
};
