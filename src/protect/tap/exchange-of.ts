/**
 * A finished transaction as the analysis pipeline's `Exchange`: request and response heads, and bodies cut at
 * `maxBodyBytes` (marked `truncated`, with their full size). Pure; the tap calls it off the request path.
 * Values stay as sent: the analysis stages see real values in memory, and what they store, log or alert on goes
 * through the redaction policy (see RATIONALE.md, "What is stored").
 */
import type { Body, Exchange, Header } from '../../core/exchange.js';
import type { LiveExchange } from '../../pipeline/live-analysis.js';
import type { Transaction } from '../transaction.js';

function bodyOf(buffer: Buffer, size: number, max: number): Body {
  const cut = buffer.length > max ? buffer.subarray(0, max) : buffer;
  return { text: cut.toString('utf8'), size, truncated: size > cut.length };
}

function responseHeaders(raw: readonly string[]): Header[] {
  const out: Header[] = new Array(raw.length >> 1);
  for (let i = 0, j = 0; i < raw.length; i += 2, j++) out[j] = [(raw[i] as string).toLowerCase(), raw[i + 1] as string];
  return out;
}

/** Rules whose blocked requests are still learned (request side only). */
const LEARN_REQUEST_OF = /^(?:spec|signatures|rate-limit|ratelimit|jwt)\./;

/** The exchange the gateway saw (the response the client got, as far as the gateway kept its body). */
export function exchangeOf(tx: Transaction, maxBodyBytes: number): LiveExchange {
  const req = tx.requestBody && tx.requestBody.length > 0 ? bodyOf(tx.requestBody, tx.requestBody.length, maxBodyBytes) : undefined;
  let resBody: Body | undefined;
  if (tx.responseBody && tx.responseBody.length > 0) resBody = bodyOf(tx.responseBody, tx.responseBody.length, maxBodyBytes);
  else if (tx.responseSample && tx.responseSample.length > 0) {
    const kept = tx.responseSample.length === 1 ? (tx.responseSample[0] as Buffer) : Buffer.concat(tx.responseSample);
    resBody = bodyOf(kept, tx.responseBytes, maxBodyBytes);
  }
  const exchange: Exchange = {
    time: tx.time,
    durationMs: tx.durationMs,
    client: { ip: tx.clientIp },
    request: {
      method: tx.method,
      scheme: 'http',
      host: tx.host,
      target: tx.target,
      headers: tx.headers(),
      httpVersion: 'HTTP/1.1',
      ...(req ? { body: req } : {}),
    },
    ...(tx.status > 0 && tx.responseRawHeaders !== undefined && !tx.verdict
      ? { response: { status: tx.status, headers: responseHeaders(tx.responseRawHeaders), ...(resBody ? { body: resBody } : {}) } }
      : tx.status > 0
        ? { response: { status: tx.status, headers: [['content-type', tx.verdict?.action === 'deceive' ? (tx.verdict.contentType ?? '') : 'application/problem+json']] as Header[] } }
        : {}),
    source: { kind: 'gateway', position: tx.id },
  };
  const op = tx.operation;
  // what the gateway answered itself still shows what clients call (an undocumented endpoint blocked by the spec,
  // an attack on a real one): the request is learned, not the gateway's answer; requests of denied addresses,
  // tokens and marked actors are not the API's traffic and are not learned at all
  const learn: LiveExchange['learn'] =
    tx.verdict === undefined && tx.upstreamMs >= 0 ? true : tx.verdict !== undefined && LEARN_REQUEST_OF.test(tx.verdict.rule) ? 'request' : false;
  const signature = tx.signature ? { signature: tx.signature } : {};
  return op ? { exchange, endpoint: { method: op.method.toUpperCase(), path: op.path }, learn, ...signature } : { exchange, learn, ...signature };
}
