/** The built-in rule packs, listed explicitly (no registration by import side effects). */
import type { Rule } from '../types.js';
import { JAVA_RULES } from './java.js';
import { LDAP_RULES } from './ldap.js';
import { LFI_RULES } from './lfi.js';
import { NOSQLI_RULES } from './nosqli.js';
import { PHP_RULES } from './php.js';
import { PROTOCOL_REQUEST_RULES, PROTOCOL_VALUE_RULES } from './protocol.js';
import { PROTOTYPE_POLLUTION_RULES } from './prototype-pollution.js';
import { RCE_RULES } from './rce.js';
import { RFI_RULES } from './rfi.js';
import { SCANNER_RULES } from './scanner.js';
import { SESSION_REQUEST_RULES, SESSION_VALUE_RULES } from './session.js';
import { SQLI_RULES } from './sqli.js';
import { SSRF_RULES } from './ssrf.js';
import { SSTI_RULES } from './ssti.js';
import { XSS_RULES } from './xss.js';
import { XXE_RULES } from './xxe.js';

/** Packs by class (the order is the order rules run in). */
export const RULE_PACKS: Readonly<Record<string, readonly Rule[]>> = Object.freeze({
  protocol: [...PROTOCOL_REQUEST_RULES, ...PROTOCOL_VALUE_RULES],
  session: [...SESSION_REQUEST_RULES, ...SESSION_VALUE_RULES],
  scanner: SCANNER_RULES,
  sqli: SQLI_RULES,
  nosqli: NOSQLI_RULES,
  xss: XSS_RULES,
  rce: RCE_RULES,
  lfi: LFI_RULES,
  rfi: RFI_RULES,
  ssrf: SSRF_RULES,
  xxe: XXE_RULES,
  ssti: SSTI_RULES,
  ldap: LDAP_RULES,
  php: PHP_RULES,
  java: JAVA_RULES,
  'prototype-pollution': PROTOTYPE_POLLUTION_RULES,
});

/** Every built-in rule. */
export const BUILTIN_RULES: readonly Rule[] = Object.freeze(Object.values(RULE_PACKS).flat());
