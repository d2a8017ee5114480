/**
 * Evidence for a finding: the request/response pairs that prove it, redacted and bounded. Identity credentials
 * become `[REDACTED:alice token]`, other credential headers and sensitive body values are masked by the
 * inventory's redaction, tokens in bodies are masked, and every body is cut at `EVIDENCE_BODY_LIMIT`.
 * Attacker-made (forged) tokens are kept: anyone can make them, and they are what proves the flaw.
 */
import type { Header } from '../core/index.js';
import { mediaType } from '../core/index.js';
import { redactBody, redactHeaders } from '../inventory/redact.js';
import type { SecretLabel } from './sessions.js';
import type { TestExchange } from './test-request.js';

export const EVIDENCE_BODY_LIMIT = 2048;
const HEADER_LIMIT = 40;
const HEADER_VALUE_LIMIT = 512;

export interface EvidenceRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body?: string;
}

export interface EvidenceResponse {
  readonly status: number;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body?: string;
  /** True when the body shown is shorter than what was received. */
  readonly truncated?: boolean;
  /** Response time, ms (time-based tests). */
  readonly ms?: number;
}

export interface EvidencePair {
  /** What this exchange is: `attack`, `benign twin`, `alice (owner)`, `read back`… */
  readonly label: string;
  readonly request: EvidenceRequest;
  readonly response?: EvidenceResponse;
  readonly error?: string;
}

/** Builds redacted, bounded evidence for labelled exchanges (the first is the attack). */
export function buildEvidence(pairs: ReadonlyArray<readonly [string, TestExchange]>, secrets: ReadonlyMap<string, SecretLabel>, withTiming = false): EvidencePair[] {
  return pairs.map(([label, x]) => {
    const sorted = sortedSecrets(withDerived(secrets, x));
    const forged = x.request.auth.kind === 'forged' && !x.request.auth.derivedFrom ? new Set(x.request.auth.headers.map(([n]) => n)) : new Set<string>();
    const reqMedia = mediaType(x.sentHeaders);
    const request: EvidenceRequest = {
      method: x.request.method,
      url: maskSecrets(x.url, sorted, placeholder),
      headers: redactHeaderList(x.sentHeaders, sorted, forged),
      ...(x.sentBody ? { body: bound(redactText(x.sentBody, reqMedia, sorted, false)).text } : {}),
    };
    const r = x.response;
    let response: EvidenceResponse | undefined;
    if (r) {
      const b = r.body ? bound(redactText(r.body, mediaType(r.headers), sorted, true)) : undefined;
      response = {
        status: r.status,
        headers: redactHeaderList(r.headers, sorted, new Set()),
        ...(b ? { body: b.text } : {}),
        ...(b?.cut || r.truncated ? { truncated: true } : {}),
        ...(withTiming ? { ms: Math.round(x.ms) } : {}),
      };
    }
    return { label, request, ...(response ? { response } : {}), ...(x.error ? { error: x.error } : {}) };
  });
}

/** The secrets plus, for a tampered copy of a credential, that copy (under the credential's owner). */
export function withDerived(secrets: ReadonlyMap<string, SecretLabel>, x: TestExchange): ReadonlyMap<string, SecretLabel> {
  const a = x.request.auth;
  if (a.kind !== 'forged' || !a.derivedFrom) return secrets;
  const out = new Map(secrets);
  for (const [, v] of a.headers) {
    const bare = v.replace(/^(bearer|token)\s+/i, '');
    out.set(bare, { identity: a.derivedFrom.identity, label: a.derivedFrom.label });
  }
  return out;
}

/** Secrets longest first, so a full header value is replaced before a token inside it. */
export function sortedSecrets(secrets: ReadonlyMap<string, SecretLabel>): Array<[string, SecretLabel]> {
  return [...secrets].sort((a, b) => b[0].length - a[0].length);
}

const placeholder = (l: SecretLabel): string => `[REDACTED:${l.identity} ${l.label}]`;

/** Replaces every occurrence of a secret value with `render(label)`. */
export function maskSecrets(text: string, secrets: ReadonlyArray<[string, SecretLabel]>, render: (l: SecretLabel) => string): string {
  let out = text;
  for (const [value, label] of secrets) if (out.includes(value)) out = out.split(value).join(render(label));
  return out;
}

// three base64url parts starting with a JSON header; linear: each class is separated by a literal dot
const JWT_IN_TEXT = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;

function redactText(text: string, media: string, secrets: ReadonlyArray<[string, SecretLabel]>, maskTokens: boolean): string {
  let out = maskSecrets(text, secrets, placeholder);
  out = redactBody(out, media);
  if (maskTokens) out = out.replace(JWT_IN_TEXT, '[REDACTED jwt]');
  return out;
}

function redactHeaderList(headers: readonly Header[], secrets: ReadonlyArray<[string, SecretLabel]>, keep: ReadonlySet<string>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [n, v] of headers.slice(0, HEADER_LIMIT)) {
    if (keep.has(n)) {
      out.push([n, clip(v)]);
      continue;
    }
    const masked = maskSecrets(v, secrets, placeholder);
    if (masked !== v) out.push([n, clip(masked)]);
    else out.push([n, clip(redactHeaders([[n, v]])[0]![1])]);
  }
  return out;
}

function clip(v: string): string {
  return v.length > HEADER_VALUE_LIMIT ? `${v.slice(0, HEADER_VALUE_LIMIT)}…` : v;
}

function bound(text: string): { text: string; cut: boolean } {
  if (text.length <= EVIDENCE_BODY_LIMIT) return { text, cut: false };
  return { text: `${text.slice(0, EVIDENCE_BODY_LIMIT)}… (${text.length} characters)`, cut: true };
}
