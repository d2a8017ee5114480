import type { LintRule } from '../lint-rule.js';
import { OPERATIONS } from '../lint-rule.js';
import { operationAt } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

const hasText = (v: unknown) => typeof v === 'string' && v.trim().length > 0;

/** Every operation says what it does (`description` or `summary`). */
export const operationDescription: LintRule = {
  id: 'operation-description',
  severity: 'info',
  owasp: null,
  cwe: null,
  title: 'Operations are described',
  description: 'Reviewers, testers and the people triaging an alert need to know what an operation does and who may call it; an undescribed operation is reviewed by guesswork.',
  fix: 'Add a `summary` (one line) and a `description` saying what the operation does, who may call it and what data it returns.',
  given: OPERATIONS,
  check(_t, { root, path }) {
    const op = operationAt(root, path);
    if (!op || hasText(op.op.description) || hasText(op.op.summary)) return [];
    return [{ message: `${op.method.toUpperCase()} ${op.pathKey} has no description or summary.`, path: op.at }];
  },
  vectors: {
    fire: [{ document: vectorSpec({ '/a': { get: { responses: { 200: ok } } } }), at: ["$.paths['/a'].get"] }],
    pass: [vectorSpec({ '/a': { get: { summary: 'List things', responses: { 200: ok } } } })],
  },
};
