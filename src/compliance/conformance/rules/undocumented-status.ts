import { VECTOR_OPERATION, type ComplyRule } from '../comply-rule.js';
import { specPath } from '../locations.js';

/** Status codes served by a documented operation that its `responses` do not list (nor a range nor `default`). */
export const undocumentedStatus: ComplyRule = {
  id: 'undocumented-status',
  category: 'conformance',
  title: 'Status code returned but not documented',
  description: 'The operation answers with status codes its spec does not list: unplanned error paths (often 5xx with internals) that clients and monitoring do not expect.',
  fix: 'Document the status code with its response schema (errors: one problem+json shape), or fix the handler that produces it.',
  severity: 'warn',
  owasp: 'API8:2023',
  cwe: 'CWE-754',
  regulations: ['PCI-DSS-4.0:6.2.4'],
  check: (obs) => {
    if (obs.status === undefined || !obs.responseIssues.some((i) => i.keyword === 'status')) return [];
    const redirectish = obs.status < 400;
    return [{ path: specPath(obs, 'responses'), message: `${obs.endpoint} returns status ${obs.status}, which the spec does not document`, evidence: String(obs.status), ...(redirectish ? { severity: 'info' as const } : {}) }];
  },
  vectors: {
    fire: [{ obs: { operation: VECTOR_OPERATION, status: 500, responseIssues: [{ location: 'status', pointer: '', keyword: 'status', message: 'undocumented' }] }, hits: 1 }],
    quiet: [{ operation: VECTOR_OPERATION, status: 200 }],
  },
};
