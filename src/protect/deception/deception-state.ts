/**
 * What the countermeasures remember across requests and configuration reloads: the marked actors, the actor
 * identifier (same secret key as the tap's detector, so credential-based actor keys match), and the number of
 * requests held in the tarpit now. Owned by the gateway runtime; policies reference it.
 */
import { ActorIdentifier } from '../../detect/actors/index.js';
import type { CountermeasuresConfig } from '../config/gateway-config.js';
import { ActorMarks } from './actor-marks.js';

export interface DeceptionState {
  readonly marks: ActorMarks;
  readonly identifier: ActorIdentifier;
  /** Requests held in the tarpit now (bounded by `tarpit.maxConcurrent`). */
  tarpitted: number;
  /** Called when an actor gets a new mark (alerts, logs); must not throw. */
  onMark: ((key: string, reason: string) => void) | undefined;
}

export function createDeceptionState(config: CountermeasuresConfig, secretKey?: string): DeceptionState {
  return {
    marks: new ActorMarks(config.markTtlSec * 1000, config.maxActors),
    identifier: new ActorIdentifier(secretKey),
    tarpitted: 0,
    onMark: undefined,
  };
}
