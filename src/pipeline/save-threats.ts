/**
 * Saves what a detection run learned into the store's threat records: its detections (evidence already
 * redacted by the stage), and its actors merged into what the store already knows about them — counts add up,
 * first/last seen widen, classes and recent IPs are united (bounded), peak risk is the higher, and the current
 * risk is the one measured last. The gateway calls this with what `Detector.flush()` and `actors()` return.
 */
import type { ActorView, Detection } from '../core/index.js';
import type { Store } from '../store/store.js';

const MAX_IPS = 16;

/** Merges a newer view of an actor (`next`) into the stored one. */
export function mergeActor(stored: ActorView | undefined, next: ActorView): ActorView {
  if (!stored) return next;
  const later = next.riskAt >= stored.riskAt ? next : stored;
  const ips = [...new Set([...(next.ips ?? []), ...(stored.ips ?? [])])].slice(0, MAX_IPS);
  const userAgent = stored.userAgent ?? next.userAgent;
  const fingerprint = next.fingerprint ?? stored.fingerprint;
  return {
    key: next.key,
    kind: next.kind,
    firstSeen: Math.min(stored.firstSeen, next.firstSeen),
    lastSeen: Math.max(stored.lastSeen, next.lastSeen),
    requests: stored.requests + next.requests,
    attacks: stored.attacks + next.attacks,
    detections: stored.detections + next.detections,
    risk: later.risk,
    riskAt: later.riskAt,
    peakRisk: Math.max(stored.peakRisk, next.peakRisk),
    classes: [...new Set([...stored.classes, ...next.classes])].sort(),
    ...(userAgent === undefined ? {} : { userAgent }),
    ...(fingerprint === undefined ? {} : { fingerprint }),
    ...(ips.length ? { ips } : {}),
  };
}

/** Saves detections and actors in one transaction. */
export function saveThreats(store: Store, detections: readonly Detection[], actors: readonly ActorView[]): void {
  store.transaction(() => {
    if (detections.length) store.putDetections(detections);
    if (actors.length) store.putActors(actors.map((a) => mergeActor(store.getActor(a.key), a)));
  });
}
