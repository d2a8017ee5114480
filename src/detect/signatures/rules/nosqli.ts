/**
 * NoSQL and ORM operator injection: MongoDB operators as JSON keys or bracketed query names (`q[$ne]=`),
 * server-side JavaScript in `$where`, and Django-style ORM lookups (`username__startswith`) in field names.
 */
import type { ValueRule } from '../types.js';
import { DCLW, DL } from './common.js';

const OPERATORS = 'where|ne|eq|gt|gte|lt|lte|in|nin|regex|exists|expr|or|and|nor|not|elemmatch|all|size|type|mod|text|function|accumulator|lookup|merge|out|jsonschema|comment|options|slice|set|unset|rename|inc|push|pull';

export const OPERATOR_KEY = new RegExp(`^\\$(?:${OPERATORS})$`);
export const OPERATOR_BRACKET = new RegExp(`\\[\\s{0,2}\\$(?:${OPERATORS})\\s{0,2}\\]`);

export const NOSQLI_RULES: readonly ValueRule[] = [
  {
    id: 'nosqli-operator-name',
    class: 'nosqli',
    severity: 'critical',
    paranoia: 1,
    description: 'a MongoDB query operator as a JSON key or in a bracketed parameter name ({"$ne": …}, user[$gt]=)',
    targets: ['name'],
    transforms: DL,
    anyChar: '$',
    // a bare `$where` query parameter is Socrata/SODA syntax, not MongoDB: only JSON keys count bare
    detect: (v, t) => (((t.location.startsWith('json:') || t.location.startsWith('xml:')) && OPERATOR_KEY.test(v)) || OPERATOR_BRACKET.test(v) ? { evidence: v } : null),
    vectors: { fire: [{ value: '$ne', kind: 'name' }, { value: '$where', kind: 'name' }, { value: 'user[$gt]', kind: 'name' }, { value: 'password[$regex]', kind: 'name' }], noFire: [{ value: 'price$', kind: 'name' }, { value: '$ref', kind: 'name' }, { value: 'name', kind: 'name' }] },
    // (a `$where` query parameter, as SODA APIs use, is checked in signatures.test.ts)
  },
  {
    id: 'nosqli-operator-value',
    class: 'nosqli',
    severity: 'critical',
    paranoia: 1,
    description: 'MongoDB operators, $where JavaScript and shell calls written inside a string value ({"$gt": ""}, \'; return true; //, this.password.match(), db.users.find())',
    targets: ['arg', 'cookie', 'body'],
    transforms: DCLW,
    anyChar: '$|.;',
    pattern: new RegExp(
      `\\{ ?['"]?\\$(?:${OPERATORS})['"]? ?:|[,{] ?['"]?\\$where['"]? ?:|\\$where ?: ?(?:['"]|function\\b|sleep\\b|this\\b)|\\[ ?\\$(?:${OPERATORS}) ?\\]|\\bthis ?\\. ?[\\w]{1,40} ?(?:\\. ?match ?\\(|==|!=)|\\bdb ?\\. ?[\\w]{1,40} ?\\. ?(?:find|findone|insert|update|remove|drop|mapreduce|aggregate|count|deletemany)\\w{0,10} ?\\(|['"] ?; ?(?:sleep|return (?:true|1)|var \\w|it ?=)|\\|\\| ?['"]?1['"]? ?== ?['"]?1|['"] ?&& ?this\\.|\\bemit ?\\( ?1 ?, ?1`,
    ),
    vectors: { fire: ['{"$gt": ""}', "', $where: '1 == 1'", '$where: sleep(5000)', "' && this.password.match(/.*/)//", 'db.injection.insert({success:1});', "';sleep(5000);", '|| 1==1'], noFire: ['$100 deal', 'this is fine', 'db.example.com'] },
  },
  {
    // CRS 934220: a lookup that walks relations (`user__profile__city__startswith`) reaches fields of other
    // models; a single field with an operator (`username__startswith`) is ordinary django-filter usage
    id: 'nosqli-orm-traversal',
    class: 'nosqli',
    severity: 'critical',
    paranoia: 2,
    description: 'ORM lookups that walk relations in field names (Django/Tortoise/Peewee `user__profile__city__startswith`) to query fields of other models',
    targets: ['name'],
    transforms: DL,
    anyChar: '_',
    pattern: /^[a-z][a-z0-9]{0,40}(?:_[a-z0-9]{1,40}){0,4}__[a-z][a-z0-9_]{0,40}?__(?:startswith|istartswith|endswith|iendswith|contains|icontains|exact|iexact|regex|iregex|gt|gte|lt|lte|in|isnull|range|has_key|has_keys|has_any_keys|contained_by|overlap|search|year|month|day|week_day|date|time|hour|minute|second|trigram_similar|unaccent)$/,
    vectors: { fire: [{ value: 'created_by__departments__employees__user__username__startswith', kind: 'name' }, { value: 'user__profile__city__startswith', kind: 'name' }, { value: 'user__metadata__has_keys', kind: 'name' }], noFire: [{ value: 'username__startswith', kind: 'name' }, { value: 'name__exact', kind: 'name' }, { value: 'opt_in', kind: 'name' }] },
  },
  {
    id: 'nosqli-orm-lookup',
    class: 'nosqli',
    severity: 'critical',
    paranoia: 3,
    description: 'ORM lookup operators in field names (Django/Tortoise/Peewee `field__startswith`, `a__b__c__gte`) that let a client query fields it should not',
    targets: ['name'],
    transforms: DL,
    anyChar: '_',
    pattern: /^[a-z][a-z0-9]{0,40}(?:_[a-z0-9]{1,40}){0,4}(?:__[a-z][a-z0-9_]{0,40}?)?__(?:startswith|istartswith|endswith|iendswith|contains|icontains|exact|iexact|regex|iregex|gt|gte|lt|lte|in|isnull|range|has_key|has_keys|has_any_keys|contained_by|overlap|search|year|month|day|week_day|date|time|hour|minute|second|trigram_similar|unaccent)$/,
    vectors: { fire: [{ value: 'username__startswith', kind: 'name' }, { value: 'password__isnull', kind: 'name' }, { value: 'created_by__departments__employees__user__username__startswith', kind: 'name' }], noFire: [{ value: 'username', kind: 'name' }, { value: 'opt_in', kind: 'name' }] },
  },
];
