/**
 * MongoDB-style query matching for the demo shop's vulnerable coupon lookup: a value that is an object of
 * operators (`{"$ne": "x"}`, `{"$gt": ""}`, `{"$regex": ".*"}`, `{"$in": [...]}`) is applied as a query
 * operator instead of being compared as data — the root of NoSQL injection. `$regex` is matched as a plain
 * prefix/contains/any test on purpose: no user-supplied regular expression is ever compiled.
 */

/** True when `field` matches `query` (a literal, or an object of operators). */
export function matchesQuery(field: string, query: unknown): boolean {
  if (query === null || typeof query !== 'object' || Array.isArray(query)) return field === query;
  const ops = Object.entries(query as Record<string, unknown>);
  if (ops.length === 0) return false;
  return ops.every(([op, v]) => {
    switch (op) {
      case '$eq':
        return field === v;
      case '$ne':
        return field !== v;
      case '$gt':
        return typeof v === 'string' && field > v;
      case '$gte':
        return typeof v === 'string' && field >= v;
      case '$lt':
        return typeof v === 'string' && field < v;
      case '$in':
        return Array.isArray(v) && v.includes(field);
      case '$nin':
        return Array.isArray(v) && !v.includes(field);
      case '$exists':
        return v === true;
      case '$regex':
        return typeof v === 'string' && (v === '.*' || v === '.+' || v === '^' || field.includes(v.replace(/^\^/, '')));
      default:
        return false;
    }
  });
}
