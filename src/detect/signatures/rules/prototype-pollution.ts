/** Prototype pollution in JavaScript back ends: __proto__ and constructor.prototype in keys, query names and values. */
import type { ValueRule } from '../types.js';
import { DL, INPUTS } from './common.js';

export const PROTOTYPE_POLLUTION_RULES: readonly ValueRule[] = [
  {
    id: 'prototype-pollution-key',
    class: 'prototype-pollution',
    severity: 'critical',
    paranoia: 1,
    description: '__proto__ or constructor.prototype / constructor[prototype] as a key, a path in a query name, or inside a value',
    targets: INPUTS,
    transforms: DL,
    keywords: ['__proto__', 'prototype'],
    pattern: /__proto__|\bconstructor\s{0,4}(?:\.|\[\s{0,4}['"]?)\s{0,4}prototype\b|\[\s{0,4}['"]?constructor['"]?\s{0,4}\]\s{0,4}\[\s{0,4}['"]?prototype\b/,
    vectors: { fire: ['__proto__', '__proto__.test', 'constructor.prototype.x', 'a[constructor][prototype]', '__\\u0070\\u0072oto__.foo', '{"__proto__":{"isAdmin":true}}'], noFire: ['proto', 'prototype design', 'constructor'] },
  },
];
