/**
 * A worker thread of the inspection pool: runs the signature engine on exchanges sent by the gateway's main
 * thread, so a large or adversarial body never stalls the event loop that serves every other request.
 * Engines are compiled once per option set (at most 4 kept: a reload with new options adds one).
 */
import { parentPort } from 'node:worker_threads';
import type { Exchange } from '../../../core/exchange.js';
import { createSignatureEngine, type EndpointRef, type SignatureEngine, type SignatureEngineOptions } from '../../../detect/signatures/index.js';

export interface InspectRequest {
  readonly id: number;
  readonly key: string;
  readonly options: SignatureEngineOptions;
  readonly exchange: Exchange;
  readonly endpoint?: EndpointRef;
}

const engines = new Map<string, SignatureEngine>();

parentPort?.on('message', (m: InspectRequest) => {
  try {
    let engine = engines.get(m.key);
    if (!engine) {
      engine = createSignatureEngine(m.options);
      if (engines.size >= 4) engines.delete(engines.keys().next().value as string);
      engines.set(m.key, engine);
    }
    parentPort?.postMessage({ id: m.id, result: engine.inspect(m.exchange, m.endpoint) });
  } catch (err) {
    parentPort?.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) });
  }
});
