/** LDAP injection: values that close the application's filter and open a new clause (`*)(uid=*`, `)(|(`, `)&(`). */
import type { ValueRule } from '../types.js';
import { FIELDS } from './common.js';

export const LDAP_RULES: readonly ValueRule[] = [
  {
    id: 'ldap-filter-breakout',
    class: 'ldap',
    severity: 'critical',
    paranoia: 1,
    description: 'a value that closes the surrounding LDAP filter and starts a new clause or operator',
    targets: FIELDS,
    transforms: ['decodeAll', 'compressWhitespace'],
    anyChar: ')',
    pattern: /^[^():&|!<>~=]{0,80}\) ?(?:\( ?[&|!] ?|\( ?[\w.;-]{1,60} ?[<>~]?=|[&|!] ?\()|\*\) ?\( ?[\w|&!]/,
    vectors: { fire: ['*)(uid=*', 'john)(sn~=smith', 'val)&(cn=admin', 'void)(objectClass=users))(&(objectClass=void)', 'bar)(&)', 'admin)(|(password=*))'], noFire: ['(&(objectCategory=computer)(cn=x))', '(userAccountControl:1.2.840.113556.1.4.803:=67108864)(&(objectCategory=group)(groupType:1.2.840.113556.1.4.803:=2147483648))', '(a b)*c', 'foo|bar', 'Hello!World', 'smile :)'] },
  },
  {
    id: 'ldap-attribute-wildcard',
    class: 'ldap',
    severity: 'warning',
    paranoia: 2,
    description: 'LDAP attribute tests with wildcards or operators inside parentheses (`(uid=*)`, `(|(cn=a)(cn=b))`)',
    targets: FIELDS,
    transforms: ['decodeAll', 'compressWhitespace'],
    anyChar: '(',
    pattern: /\( ?[&|!] ?\( ?[\w.;-]{1,60} ?[<>~]?=|\( ?(?:uid|cn|sn|mail|objectclass|userpassword|samaccountname|memberof|ou|dc) ?[<>~]?= ?\* ?\)/i,
    vectors: { fire: ['(uid=*)', '(|(cn=a)(cn=b))'], noFire: ['(a) and (b)'] },
  },
];
