import { describe, expect, it } from 'vitest';
import { createSignatureEngine } from '../engine.js';
import { ATTACK_CLASSES, isRequestRule, type RequestRule, type ValueRule } from '../types.js';
import { vectorExchange } from '../vector-exchange.js';
import { BUILTIN_RULES, RULE_PACKS } from './index.js';

const valueRules = BUILTIN_RULES.filter((r) => !isRequestRule(r)) as ValueRule[];
const requestRules = BUILTIN_RULES.filter(isRequestRule) as RequestRule[];

describe('rule packs', () => {
  it('have one pack per attack class and unique, well-formed ids', () => {
    expect(Object.keys(RULE_PACKS).sort()).toEqual([...ATTACK_CLASSES].sort());
    const ids = BUILTIN_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of BUILTIN_RULES) {
      expect(r.id.startsWith(`${r.class}-`), r.id).toBe(true);
      expect(RULE_PACKS[r.class]?.includes(r), r.id).toBe(true);
      expect(r.vectors.fire.length, `${r.id} has fire vectors`).toBeGreaterThan(0);
      expect(r.vectors.noFire.length, `${r.id} has noFire vectors`).toBeGreaterThan(0);
    }
  });
  it('give every value rule exactly one of pattern and detect, and a pre-filter or a narrow target', () => {
    for (const r of valueRules) {
      expect(Boolean(r.pattern) !== Boolean(r.detect), r.id).toBe(true);
      expect(Boolean(r.anyChar) || Boolean(r.keywords?.length) || Boolean(r.headers?.length), `${r.id} pre-filter`).toBe(true);
      if (r.pattern) expect(r.pattern.global || r.pattern.sticky, `${r.id} must not be global/sticky`).toBe(false);
    }
  });
});

describe.each(valueRules.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  const engine = createSignatureEngine({ rules: [rule], paranoia: 4, threshold: 1 });
  it.each(rule.vectors.fire.map((v) => [typeof v === 'string' ? v : `${v.kind}:${v.value}`, v] as const))('fires on %s', (_label, v) => {
    const r = engine.inspect(vectorExchange(rule, v));
    expect(r.matches.map((m) => m.rule)).toContain(rule.id);
  });
  it.each(rule.vectors.noFire.map((v) => [typeof v === 'string' ? v : `${v.kind}:${v.value}`, v] as const))('does not fire on %s', (_label, v) => {
    const r = engine.inspect(vectorExchange(rule, v));
    expect(r.matches.map((m) => m.rule)).not.toContain(rule.id);
  });
});

describe.each(requestRules.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  const engine = createSignatureEngine({ rules: [rule], paranoia: 4, threshold: 1 });
  it('fires on every fire vector', () => {
    for (const ex of rule.vectors.fire) expect(engine.inspect(ex).matches.map((m) => m.rule), JSON.stringify(ex.request)).toContain(rule.id);
  });
  it('does not fire on noFire vectors', () => {
    for (const ex of rule.vectors.noFire) expect(engine.inspect(ex).matches.map((m) => m.rule), JSON.stringify(ex.request)).not.toContain(rule.id);
  });
});
