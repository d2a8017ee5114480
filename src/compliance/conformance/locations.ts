/**
 * How comply findings point at things: JSON paths into the spec (`$.paths['/orders'].post.responses`) and
 * exchange locations (`request.query.limit`, `response.body$.items[*].card`). Array indices in exchange
 * locations become `[*]` so that the same field in every exchange aggregates into one finding.
 */
import { formatJsonPath } from '../lint/json-path.js';
import type { ValidationIssue } from '../../spec/index.js';
import type { Observation } from './comply-rule.js';

/** `$.paths['/orders'].post` plus `more` segments, or `$.paths` when the call matched no operation. */
export function specPath(obs: Pick<Observation, 'operationPath'>, ...more: (string | number)[]): string {
  return obs.operationPath ? formatJsonPath([...obs.operationPath, ...more]) : '$.paths';
}

/** A JSON pointer (`/items/0/qty`) as a JSON path with indices generalised (`$.items[*].qty`). */
export function pointerToPath(pointer: string): string {
  if (pointer === '' || pointer === '/') return '$';
  const segs = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return generaliseIndices(formatJsonPath(segs.map((s) => (/^\d+$/.test(s) ? Number(s) : s))));
}

/** `$.items[3].x` -> `$.items[*].x`. */
export function generaliseIndices(path: string): string {
  return path.replace(/\[\d+\]/g, '[*]');
}

/** Where a validation issue is in the exchange: `request.query.limit`, `response.body$.id`, `response.header.x-rate`. */
export function issueLocation(direction: 'request' | 'response', issue: ValidationIssue): string {
  if (issue.location === 'body') return `${direction}.body${pointerToPath(issue.pointer)}`;
  if (issue.location === 'status') return `${direction}.status`;
  const inner = issue.pointer ? pointerToPath(issue.pointer).slice(1) : '';
  return `${direction}.${issue.location}${issue.name ? `.${issue.name}` : ''}${inner}`;
}
