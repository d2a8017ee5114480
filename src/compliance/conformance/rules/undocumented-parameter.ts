import { VECTOR_OPERATION, type ComplyRule } from '../comply-rule.js';
import { specPath } from '../locations.js';

/** Query parameters sent to a documented operation that its spec does not declare. */
export const undocumentedParameter: ComplyRule = {
  id: 'undocumented-parameter',
  category: 'conformance',
  title: 'Parameter sent but not documented',
  description: 'Clients send parameters the operation does not declare: hidden inputs (debug flags, filters, mass-assignment fields) that were never reviewed or validated.',
  fix: 'Declare the parameter with a bounded schema, or reject unknown parameters (rampart protect: spec filter, unknown parameters = block).',
  severity: 'warn',
  owasp: 'API8:2023',
  cwe: 'CWE-20',
  regulations: ['PCI-DSS-4.0:6.2.4'],
  check: (obs) =>
    obs.requestIssues
      .filter((i) => i.keyword === 'unknownParameter')
      .map((i) => ({ path: specPath(obs, 'parameters'), message: `query parameter "${i.name ?? '?'}" is sent to ${obs.endpoint} but not documented` })),
  vectors: {
    fire: [{ obs: { operation: VECTOR_OPERATION, operationPath: ['paths', '/x', 'get'], requestIssues: [{ location: 'query', name: 'debug', pointer: '', keyword: 'unknownParameter', message: 'unknown' }] }, hits: 1 }],
    quiet: [{ operation: VECTOR_OPERATION, requestIssues: [{ location: 'query', name: 'limit', pointer: '', keyword: 'type', message: 'must be integer' }] }],
  },
};
