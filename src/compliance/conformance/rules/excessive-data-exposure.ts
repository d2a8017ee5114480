import { sensitiveFieldKind } from '../../lint/rules/sensitive-field-in-response.js';
import { VECTOR_OPERATION, type ComplyRule } from '../comply-rule.js';
import { generaliseIndices } from '../locations.js';

function lastKey(path: string): string {
  const m = /(?:\.([^.[\]]+)|\['([^']+)'\])$/.exec(path);
  return m?.[1] ?? m?.[2] ?? '';
}

/** Response properties that the documented response schema does not list (excessive data exposure). */
export const excessiveDataExposure: ComplyRule = {
  id: 'excessive-data-exposure',
  category: 'conformance',
  title: 'Response returns fields outside the documented schema',
  description: 'Responses carry properties the spec does not document: the server serialises whole objects and relies on the client to filter them (OWASP API3, excessive data exposure).',
  fix: 'Return only the documented properties (an explicit response DTO per operation); document the field if it is meant to be public; set `additionalProperties: false` on response schemas.',
  severity: 'warn',
  owasp: 'API3:2023',
  cwe: 'CWE-213',
  regulations: ['GDPR:Art.5(1)(c)', 'GDPR:Art.25', 'PCI-DSS-4.0:3.2.1'],
  check: (obs) =>
    [...new Set(obs.extraResponseFields.map(generaliseIndices))].map((p) => {
      const sensitive = sensitiveFieldKind(lastKey(p)) === 'always';
      return {
        path: `response.body${p}`,
        message: `${obs.endpoint} returns ${p}, which its documented response schema does not list${sensitive ? ' (a sensitive field)' : ''}`,
        ...(sensitive ? { severity: 'error' as const } : {}),
      };
    }),
  vectors: {
    fire: [
      { obs: { operation: VECTOR_OPERATION, extraResponseFields: ['$.user.passwordHash'] }, hits: 1 },
      { obs: { operation: VECTOR_OPERATION, extraResponseFields: ['$.items[0].internal', '$.items[1].internal'] }, hits: 1 },
    ],
    quiet: [{ operation: VECTOR_OPERATION, extraResponseFields: [] }],
  },
};
