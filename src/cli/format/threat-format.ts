/**
 * What people read of detection: the `rampart detect` summary (by class, by actor, behaviour detections with
 * their evidence), the JSON lines of `--format jsonl`, and the `rampart threats list|show` tables. Times are
 * ISO 8601 UTC; everything shown was redacted by the detection stage.
 */
import type { ActorView, Detection, TimelineEntry } from '../../core/index.js';
import type { ExchangeVerdict } from '../../detect/index.js';
import type { DetectSummary } from '../../pipeline/detect-files.js';
import { renderTable } from './table.js';

/** One `--format jsonl` line (documented in docs/detection/jsonl.md). */
export function verdictLine(v: ExchangeVerdict): string {
  return `${JSON.stringify({ index: v.index, attack: v.attack, score: v.score, classes: v.classes, rules: v.rules, actor: v.actor, risk: v.risk })}\n`;
}

export function isoTime(ms: number): string {
  return ms > 0 && Number.isFinite(ms) ? new Date(ms).toISOString().replace('.000Z', 'Z') : '-';
}

function pct(n: number, of: number): string {
  return of === 0 ? '0%' : `${((n / of) * 100).toFixed(1)}%`;
}

/** The summary as a table for people. */
export function formatDetectSummary(s: DetectSummary, options: { readonly evidence?: boolean } = {}): string {
  const out: string[] = [];
  const files = s.files.length;
  const skipped = s.files.reduce((n, f) => n + f.skipped, 0);
  out.push(
    `${files} file${files === 1 ? '' : 's'}, ${s.exchanges} exchange${s.exchanges === 1 ? '' : 's'}${skipped ? ` (${skipped} skipped)` : ''}: ` +
      `${s.attacks} attack${s.attacks === 1 ? '' : 's'} (${pct(s.attacks, s.exchanges)}), ${s.detections} detection${s.detections === 1 ? '' : 's'}, ` +
      `${s.actorsTotal} actor${s.actorsTotal === 1 ? '' : 's'} at risk\n`,
  );
  if (s.byClass.length) {
    out.push('\nBy class\n');
    out.push(
      renderTable(s.byClass, [
        { header: 'class', value: (c) => c.class },
        { header: 'kind', value: (c) => c.kind },
        { header: 'exchanges', value: (c) => String(c.exchanges), align: 'right' },
        { header: 'detections', value: (c) => String(c.detections), align: 'right' },
        { header: 'actors', value: (c) => String(c.actors), align: 'right' },
      ]),
    );
  }
  if (s.actors.length) {
    out.push(`\nBy actor (${s.actors.length} of ${s.actorsTotal}, highest risk first)\n`);
    out.push(formatActorTable(s.actors));
  }
  if (s.behaviour.length) {
    out.push(`\nBehaviour detections (${s.behaviourTotal}${s.behaviourTotal > s.behaviour.length ? `, first ${s.behaviour.length} shown` : ''})\n`);
    for (const d of s.behaviour) out.push(formatDetection(d, options.evidence ?? true));
  }
  if (s.stats.droppedDetections) out.push(`\nnote: ${s.stats.droppedDetections} detections were dropped (more than the pending limit between flushes)\n`);
  if (s.exchanges > 0 && s.detections === 0) out.push('\nno attacks or abuse detected\n');
  return out.join('');
}

export function formatActorTable(actors: readonly ActorView[]): string {
  return renderTable(actors, [
    { header: 'actor', value: (a) => a.key, max: 48 },
    { header: 'risk', value: (a) => a.risk.toFixed(1), align: 'right' },
    { header: 'peak', value: (a) => a.peakRisk.toFixed(1), align: 'right' },
    { header: 'requests', value: (a) => String(a.requests), align: 'right' },
    { header: 'attacks', value: (a) => String(a.attacks), align: 'right' },
    { header: 'detections', value: (a) => String(a.detections), align: 'right' },
    { header: 'classes', value: (a) => a.classes.join(', ') || '-', max: 50 },
    { header: 'last seen', value: (a) => isoTime(a.lastSeen) },
  ]);
}

/** One detection with its evidence, indented. */
export function formatDetection(d: Detection, evidence = true): string {
  const lines = [`- ${isoTime(d.time)}  ${d.severity.padEnd(8)} ${d.rule}  ${d.actor}${d.campaign ? `  campaign ${d.campaign}` : ''}\n`, `    ${oneLine(d.message)}\n`];
  if (evidence) {
    const counters = Object.entries(d.evidence.counters).map(([k, v]) => `${k}=${v}`);
    if (counters.length) lines.push(`    counters: ${counters.join(', ')}\n`);
    for (const [k, v] of Object.entries(d.evidence.facts ?? {})) lines.push(`    ${k}: ${oneLine(v).slice(0, 200)}\n`);
    for (const r of d.evidence.requests) lines.push(`    #${r.index} ${isoTime(r.time)} ${r.method} ${oneLine(r.target).slice(0, 120)}${r.status ? ` -> ${r.status}` : ''}${r.ip ? ` from ${r.ip}` : ''}\n`);
  }
  return lines.join('');
}

/** `rampart threats show`: the actor, its timeline and its latest detections with evidence. */
export function formatActorDetail(actor: ActorView, timeline: readonly TimelineEntry[], detections: readonly Detection[]): string {
  const out: string[] = [];
  out.push(`${actor.key} (${actor.kind})\n`);
  out.push(`  risk ${actor.risk.toFixed(1)} at ${isoTime(actor.riskAt)}, peak ${actor.peakRisk.toFixed(1)}\n`);
  out.push(`  seen ${isoTime(actor.firstSeen)} .. ${isoTime(actor.lastSeen)}: ${actor.requests} requests, ${actor.attacks} attacks, ${actor.detections} detections\n`);
  out.push(`  classes: ${actor.classes.join(', ') || '-'}\n`);
  if (actor.userAgent) out.push(`  user agent: ${oneLine(actor.userAgent)}\n`);
  if (actor.fingerprint) out.push(`  fingerprint: ${actor.fingerprint}\n`);
  if (actor.ips?.length) out.push(`  ips: ${actor.ips.join(', ')}\n`);
  out.push(`\nTimeline (${timeline.length}, oldest first)\n`);
  if (timeline.length === 0) out.push('  (empty)\n');
  else
    out.push(
      renderTable(timeline, [
        { header: 'time', value: (e) => isoTime(e.time) },
        { header: 'kind', value: (e) => e.kind },
        { header: 'class', value: (e) => e.class },
        { header: 'rule', value: (e) => e.rule, max: 40 },
        { header: 'score', value: (e) => String(Math.round(e.score)), align: 'right' },
        { header: 'message', value: (e) => e.message, max: 90 },
      ]),
    );
  if (detections.length) {
    out.push(`\nLatest detections with evidence (${detections.length})\n`);
    for (const d of detections) out.push(formatDetection(d));
  }
  return out.join('');
}

function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
