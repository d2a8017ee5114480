/**
 * The CRS regression cases (`crs-regression/cases.jsonl`) as exchanges with their labels, and the mapping from
 * CRS attack families to Rampart's classes.
 */
import { readFileSync } from 'node:fs';
import type { Exchange, Header } from '../../src/core/index.js';
import type { AttackClass } from '../../src/detect/signatures/index.js';
import { parseRawRequest } from './raw-http.js';

/**
 * CRS family -> Rampart class. Node.js, Perl and Ruby code injection are server-side code execution (`rce`);
 * ORM lookup-operator injection (`username__startswith=`) is operator injection into a query builder, the
 * same mechanism as MongoDB `$ne` injection (`nosqli`); CRS's LDAP rule lives in the protocol family (921200).
 */
export const CRS_CLASS_MAP: Readonly<Record<string, AttackClass>> = {
  sqli: 'sqli',
  xss: 'xss',
  command_injection: 'rce',
  nodejs_injection: 'rce',
  code_injection_generic: 'rce',
  php_injection: 'php',
  java_injection: 'java',
  path_traversal_lfi: 'lfi',
  rfi: 'rfi',
  ssrf: 'ssrf',
  ssti: 'ssti',
  ldap_injection: 'ldap',
  prototype_pollution: 'prototype-pollution',
  http_protocol_attack: 'protocol',
  protocol: 'protocol',
  session_fixation: 'session',
  orm_injection: 'nosqli',
  scanner_user_agent: 'scanner',
};

export interface CrsCase {
  readonly id: string;
  readonly label: 'attack' | 'benign' | 'scanner';
  /** The class the case is an attack of (attack/scanner), or the class it is a near miss for (benign; undefined = any class). */
  readonly cls: AttackClass | undefined;
  readonly paranoia: number;
  readonly ruleId: number;
  readonly exchange: Exchange;
}

interface RawCase {
  id: string;
  label: string;
  attack_class: string | null;
  near_miss_class: string | null;
  paranoia_level: number | null;
  rule_id: number;
  engine_overrides: string[];
  request: { method?: string; uri?: string; version?: string; headers?: Array<[string, string]>; body?: string | null; raw_base64?: string; raw_text?: string };
}

function toExchange(r: RawCase['request']): Exchange | null {
  if (r.raw_base64 !== undefined) return parseRawRequest(Buffer.from(r.raw_base64, 'base64').toString('latin1'));
  const headers: Header[] = (r.headers ?? []).map(([n, v]) => [n.toLowerCase(), v]);
  const host = headers.find(([n]) => n === 'host')?.[1] ?? 'localhost';
  const body = r.body ?? undefined;
  return {
    time: 0,
    client: {},
    source: { kind: 'test' },
    request: {
      method: (r.method ?? 'GET').toUpperCase(),
      scheme: 'http',
      host: host.toLowerCase(),
      target: r.uri ?? '/',
      headers,
      ...(r.version ? { httpVersion: r.version } : {}),
      ...(body ? { body: { text: body, size: body.length, truncated: false } } : {}),
    },
  };
}

/** Loads the scored cases: attacks with a mapped class, scanner cases, and benign near misses (not ambiguous ones, not those needing a response). */
export function loadCrsCases(file: string): CrsCase[] {
  const out: CrsCase[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line) as RawCase;
    if (c.label !== 'attack' && c.label !== 'benign' && c.label !== 'scanner') continue;
    if (c.near_miss_class === 'response_leakage' || c.near_miss_class === 'engine_internal') continue;
    const family = c.label === 'benign' ? c.near_miss_class : (c.attack_class ?? (c.label === 'scanner' ? 'scanner_user_agent' : null));
    const cls = family ? CRS_CLASS_MAP[family] : undefined;
    if (c.label !== 'benign' && !cls) continue;
    const exchange = toExchange(c.request);
    if (!exchange) continue;
    out.push({ id: c.id, label: c.label as CrsCase['label'], cls, paranoia: c.paranoia_level ?? 1, ruleId: c.rule_id, exchange });
  }
  return out;
}
