/**
 * Offline detection: traffic files -> one detection stage (signatures and behaviour per actor) -> verdicts per
 * exchange, detections, actors and a summary by class and by actor. Every file is opened (and its format
 * detected) before the first exchange is analysed, so a missing or unusable file fails before any output. The
 * exchange index counts from 0 across all files, in the order read. Memory is bounded: detections are handed
 * to `onDetections` in batches (the store saves them) and only the behaviour detections shown in the summary
 * are kept (at most `maxShown`).
 */
import type { ActorView, Detection, ErrorCode, Notice, Skipped } from '../core/index.js';
import { createDetector, type DetectorOptions, type DetectorStats, type ExchangeVerdict } from '../detect/index.js';
import { openSource, type InputFormat, type OpenedSource } from '../ingest/index.js';

export interface DetectFilesOptions {
  readonly detector?: DetectorOptions;
  /** Read every file as this format instead of detecting it. */
  readonly format?: InputFormat;
  readonly maxBodyBytes?: number;
  /** Called for every exchange, in input order. */
  readonly onVerdict?: (verdict: ExchangeVerdict) => void;
  /** Called for every skipped entry/line and notice. */
  readonly onSkipped?: (item: Skipped | Notice) => void;
  /** Called with detections in batches (every `batch` exchanges and at the end). */
  readonly onDetections?: (detections: readonly Detection[]) => void;
  /** Called once at the end with every actor with detections, attacks or risk (to save them). */
  readonly onActors?: (actors: readonly ActorView[]) => void;
  /** Behaviour detections kept for the summary (default 500; the rest are counted). */
  readonly maxShown?: number;
  /** Actors kept for the summary, highest risk first (default 50). */
  readonly maxActors?: number;
  readonly signal?: AbortSignal;
}

export interface DetectFileResult {
  readonly file: string;
  readonly format: string;
  readonly exchanges: number;
  readonly skipped: number;
  readonly skippedByCode: Readonly<Partial<Record<ErrorCode, number>>>;
  readonly notices: number;
}

export interface ClassCount {
  readonly class: string;
  /** `signature` (an attack class of the signature engine) or `behaviour`. */
  readonly kind: 'signature' | 'behaviour';
  /** Exchanges whose verdict names the class. */
  readonly exchanges: number;
  readonly detections: number;
  /** Distinct actors with a detection of the class. */
  readonly actors: number;
}

export interface DetectSummary {
  readonly files: readonly DetectFileResult[];
  readonly exchanges: number;
  /** Exchanges whose verdict is an attack. */
  readonly attacks: number;
  readonly detections: number;
  readonly byClass: readonly ClassCount[];
  /** Actors with detections, attacks or risk, highest risk first (at most `maxActors`). */
  readonly actors: readonly ActorView[];
  readonly actorsTotal: number;
  /** Behaviour detections in the order decided (at most `maxShown`). */
  readonly behaviour: readonly Detection[];
  readonly behaviourTotal: number;
  readonly stats: DetectorStats;
}

const BATCH = 1_000;
const MAX_ACTORS_PER_CLASS = 100_000;

/** Runs detection over `files`. Throws `RampartError` for files that cannot be read as traffic. */
export async function detectFiles(files: readonly string[], options: DetectFilesOptions = {}): Promise<DetectSummary> {
  const sources: OpenedSource[] = [];
  for (const file of files) sources.push(await openSource(file, { format: options.format, maxBodyBytes: options.maxBodyBytes, signal: options.signal }));

  const detector = createDetector(options.detector ?? {});
  const maxShown = options.maxShown ?? 500;
  const classes = new Map<string, { kind: 'signature' | 'behaviour'; exchanges: number; detections: number; actors: Set<string> }>();
  const classOf = (name: string, kind: 'signature' | 'behaviour') => {
    let c = classes.get(name);
    if (!c) {
      c = { kind, exchanges: 0, detections: 0, actors: new Set() };
      classes.set(name, c);
    }
    return c;
  };
  const behaviour: Detection[] = [];
  let behaviourTotal = 0;
  let detections = 0;
  let attacks = 0;
  let exchanges = 0;

  const take = (list: readonly Detection[]) => {
    if (list.length === 0) return;
    for (const d of list) {
      detections++;
      const c = classOf(d.class, d.detector === 'signatures' ? 'signature' : 'behaviour');
      c.detections++;
      if (c.actors.size < MAX_ACTORS_PER_CLASS) c.actors.add(d.actor);
      if (d.detector !== 'signatures') {
        behaviourTotal++;
        if (behaviour.length < maxShown) behaviour.push(d);
      }
    }
    options.onDetections?.(list);
  };

  const results: DetectFileResult[] = [];
  for (const source of sources) {
    options.signal?.throwIfAborted();
    let n = 0;
    let skipped = 0;
    let notices = 0;
    const skippedByCode: Partial<Record<ErrorCode, number>> = {};
    for await (const ev of source.events) {
      if (ev.kind === 'exchange') {
        n++;
        exchanges++;
        const v = detector.analyze(ev.exchange);
        if (v.attack) attacks++;
        for (const cls of v.classes) {
          const sig = v.signature?.classes.includes(cls as never) ?? false;
          classOf(cls, sig ? 'signature' : 'behaviour').exchanges++;
        }
        options.onVerdict?.(v);
        if (exchanges % BATCH === 0) take(detector.flush());
      } else if (ev.kind === 'skipped') {
        skipped++;
        skippedByCode[ev.code] = (skippedByCode[ev.code] ?? 0) + 1;
        options.onSkipped?.(ev);
      } else if (ev.kind === 'notice') {
        notices++;
        options.onSkipped?.(ev);
      }
    }
    results.push({ file: source.file, format: source.format, exchanges: n, skipped, skippedByCode, notices });
  }
  take(detector.finish());

  const allActors = detector.actors();
  options.onActors?.(allActors);
  const byClass: ClassCount[] = [...classes.entries()]
    .map(([name, c]) => ({ class: name, kind: c.kind, exchanges: c.exchanges, detections: c.detections, actors: c.actors.size }))
    .sort((a, b) => b.detections - a.detections || b.exchanges - a.exchanges || (a.class < b.class ? -1 : 1));
  return {
    files: results,
    exchanges,
    attacks,
    detections,
    byClass,
    actors: allActors.slice(0, options.maxActors ?? 50),
    actorsTotal: allActors.length,
    behaviour,
    behaviourTotal,
    stats: detector.stats(),
  };
}
