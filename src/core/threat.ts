/**
 * Threat records: what detection says about traffic and about the actors behind it. A `Detection` is one
 * finding about one actor with its evidence; an `ActorView` is what is known about an actor (an IP, a subnet,
 * an API key, a JWT subject, a session, a client fingerprint) with its risk score; a `TimelineEntry` is one
 * line of an actor's history. Plain data: `detect/` produces them, `store/` keeps them, the CLI, the dashboard
 * and the gateway read them.
 */
import type { Severity } from './finding.js';

/** The stable names of the behaviour classes (signature attack classes are the engine's, e.g. `sqli`). */
export const BEHAVIOUR_CLASSES = [
  'credential-stuffing',
  'brute-force',
  'enumeration',
  'bola',
  'scraping',
  'volumetric',
  'bot',
  'business-logic',
] as const;
export type BehaviourClass = (typeof BEHAVIOUR_CLASSES)[number];

/**
 * What an actor key names; the key is `<prefix>:<value>`: `ip:203.0.113.7`, `net:203.0.113.0/24`,
 * `sub:user-42`, `key:#3f9a…` (API keys are hashed, never kept in clear), `session:#…`, `basic:#…`, `fp:1a2b3c4d`.
 */
export type ActorKind = 'ip' | 'subnet' | 'subject' | 'api-key' | 'session' | 'basic' | 'fingerprint';

/** One request named as evidence. The target is redacted (secrets, tokens and personal data masked). */
export interface EvidenceRequest {
  /** Position of the exchange in the analysed stream (0-based, across files), or -1 when not known. */
  readonly index: number;
  readonly time: number;
  readonly method: string;
  readonly target: string;
  readonly status?: number;
  /** The client IP, when the detection groups requests from several addresses. */
  readonly ip?: string;
}

export interface DetectionEvidence {
  /** Which requests (bounded: the first and the latest few). */
  readonly requests: readonly EvidenceRequest[];
  /** Which counters crossed which thresholds (`failures: 14`, `threshold.failures: 10`). */
  readonly counters: Readonly<Record<string, number>>;
  /** Other facts, as short redacted strings (`account: a***@example.com`, `signals: automation-library,…`). */
  readonly facts?: Readonly<Record<string, string>>;
}

/** One detection: a detector (or the signature engine) decided that an actor did something, with the evidence. */
export interface Detection {
  /** Stable id (a hash of the detector, actor, and the first evidence), unique within a store. */
  readonly id: string;
  /** Stable rule id: `behaviour.<detector>[.<variant>]` or a signature rule id (`sqli-tokenizer`). */
  readonly rule: string;
  /** `signatures` or the behaviour detector's name (`credential-stuffing`). */
  readonly detector: string;
  /** A behaviour class or a signature attack class. */
  readonly class: string;
  readonly severity: Severity;
  /** When it was decided (ms since epoch, the stream's clock). */
  readonly time: number;
  /** Index of the exchange at which it was decided (-1 when decided by a timer). */
  readonly index: number;
  /** The actor key it is about. */
  readonly actor: string;
  /** Groups the detections of one campaign (many IPs of one credential-stuffing wave). */
  readonly campaign?: string;
  /** The endpoint concerned, `METHOD host template`, when one is. */
  readonly endpoint?: string;
  readonly message: string;
  /** Risk points added to the actor (0–100). */
  readonly score: number;
  readonly evidence: DetectionEvidence;
}

/** What is known about one actor. Risk decays over time: `risk` is its value at `riskAt`. */
export interface ActorView {
  readonly key: string;
  readonly kind: ActorKind;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly requests: number;
  /** Exchanges the signature engine flagged as attacks. */
  readonly attacks: number;
  readonly detections: number;
  readonly risk: number;
  readonly riskAt: number;
  /** The highest risk the actor reached. */
  readonly peakRisk: number;
  /** Classes of its detections and attacks, sorted. */
  readonly classes: readonly string[];
  /** First User-Agent seen (cut to 200 characters). */
  readonly userAgent?: string;
  /** Client fingerprint key (`fp:…`) of its latest request. */
  readonly fingerprint?: string;
  /** Recent client IPs of a non-IP actor (bounded). */
  readonly ips?: readonly string[];
}

/** One line of an actor's history. */
export interface TimelineEntry {
  readonly time: number;
  /** `detection` (behaviour or signature detection) or `note`. */
  readonly kind: 'detection' | 'note';
  readonly class: string;
  readonly rule: string;
  /** The detection's id, when the entry is one. */
  readonly detection?: string;
  readonly message: string;
  /** Risk points it added. */
  readonly score: number;
}
