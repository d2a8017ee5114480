/**
 * Keeps the store's threat records current from a long-running detector (the gateway's tap). The detector's
 * actor views are cumulative since it started, while `saveThreats` adds what it is given to what the store
 * holds; the recorder therefore remembers what it last saved per actor and saves only the increase, so an actor
 * seen in ten detection batches is not counted ten times. Memory is bounded: the oldest remembered actors are
 * forgotten first (their next save counts from zero again, which over-counts once, never loses a detection).
 */
import type { ActorView, Detection } from '../core/index.js';
import type { Store } from '../store/store.js';
import { saveThreats } from './save-threats.js';

export interface ThreatRecorder {
  /** Saves `detections` and the current views of the actors they are about. */
  record(detections: readonly Detection[], views: readonly ActorView[]): void;
}

export function createThreatRecorder(store: Store, options: { maxActors?: number } = {}): ThreatRecorder {
  const maxActors = options.maxActors ?? 50_000;
  const saved = new Map<string, ActorView>();
  return {
    record(detections, views) {
      const deltas = views.map((v) => {
        const last = saved.get(v.key);
        saved.delete(v.key);
        saved.set(v.key, v);
        if (saved.size > maxActors) saved.delete(saved.keys().next().value as string);
        if (!last) return v;
        return {
          ...v,
          requests: Math.max(0, v.requests - last.requests),
          attacks: Math.max(0, v.attacks - last.attacks),
          detections: Math.max(0, v.detections - last.detections),
        };
      });
      saveThreats(store, detections, deltas);
    },
  };
}
