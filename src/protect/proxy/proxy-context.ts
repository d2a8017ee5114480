/** State shared by every exchange of one gateway server (swapped parts — the policy — are read per request). */
import type { Duplex } from 'node:stream';
import type { Pool } from 'undici';
import type { GatewayMetrics } from '../observe/gateway-metrics.js';
import type { LoggedConsumer } from '../phases/phase.js';
import type { Policy } from '../policy/compile-policy.js';

export interface ProxyContext {
  /** The running policy; a reload replaces it, in-flight requests keep the one they started with. */
  policy: Policy;
  readonly pool: Pool;
  /** `host[:port]` of the upstream, sent as Host when the client's is not preserved. */
  readonly upstreamHost: string;
  readonly upstreamProtocol: 'http:' | 'https:';
  readonly metrics: GatewayMetrics;
  readonly consumers: readonly LoggedConsumer[];
  /** Bytes of each streamed response body kept on the transaction for the tap (0: the tap is off). */
  readonly sampleResponseBytes: number;
  /** Echo the request id on proxied (upstream) responses too; gateway-made responses always carry it. */
  readonly echoRequestId: boolean;
  /** True once shutdown began: responses carry `Connection: close`, /readyz answers 503. */
  draining: boolean;
  inFlight: number;
  /** Upgraded (WebSocket) connections: not requests in flight; closed at shutdown after the drain. */
  readonly tunnels: Set<Duplex>;
  /** Called when the last in-flight request of a draining server ends. */
  onIdle: (() => void) | undefined;
  readonly now: () => number;
  /** Errors that are not a request's (a consumer throwing). */
  readonly onInternalError: (err: unknown, where: string) => void;
}
