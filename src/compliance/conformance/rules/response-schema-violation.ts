import { VECTOR_OPERATION, type ComplyRule } from '../comply-rule.js';
import { issueLocation } from '../locations.js';

/** Responses whose body or headers break the documented schema (types, formats, required fields). */
export const responseSchemaViolation: ComplyRule = {
  id: 'response-schema-violation',
  category: 'conformance',
  title: 'Response does not match the documented schema',
  description: 'Responses break the documented types, formats or required fields: clients built from the spec misread them, and the contract no longer describes what is served.',
  fix: 'Fix the handler to serve the documented shape, or correct the spec; add response validation to the API tests.',
  severity: 'warn',
  owasp: 'API8:2023',
  cwe: 'CWE-1286',
  regulations: ['PCI-DSS-4.0:6.2.4'],
  check: (obs) =>
    obs.responseIssues
      .filter((i) => i.keyword !== 'status' && i.keyword !== 'additionalProperties')
      .map((i) => ({ path: issueLocation('response', i), message: `${obs.endpoint}: response ${i.message} (${i.keyword})` })),
  vectors: {
    fire: [{ obs: { operation: VECTOR_OPERATION, responseIssues: [{ location: 'body', pointer: '/id', keyword: 'type', message: 'must be integer' }] }, hits: 1 }],
    quiet: [{ operation: VECTOR_OPERATION, responseIssues: [{ location: 'status', pointer: '', keyword: 'status', message: 'undocumented status 500' }] }],
  },
};
