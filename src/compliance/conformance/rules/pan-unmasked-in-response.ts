import type { ComplyRule } from '../comply-rule.js';

/** Full card numbers in responses: PCI DSS allows at most the first six / last four digits to be displayed. */
export const panUnmaskedInResponse: ComplyRule = {
  id: 'pan-unmasked-in-response',
  category: 'data-exposure',
  title: 'Card number (PAN) returned unmasked',
  description: 'A response returns a full, Luhn-valid primary account number. PCI DSS requires PANs to be masked when displayed (at most BIN and last four digits) unless there is a documented business need.',
  fix: 'Mask the PAN on the server (keep the last four digits), or return a token from the card vault instead.',
  severity: 'error',
  owasp: 'API3:2023',
  cwe: 'CWE-359',
  regulations: ['PCI-DSS-4.0:3.4.1', 'PCI-DSS-4.0:3.3.1', 'GDPR:Art.32'],
  check: (obs) =>
    obs.sensitive
      .filter((s) => s.type === 'payment-card' && s.direction === 'response')
      .map((s) => ({ path: `response.${s.location}${s.location === 'body' ? s.name : `.${s.name}`}`, message: `${obs.endpoint} returns an unmasked card number at ${s.name}`, evidence: s.evidence })),
  vectors: {
    fire: [{ obs: { sensitive: [{ type: 'payment-card', direction: 'response', location: 'body', name: '$.cardNum', evidence: '**** **** **** 1111' }] }, hits: 1 }],
    quiet: [{ sensitive: [{ type: 'email', direction: 'response', location: 'body', name: '$.email', evidence: 'a***@example.com' }] }],
  },
};
