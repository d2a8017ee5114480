/**
 * Live analysis: the analysis stage behind the gateway's tap. Batches of exchanges (taken off the request path
 * by the tap's bounded queue) go to the inventory learner — persisted to the store on `persist()`, which the
 * gateway calls periodically and at shutdown — and to the detector (behaviour detection; the gateway runs the
 * signature engine inline already). Detections are handed to `onDetection` (the threat store, alerts); every
 * exchange's verdict to `onVerdict` (the gateway marks flagged actors for its countermeasures).
 *
 * The learner works on a copy of the stored inventory: each `persist()` finishes it, writes the upserts and
 * deletes in one transaction, and the next batch starts a new learner from what the store then holds — the same
 * merge the batch import does, so `rampart inventory list --db FILE` shows what the gateway saw. What reaches the
 * store is what the inventory keeps: redacted samples (`redactSample`), schemas, types of sensitive data, never
 * values in clear.
 */
import type { ApiDescription, Detection, Exchange } from '../core/index.js';
import { createDetector, type Detector, type DetectorOptions, type ExchangeVerdict } from '../detect/index.js';
import type { EndpointRef, SignatureResult } from '../detect/signatures/index.js';
import { createInventoryLearner, type InventoryLearner, type LearnStats } from '../inventory/index.js';
import type { Store } from '../store/store.js';
import { registerSpec } from './import-files.js';

/** One exchange of a live stream, with the operation the gateway matched (its template), when one did. */
export interface LiveExchange {
  readonly exchange: Exchange;
  readonly endpoint?: EndpointRef;
  /**
   * `true` (default): learned whole. `'request'`: the gateway answered itself (e.g. blocked an undocumented
   * endpoint), so only the request is learned — clients do call it — not the gateway's answer. `false`: detection
   * only (a denied address or token: not the API's traffic).
   */
  readonly learn?: boolean | 'request';
  /** The gateway's inline signature result: detection counts it (attacks, actor risk) instead of inspecting again. */
  readonly signature?: SignatureResult;
}

/** Receives detections as they are decided (the threat store, alerts). Must not throw; called synchronously. */
export type DetectionListener = (detections: readonly Detection[]) => void;

export interface LiveAnalysisOptions {
  /** Where the inventory is persisted; without one the inventory is not learned (detection still runs). */
  readonly store?: Store;
  /** The gateway's spec, registered in the store as a comparison target (documented / shadow / zombie). */
  readonly spec?: { readonly file: string; readonly description: ApiDescription };
  /** Detector options (`signatures: false` is the gateway's default), or `false` for no detection. */
  readonly detector?: DetectorOptions | false;
  readonly now?: () => number;
  readonly onDetection?: DetectionListener;
  /** Every exchange's verdict (risk and flag of its sender). */
  readonly onVerdict?: (item: LiveExchange, verdict: ExchangeVerdict) => void;
}

export interface LiveAnalysisStats {
  readonly exchanges: number;
  readonly detections: number;
  /** Persist cycles that wrote to the store, and the last one's learner statistics. */
  readonly persisted: number;
  readonly lastPersist?: LearnStats;
}

export interface LiveAnalysis {
  /** Learns and analyses a batch (synchronously). */
  analyze(batch: readonly LiveExchange[]): void;
  /** Writes what the learner gathered since the last call; undefined when there is no store or nothing new. */
  persist(): LearnStats | undefined;
  /** Resolves pending detector timers (their detections go to `onDetection`) and persists. */
  close(): LearnStats | undefined;
  readonly detector: Detector | undefined;
  stats(): LiveAnalysisStats;
}

export function createLiveAnalysis(options: LiveAnalysisOptions = {}): LiveAnalysis {
  const { store } = options;
  const now = options.now ?? Date.now;
  const detector = options.detector === false ? undefined : createDetector({ signatures: false, ...(options.now ? { now: options.now } : {}), ...(options.detector ?? {}) });
  if (store && options.spec) registerSpec(store, options.spec.file, options.spec.description, now());

  let learner: InventoryLearner | undefined;
  let pendingExchanges = 0;
  let exchanges = 0;
  let detections = 0;
  let persisted = 0;
  let lastPersist: LearnStats | undefined;

  const learnerOf = (): InventoryLearner | undefined => {
    if (!store) return undefined;
    learner ??= createInventoryLearner({ existing: store.listEndpoints(), specs: store.listSpecs().map((s) => s.description), now });
    return learner;
  };

  const emit = (list: readonly Detection[]): void => {
    if (list.length === 0) return;
    detections += list.length;
    options.onDetection?.(list);
  };

  return {
    detector,
    analyze(batch) {
      const l = learnerOf();
      for (const item of batch) {
        exchanges++;
        if (l && item.learn !== false) {
          if (item.learn === 'request') {
            const { response: _answer, ...request } = item.exchange;
            l.add(request);
          } else l.add(item.exchange);
          pendingExchanges++;
        }
        if (detector) {
          const verdict = detector.analyze(item.exchange, item.endpoint, item.signature ? { signature: item.signature } : undefined);
          options.onVerdict?.(item, verdict);
        }
      }
      // every detection (those decided on an exchange and by timers) is pending until flushed
      if (detector) emit(detector.flush());
    },
    persist() {
      if (!store || !learner || pendingExchanges === 0) return undefined;
      const result = learner.finish();
      learner = undefined;
      pendingExchanges = 0;
      store.transaction(() => {
        store.deleteEndpoints(result.deletes);
        store.putEndpoints(result.upserts);
      });
      persisted++;
      lastPersist = result.stats;
      return result.stats;
    },
    close() {
      if (detector) emit(detector.finish());
      return this.persist();
    },
    stats() {
      return { exchanges, detections, persisted, ...(lastPersist ? { lastPersist } : {}) };
    },
  };
}
