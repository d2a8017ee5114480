/**
 * End to end on real traffic: every request and response of the shared HAR corpora redacted as a stored sample
 * would be. Credentials the HARs carry (session JWTs in cookies and JSON, the login password, API keys) must not
 * survive anywhere; ordinary content must.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Header } from '../src/core/index.js';
import { redactBody, redactHeaders, redactTarget } from '../src/inventory/redact.js';
import { corpus, skipMessage } from './support/shared-corpora.js';

interface HarEntry {
  request: { url: string; headers?: Array<{ name: string; value: string }>; cookies?: Array<{ name: string; value: string }>; postData?: { mimeType?: string; text?: string } };
  response: { headers?: Array<{ name: string; value: string }>; content?: { mimeType?: string; text?: string; encoding?: string } };
}

const harDir = corpus('har-samples');

function readHar(file: string): HarEntry[] | undefined {
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as { log?: { entries?: HarEntry[] } };
    return Array.isArray(doc.log?.entries) ? doc.log.entries : undefined;
  } catch {
    return undefined;
  }
}

/** A stored-sample rendering of one entry, redacted. */
function redactEntry(e: HarEntry): string {
  const h = (list: HarEntry['request']['headers']): Header[] => (list ?? []).map((x) => [x.name.toLowerCase(), x.value] as const);
  const url = new URL(e.request.url);
  const parts = [
    redactTarget(url.pathname + url.search),
    JSON.stringify(redactHeaders(h(e.request.headers))),
    e.request.postData?.text ? redactBody(e.request.postData.text, e.request.postData.mimeType ?? '') : '',
    JSON.stringify(redactHeaders(h(e.response.headers))),
    e.response.content?.text && e.response.content.encoding !== 'base64' ? redactBody(e.response.content.text, e.response.content.mimeType ?? '') : '',
  ];
  return parts.join('\n');
}

/** Credential values the entry carries, found from the HAR's own structure (not by the classifiers). */
function knownSecrets(e: HarEntry): string[] {
  const out: string[] = [];
  for (const c of e.request.cookies ?? []) if (/^(token|sid|session.*)$/i.test(c.name) && c.value.length >= 8) out.push(c.value);
  for (const text of [e.request.postData?.text, e.response.content?.text]) {
    if (!text) continue;
    try {
      const walk = (v: unknown, key: string): void => {
        if (typeof v === 'string' && /^(password|token|access_token|api_key)$/i.test(key) && v.length >= 4) out.push(v);
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
      };
      walk(JSON.parse(text), '');
    } catch {
      // not JSON
    }
  }
  return out;
}

describe.skipIf(!harDir)('redaction of the shared HAR corpora', () => {
  it('leaves no credential in clear and keeps ordinary content', () => {
    if (!harDir) return;
    const juice = readHar(join(harDir, 'juiceshop-akto.har'));
    expect(juice?.length).toBe(48);
    let secrets = 0;
    for (const e of juice ?? []) {
      const redacted = redactEntry(e);
      for (const s of knownSecrets(e)) {
        secrets++;
        expect(redacted.includes(s), `secret of ${e.request.url} survived`).toBe(false);
      }
    }
    expect(secrets).toBeGreaterThan(20);
    const search = (juice ?? []).find((e) => e.request.url.includes('/rest/products/search'));
    expect(search && redactEntry(search)).toContain('Apple Juice');
  });

  it('redacts every entry of every HAR without throwing, idempotently', () => {
    if (!harDir) return;
    const files = [join(harDir, 'juiceshop-akto.har'), ...readdirSync(join(harDir, 'mitmproxy')).map((f) => join(harDir, 'mitmproxy', f))];
    let entries = 0;
    for (const f of files) {
      for (const e of readHar(f) ?? []) {
        entries++;
        const body = e.response.content?.text;
        if (body && e.response.content?.encoding !== 'base64') {
          const once = redactBody(body, e.response.content?.mimeType ?? '');
          expect(redactBody(once, e.response.content?.mimeType ?? '')).toBe(once);
        }
        expect(typeof redactEntry(e)).toBe('string');
      }
    }
    expect(entries).toBeGreaterThan(100);
  });
});

describe.skipIf(harDir)('redaction of the shared HAR corpora (absent)', () => {
  it('is skipped', () => {
    console.log(skipMessage('test/redaction-har.test.ts'));
  });
});
