import type { LintRule, RuleHit } from '../lint-rule.js';
import { operationsOf } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

/** Every operation has an `operationId`, unique in the document. */
export const operationIdUnique: LintRule = {
  id: 'operation-id-unique',
  severity: 'warn',
  owasp: null,
  cwe: null,
  title: 'Operations have unique operationIds',
  description:
    'operationIds name operations in generated clients, gateways, test reports and the inventory; a missing or duplicated id makes findings, policies and code refer to the wrong operation.',
  fix: 'Give every operation a unique `operationId` (e.g. `getUserById`).',
  given: '$',
  check(root) {
    const hits: RuleHit[] = [];
    const first = new Map<string, string>();
    for (const op of operationsOf(root)) {
      const id = op.op.operationId;
      const label = `${op.method.toUpperCase()} ${op.pathKey}`;
      if (typeof id !== 'string' || id.trim() === '') {
        hits.push({ message: `${label} has no operationId.`, path: op.at });
        continue;
      }
      const prev = first.get(id);
      if (prev) hits.push({ message: `operationId "${id}" of ${label} is also used by ${prev}.`, path: [...op.at, 'operationId'] });
      else first.set(id, label);
    }
    return hits;
  },
  vectors: {
    fire: [
      {
        document: vectorSpec({ '/a': { get: { operationId: 'list', responses: { 200: ok } }, post: { responses: { 200: ok } } }, '/b': { get: { operationId: 'list', responses: { 200: ok } } } }),
        at: ["$.paths['/a'].post", "$.paths['/b'].get.operationId"],
      },
    ],
    pass: [vectorSpec({ '/a': { get: { operationId: 'listA', responses: { 200: ok } } }, '/b': { get: { operationId: 'listB', responses: { 200: ok } } } })],
  },
};
