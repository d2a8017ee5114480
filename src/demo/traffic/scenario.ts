/**
 * The traffic model: an actor (a benign user or an attacker) runs a scenario, a generator that yields the next
 * request (after a wait) and receives its response. Scenarios are pure: no sockets, no clock, no randomness
 * beyond the seeded generator they are given; the driver (`run-traffic.ts`) does the I/O.
 */
import type { SeededRandom } from './seeded-random.js';

/** What an actor sends. `path` is the request-target (path and query) on the shop's origin. */
export interface TrafficRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body (sent with `content-type: application/json`). */
  readonly json?: unknown;
  /** The client address for this request only (credential stuffing rotates addresses); default the actor's. */
  readonly ip?: string;
}

/** What a scenario gets back: the status and the parsed JSON body (undefined when not JSON). */
export interface TrafficResponse {
  readonly status: number;
  readonly json?: unknown;
}

/** One step: wait `waitMs` (after the previous response, or the actor's start), then send `request`. */
export interface Step {
  readonly waitMs: number;
  readonly request: TrafficRequest;
  /** Count the wait from the previous request's planned start instead of its response (a timer-driven client). */
  readonly onTimer?: boolean;
}

export type Scenario = Generator<Step, void, TrafficResponse>;

/** Who an actor is, for the report: benign traffic or one attack class. */
export type ActorClass = 'shopper' | 'legacy-app' | 'injection' | 'credential-stuffing' | 'enumeration' | 'scraping' | 'bot' | 'shadow-probing';

export const ATTACK_CLASSES: readonly ActorClass[] = ['injection', 'credential-stuffing', 'enumeration', 'scraping', 'bot', 'shadow-probing'];

export interface Actor {
  /** Unique, readable: `shopper-12`, `stuffer`. */
  readonly name: string;
  readonly class: ActorClass;
  /** Client address (sent as X-Forwarded-For; documentation ranges only: 192.0.2/24, 198.51.100/24, 203.0.113/24). */
  readonly ip: string;
  /** Headers sent with every request (User-Agent, Accept…), in this order. */
  readonly headers: Readonly<Record<string, string>>;
  /** ms after the start of the run at which the first step's wait begins. */
  readonly startMs: number;
  readonly run: () => Scenario;
}

/** What scenario factories get: the seeded generator and the pacing the plan chose. */
export interface ScenarioContext {
  readonly random: SeededRandom;
  /** ms between two requests of a scripted (attacker) actor. */
  readonly paceMs: number;
  /** Requests this actor may send (a budget; scenarios stop earlier when their script ends). */
  readonly budget: number;
}

/** A small helper for scenarios: a GET step. */
export const get = (path: string, waitMs: number, headers?: Record<string, string>): Step => ({ waitMs, request: { method: 'GET', path, ...(headers ? { headers } : {}) } });

/** A JSON request step. */
export const send = (method: string, path: string, json: unknown, waitMs: number, headers?: Record<string, string>): Step => ({
  waitMs,
  request: { method, path, json, ...(headers ? { headers } : {}) },
});

/** `Authorization: Bearer …` for a login response that carried a token, else undefined. */
export function bearerFrom(res: TrafficResponse): Record<string, string> | undefined {
  const token = (res.json as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' ? { authorization: `Bearer ${token}` } : undefined;
}

/** A numeric `id` field of a JSON response, else undefined. */
export function idFrom(res: TrafficResponse): number | undefined {
  const id = (res.json as { id?: unknown } | undefined)?.id;
  return typeof id === 'number' ? id : undefined;
}
