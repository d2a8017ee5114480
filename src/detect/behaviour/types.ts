/**
 * The behaviour detectors' model. The pipeline stage (`../analyze.ts`) turns each exchange into one
 * `BehaviourEvent` (actor identity and records, endpoint and its roles, outcome, login account) and hands it to
 * every detector; a detector keeps its own bounded state and reports `DetectionDraft`s — values, with the
 * evidence (which requests, which counters). The stage turns drafts into `Detection`s (ids, redaction, risk).
 */
import type { BehaviourClass, Exchange, Severity } from '../../core/index.js';
import type { ActorIdentity, ActorRecord } from '../actors/index.js';
import type { EndpointRole } from './endpoint-roles.js';

/** What a request did for its endpoint's roles: a login that failed, a coupon accepted… */
export type Outcome = 'success' | 'failure' | 'other';

export interface EndpointInfo {
  /** `METHOD host template`. */
  readonly key: string;
  readonly method: string;
  readonly host: string;
  readonly template: string;
  /** Bit set of `EndpointRole`s (see `ROLE_BIT`). */
  readonly roles: number;
  /** Values of the template's parameters in this request, in path order. */
  readonly ids: readonly string[];
  /** The literal segment before the last parameter (`orders` in `/orders/{orderId}`, `users` in `/users/{id}/profile`). */
  readonly resource?: string;
}

/** A login or OTP account, never in clear: a keyed hash and a masked form for people. */
export interface AccountRef {
  readonly hash: string;
  readonly masked: string;
}

/** A request remembered as evidence (the target is redacted only when a detection is reported). */
export interface RequestRef {
  readonly index: number;
  readonly time: number;
  readonly method: string;
  readonly target: string;
  readonly status: number;
  readonly ip?: string;
}

export interface BehaviourEvent {
  /** Position in the stream (0-based). */
  readonly index: number;
  /** The stream clock (ms): the exchange's time, or the injected clock when the source has none. */
  readonly time: number;
  /** False when the source had no time (rate and timing detectors skip such events). */
  readonly timed: boolean;
  readonly exchange: Exchange;
  readonly identity: ActorIdentity;
  /** `principal` + NUL + `endpoint.key`: the key of per-actor-per-endpoint state, built once per event. */
  readonly actorEndpoint: string;
  /** A static asset (by the extension of the last path segment). */
  readonly asset: boolean;
  /** Record of the principal (the most specific actor key). */
  readonly principal: ActorRecord;
  /** Record of the client IP (the same object as `principal` for unauthenticated clients); undefined when unknown. */
  readonly ipActor?: ActorRecord;
  readonly endpoint: EndpointInfo;
  /** An API call (not a page load, static asset or CORS preflight). */
  readonly api: boolean;
  /** Response status, 0 when there was none. */
  readonly status: number;
  /** Outcome for the endpoint's roles (`other` when it has none, or the status says neither). */
  readonly outcome: Outcome;
  /** The account a login/OTP request is about, when it could be read. */
  readonly account?: AccountRef;
  /** The request carries its full header set (the source records every header), so header checks are meaningful. */
  readonly headersComplete: boolean;
  /** This request as evidence. */
  readonly ref: RequestRef;
}

export interface DetectionDraft {
  /** `behaviour.<detector>` or `behaviour.<detector>.<variant>`. */
  readonly rule: string;
  readonly class: BehaviourClass;
  readonly severity: Severity;
  readonly actor: string;
  /** Risk points to add to the actor. */
  readonly score: number;
  readonly message: string;
  readonly endpoint?: string;
  readonly campaign?: string;
  readonly requests: readonly RequestRef[];
  readonly counters: Readonly<Record<string, number>>;
  readonly facts?: Readonly<Record<string, string>>;
  /** Index of the event at which it was decided; -1 when decided by a timer. */
  readonly index: number;
  readonly time: number;
}

export type DetectionSink = (draft: DetectionDraft) => void;

/** A streaming behaviour detector with bounded state. */
export interface BehaviourDetector {
  readonly name: string;
  observe(ev: BehaviourEvent, emit: DetectionSink): void;
  /** Called as the stream clock advances (at most once per second of stream time), for timers. */
  tick?(now: number, emit: DetectionSink): void;
  /** Drops idle state (called about once a minute of stream time; touches also expire a little). */
  expire?(now: number): void;
  /** Resolves every pending timer (end of an offline stream). */
  finish?(now: number, emit: DetectionSink): void;
  /** Entries of state held outside the actor records (for the memory checks and the benchmark). */
  size(): number;
}

/** What a detector's factory gets besides its own configuration. */
export interface DetectorContext {
  /** Current decayed risk of an actor key (0 when unknown). */
  riskOf(key: string, now: number): number;
  /** The actor table's record of a key, without touching it. */
  actor(key: string): ActorRecord | undefined;
  /** Reserves a slot in every actor record (`record.slots[i]`) for the detector's per-actor state. */
  allocateSlot(): number;
}

/** A built-in detector: name, class, defaults, the JSON Schema of its options, and the factory. */
export interface DetectorDefinition<C extends object = Record<string, unknown>> {
  readonly name: string;
  readonly classes: readonly BehaviourClass[];
  /** One line for documentation. */
  readonly description: string;
  readonly defaults: C;
  /** JSON Schema of the options (every key optional; unknown keys refused). */
  readonly schema: Readonly<Record<string, unknown>>;
  create(config: C, ctx: DetectorContext): BehaviourDetector;
}

/** Roles re-exported for detectors. */
export type { EndpointRole };

/** Keeps at most `max` items: the first `keepFirst`, then the latest (no allocation once full). */
export function pushBounded<T>(list: T[], item: T, max: number, keepFirst = 1): void {
  if (list.length < max) {
    list.push(item);
    return;
  }
  for (let i = keepFirst; i < max - 1; i++) list[i] = list[i + 1] as T;
  list[max - 1] = item;
}
