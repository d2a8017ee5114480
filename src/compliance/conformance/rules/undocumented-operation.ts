import { VECTOR_OPERATION, type ComplyRule } from '../comply-rule.js';

/** Calls to operations the spec does not document (shadow API): nothing was reviewed or tested for them. */
export const undocumentedOperation: ComplyRule = {
  id: 'undocumented-operation',
  category: 'conformance',
  title: 'Operation called but not documented',
  description: 'Traffic reaches an operation that the specification does not describe (a shadow endpoint): it escapes design review, testing and the inventory.',
  fix: 'Document the operation in the spec (parameters, responses, security), or remove or block it at the gateway.',
  severity: 'warn',
  owasp: 'API9:2023',
  cwe: 'CWE-1059',
  regulations: ['PCI-DSS-4.0:6.3.2', 'PCI-DSS-4.0:12.5.1', 'GDPR:Art.30'],
  check: (obs) => (obs.operation ? [] : [{ path: '$.paths', message: `${obs.endpoint} is called but not documented in the spec`, evidence: `${obs.method} ${obs.target}` }]),
  vectors: {
    fire: [{ obs: { endpoint: 'GET /admin', operation: undefined }, hits: 1 }],
    quiet: [{ operation: VECTOR_OPERATION, operationPath: ['paths', '/x', 'get'] }],
  },
};
