import { VECTOR_OPERATION, type ComplyRule } from '../comply-rule.js';
import { issueLocation } from '../locations.js';

/** Requests whose parameters or body break the documented schema (type, format, required, bounds). */
export const requestSchemaViolation: ComplyRule = {
  id: 'request-schema-violation',
  category: 'conformance',
  title: 'Request does not match the documented schema',
  description: 'Requests reach the API with parameters or bodies that break the documented types, formats or bounds: the server accepts input the contract says it never receives.',
  fix: 'Validate requests against the spec before they reach the handler (rampart protect spec filter), or correct the spec if the traffic is right.',
  severity: 'warn',
  owasp: 'API8:2023',
  cwe: 'CWE-20',
  regulations: ['PCI-DSS-4.0:6.2.4'],
  check: (obs) =>
    obs.requestIssues
      .filter((i) => i.keyword !== 'unknownParameter')
      .map((i) => ({ path: issueLocation('request', i), message: `${obs.endpoint}: request ${i.message} (${i.keyword})` })),
  vectors: {
    fire: [{ obs: { operation: VECTOR_OPERATION, requestIssues: [{ location: 'body', pointer: '/qty', keyword: 'type', message: 'must be integer' }] }, hits: 1 }],
    quiet: [{ operation: VECTOR_OPERATION, requestIssues: [{ location: 'query', name: 'x', pointer: '', keyword: 'unknownParameter', message: 'unknown' }] }],
  },
};
