/**
 * `npm run eval -- detect-behaviour` — D5 and D6: the behaviour detectors on seeded, scripted traffic (bench/support/
 * behaviour-scenarios.ts: thousands of benign people, integrations and crawlers, NAT-shared addresses, typos,
 * MFA, carts; mixed with credential stuffing at ~2 uses per IP, brute force, enumeration, BOLA, scraping, bots
 * and business-logic abuse), plus the real HARs of ../shared/corpora/har-samples as benign traffic.
 *
 * - D5, per behaviour class: recall over the labelled attacking actors (an actor counts when one of its keys —
 *   its IP or its JWT subject — has a detection of the class), and precision over the flagged actor keys (a key
 *   counts as a false positive when every labelled actor behind it is benign; keys of attackers of another kind
 *   are shown apart, e.g. a credential-stuffing tool flagged as a bot). Subnet and fingerprint keys aggregate
 *   many actors and are counted apart. Time to detect: attempts/failures/requests of the attack before the
 *   first detection of its class.
 * - D6, false positives on benign traffic: benign actors flagged with any behaviour class, and exchanges of
 *   benign actors whose verdict is an attack; the same on the real HARs.
 *
 * Seeds 42, 7 and 2024 by default (`BEHAVIOUR_SEEDS=1,2`); the table shows their pooled counts.
 */
import type { Detection, Exchange } from '../src/core/index.js';
import { createDetector } from '../src/detect/index.js';
import { openSource } from '../src/ingest/index.js';
import type { Suite, SuiteResult } from './harness.js';
import { corpus } from './shared-corpora.js';
import { buildScenario, type AttackKind, type LabelledActor } from './support/behaviour-scenarios.js';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

type Group = 'credential-stuffing' | 'brute-force' | 'enumeration/bola' | 'scraping/volumetric' | 'bot' | 'business-logic';
const GROUPS: readonly Group[] = ['credential-stuffing', 'brute-force', 'enumeration/bola', 'scraping/volumetric', 'bot', 'business-logic'];

const GROUP_OF_CLASS: Readonly<Record<string, Group>> = {
  'credential-stuffing': 'credential-stuffing',
  'brute-force': 'brute-force',
  enumeration: 'enumeration/bola',
  bola: 'enumeration/bola',
  scraping: 'scraping/volumetric',
  volumetric: 'scraping/volumetric',
  bot: 'bot',
  'business-logic': 'business-logic',
};

const GROUP_OF_ATTACK: Readonly<Record<AttackKind, Group>> = {
  'credential-stuffing-tool': 'credential-stuffing',
  'credential-stuffing-stealth': 'credential-stuffing',
  'brute-force-single-ip': 'brute-force',
  'brute-force-distributed': 'brute-force',
  'enumeration-sequential': 'enumeration/bola',
  'bola-harvested-ids': 'enumeration/bola',
  'enumeration-anonymous': 'enumeration/bola',
  scraping: 'scraping/volumetric',
  'bot-library': 'bot',
  'bot-headless': 'bot',
  'bot-spoofed-browser': 'bot',
  'coupon-guessing': 'business-logic',
  'giftcard-cracking': 'business-logic',
  'otp-brute-force': 'business-logic',
  'cart-hoarding': 'business-logic',
  'card-testing': 'business-logic',
};

interface GroupScore {
  positives: number;
  detected: number;
  tpKeys: number;
  fpKeys: number;
  otherAttackKeys: number;
  aggregateKeys: number;
  fpExamples: string[];
  missed: string[];
}

interface KindScore {
  actors: number;
  detected: number;
  unit: string;
  /** Units of the attack before its first detection of the class (undefined: never). */
  ttd: number[];
}

interface SeedResult {
  exchanges: number;
  benignActors: number;
  benignFlagged: number;
  benignExchanges: number;
  benignAttackVerdicts: number;
  groups: Map<Group, GroupScore>;
  kinds: Map<AttackKind, KindScore>;
  falsePositiveExamples: string[];
  seconds: number;
}

function emptyGroup(): GroupScore {
  return { positives: 0, detected: 0, tpKeys: 0, fpKeys: 0, otherAttackKeys: 0, aggregateKeys: 0, fpExamples: [], missed: [] };
}

function groupOfLabel(a: LabelledActor): Group | undefined {
  return a.label === 'benign' ? undefined : GROUP_OF_ATTACK[a.label];
}

function runSeed(seed: number): SeedResult {
  const started = performance.now();
  const sc = buildScenario({ seed });
  const detector = createDetector({ signatures: false, secretKey: `eval-${seed}` });
  /** actor key -> labelled actor ids behind it */
  const owners = new Map<string, Set<string>>();
  const own = (key: string, id: string) => {
    let s = owners.get(key);
    if (!s) owners.set(key, (s = new Set()));
    s.add(id);
  };
  const detections: Detection[] = [];
  let benignExchanges = 0;
  let benignAttackVerdicts = 0;
  for (const ex of sc.exchanges) {
    const sender = sc.senderOf.get(ex) as string;
    const v = detector.analyze(ex);
    own(v.actor, sender);
    if (ex.client.ip) own(`ip:${ex.client.ip}`, sender);
    if (sc.actors.get(sender)?.label === 'benign') {
      benignExchanges++;
      if (v.attack) benignAttackVerdicts++;
    }
    if (v.detections.length) detections.push(...v.detections);
  }
  detections.push(...detector.finish());

  const groups = new Map<Group, GroupScore>(GROUPS.map((g) => [g, emptyGroup()]));
  // flagged keys per group
  const flagged = new Map<Group, Map<string, Detection>>(GROUPS.map((g) => [g, new Map()]));
  for (const d of detections) {
    const g = GROUP_OF_CLASS[d.class];
    if (!g) continue;
    const m = flagged.get(g) as Map<string, Detection>;
    if (!m.has(d.actor)) m.set(d.actor, d);
  }
  const flaggedActors = new Map<Group, Set<string>>(GROUPS.map((g) => [g, new Set()]));
  const benignFlagged = new Set<string>();
  const fpExamples: string[] = [];
  for (const g of GROUPS) {
    const s = groups.get(g) as GroupScore;
    for (const [key, d] of flagged.get(g) as Map<string, Detection>) {
      if (key.startsWith('net:') || key.startsWith('fp:')) {
        s.aggregateKeys++;
        continue;
      }
      const ids = [...(owners.get(key) ?? [])];
      const labelled = ids.map((id) => sc.actors.get(id)).filter((a): a is LabelledActor => a !== undefined);
      for (const a of labelled) if (groupOfLabel(a) === g) (flaggedActors.get(g) as Set<string>).add(a.id);
      if (labelled.some((a) => groupOfLabel(a) === g)) s.tpKeys++;
      else if (labelled.every((a) => a.label === 'benign')) {
        s.fpKeys++;
        for (const a of labelled) benignFlagged.add(a.id);
        const ex = `${g}: ${key} (${labelled.length} benign ${labelled.map((a) => a.profile).slice(0, 3).join('/')}) ${d.rule}: ${d.message.slice(0, 140)}`;
        if (s.fpExamples.length < 5) s.fpExamples.push(ex);
        if (fpExamples.length < 20) fpExamples.push(ex);
      } else s.otherAttackKeys++;
    }
  }
  let benignActors = 0;
  for (const a of sc.actors.values()) {
    if (a.label === 'benign') {
      benignActors++;
      continue;
    }
    const g = groupOfLabel(a) as Group;
    const s = groups.get(g) as GroupScore;
    s.positives++;
    if ((flaggedActors.get(g) as Set<string>).has(a.id)) s.detected++;
    else if (s.missed.length < 5) s.missed.push(`${a.id} (${a.label})`);
  }

  // time to detect, per attack kind: units of the attack before the first detection of its group about its actors
  const kinds = new Map<AttackKind, KindScore>();
  for (const run of sc.attacks) {
    const g = GROUP_OF_ATTACK[run.kind];
    const ids = new Set(run.actors);
    const keys = new Set<string>();
    for (const [k, set] of owners) for (const id of set) if (ids.has(id)) keys.add(k);
    const first = detections.filter((d) => GROUP_OF_CLASS[d.class] === g && keys.has(d.actor)).reduce((m, d) => Math.min(m, d.time), Number.POSITIVE_INFINITY);
    const units = first === Number.POSITIVE_INFINITY ? Number.NaN : run.exchanges.filter((e: Exchange) => e.time <= first && (run.unit !== 'failures' || (e.response?.status ?? 0) >= 400)).length;
    const detected = run.actors.filter((id) => (flaggedActors.get(g) as Set<string>).has(id)).length;
    kinds.set(run.kind, { actors: run.actors.length, detected, unit: run.unit, ttd: Number.isNaN(units) ? [] : [units] });
  }
  return {
    exchanges: sc.exchanges.length,
    benignActors,
    benignFlagged: benignFlagged.size,
    benignExchanges,
    benignAttackVerdicts,
    groups,
    kinds,
    falsePositiveExamples: fpExamples,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The real HARs as benign traffic: detections on them are false positives (they hold no scripted abuse). */
async function runHars(): Promise<{ files: number; unreadable: number; exchanges: number; detections: number; flaggedKeys: number; attackVerdicts: number; examples: string[] } | undefined> {
  const dir = corpus('har-samples');
  if (!dir) return undefined;
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.har')) files.push(p);
    }
  };
  walk(dir);
  files.sort();
  let exchanges = 0;
  let attackVerdicts = 0;
  let unreadable = 0;
  const detections: Detection[] = [];
  for (const f of files) {
    // one detector per file: each HAR is its own session, recorded at its own time
    const detector = createDetector({ signatures: false, secretKey: 'eval-har' });
    let source;
    try {
      source = await openSource(f);
    } catch {
      unreadable++; // mitmproxy's sample folder holds deliberately broken HARs
      continue;
    }
    for await (const ev of source.events) {
      if (ev.kind !== 'exchange') continue;
      exchanges++;
      const v = detector.analyze(ev.exchange);
      if (v.attack) attackVerdicts++;
      detections.push(...v.detections);
    }
    detections.push(...detector.finish());
  }
  return {
    files: files.length - unreadable,
    unreadable,
    exchanges,
    detections: detections.length,
    flaggedKeys: new Set(detections.map((d) => d.actor)).size,
    attackVerdicts,
    examples: detections.slice(0, 5).map((d) => `${d.actor} ${d.rule}: ${d.message.slice(0, 120)}`),
  };
}

function pct(n: number, of: number): number {
  return of === 0 ? Number.NaN : Math.round((n / of) * 1000) / 10;
}

/** Per cent with three decimals (false-positive rates are small). */
function pct3(n: number, of: number): number {
  return of === 0 ? Number.NaN : Math.round((n / of) * 100_000) / 1000;
}

function medianOf(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1] as number;
}

export const detectBehaviourEval: Suite = {
  name: 'detect-behaviour',
  kind: 'eval',
  title: 'behaviour detection accuracy on seeded scripted abuse mixed with benign traffic (D5), false positives on benign traffic (D6)',
  async run(): Promise<SuiteResult> {
    const seeds = (process.env.BEHAVIOUR_SEEDS ?? '42,7,2024').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n));
    const results = seeds.map(runSeed);
    const pooled = new Map<Group, GroupScore>(GROUPS.map((g) => [g, emptyGroup()]));
    const kinds = new Map<AttackKind, KindScore>();
    for (const r of results) {
      for (const [g, s] of r.groups) {
        const p = pooled.get(g) as GroupScore;
        p.positives += s.positives;
        p.detected += s.detected;
        p.tpKeys += s.tpKeys;
        p.fpKeys += s.fpKeys;
        p.otherAttackKeys += s.otherAttackKeys;
        p.aggregateKeys += s.aggregateKeys;
        p.fpExamples.push(...s.fpExamples.slice(0, 2));
        p.missed.push(...s.missed.slice(0, 2));
      }
      for (const [k, s] of r.kinds) {
        const p = kinds.get(k) ?? { actors: 0, detected: 0, unit: s.unit, ttd: [] };
        p.actors += s.actors;
        p.detected += s.detected;
        p.ttd.push(...s.ttd);
        kinds.set(k, p);
      }
    }
    const rows: Array<Array<string | number>> = [];
    const d5: Record<string, unknown> = {};
    for (const g of GROUPS) {
      const s = pooled.get(g) as GroupScore;
      const precision = pct(s.tpKeys, s.tpKeys + s.fpKeys);
      const recall = pct(s.detected, s.positives);
      rows.push(['D5', g, `${s.detected}/${s.positives}`, recall, `${s.tpKeys}/${s.tpKeys + s.fpKeys}`, precision, s.otherAttackKeys, s.aggregateKeys]);
      d5[g] = { positives: s.positives, detected: s.detected, recall, tpKeys: s.tpKeys, fpKeys: s.fpKeys, precision, otherAttackKeys: s.otherAttackKeys, aggregateKeys: s.aggregateKeys, fpExamples: s.fpExamples, missed: s.missed };
    }
    const benignActors = results.reduce((n, r) => n + r.benignActors, 0);
    const benignFlagged = results.reduce((n, r) => n + r.benignFlagged, 0);
    const benignExchanges = results.reduce((n, r) => n + r.benignExchanges, 0);
    const benignAttack = results.reduce((n, r) => n + r.benignAttackVerdicts, 0);
    rows.push(['D6', 'benign actors flagged (scenario)', `${benignFlagged}/${benignActors}`, pct3(benignFlagged, benignActors), '', '', '', '']);
    rows.push(['D6', 'benign exchanges with an attack verdict', `${benignAttack}/${benignExchanges}`, Math.round((benignAttack / Math.max(1, benignExchanges)) * 100_000) / 1000, '', '', '', '']);
    const har = await runHars();
    if (har) rows.push(['D6', `real HARs (${har.files} files): detections / attack verdicts`, `${har.detections} / ${har.attackVerdicts} of ${har.exchanges}`, pct(har.attackVerdicts, har.exchanges), '', '', '', '']);
    const ttd: Record<string, unknown> = {};
    for (const [k, s] of kinds) {
      rows.push(['D5 per attack', k, `${s.detected}/${s.actors}`, pct(s.detected, s.actors), s.ttd.length ? `${medianOf(s.ttd)} ${s.unit}` : 'never', '', '', '']);
      ttd[k] = { actors: s.actors, detected: s.detected, recall: pct(s.detected, s.actors), timeToDetect: s.ttd, unit: s.unit };
    }
    const notes = [
      `seeds ${seeds.join(', ')}: ${results.map((r) => r.exchanges).join(' + ')} exchanges, ${results.map((r) => r.seconds.toFixed(1)).join(' / ')} s`,
      'D5 rows: recall = attacking actors with a detection of their class; precision = flagged actor keys behind which there is an attacker of that class, over those plus keys of benign actors only; "other attackers" = keys of attackers of another kind (not counted either way); "aggregate" = subnet and fingerprint keys',
      'D5 per-attack rows: actors detected with the attack\'s class, and the median time to detect (units of that attack before its first detection)',
      'D6 rows are in per cent with three decimals; benign HARs are scored with their own detector per file',
      ...[...pooled.values()].flatMap((s) => s.fpExamples.slice(0, 2).map((e) => `false positive: ${e}`)),
      ...[...pooled.values()].flatMap((s) => s.missed.slice(0, 2).map((e) => `missed: ${e}`)),
      ...(har ? har.examples.map((e) => `HAR detection: ${e}`) : ['real HARs: skipped (../shared/corpora/har-samples absent)']),
    ];
    return {
      columns: ['eval', 'class / attack', 'detected', 'recall % (D6: %)', 'flagged keys TP/(TP+FP); time to detect', 'precision %', 'other attackers', 'aggregate'],
      rows,
      notes,
      json: {
        seeds,
        exchanges: results.map((r) => r.exchanges),
        d5: { byClass: d5, byAttack: ttd },
        d6: {
          benignActors,
          benignFlagged,
          benignActorFprPercent: pct3(benignFlagged, benignActors),
          benignExchanges,
          benignAttackVerdicts: benignAttack,
          benignExchangeFprPercent: Math.round((benignAttack / Math.max(1, benignExchanges)) * 100_000) / 1000,
          har,
          examples: results.flatMap((r) => r.falsePositiveExamples).slice(0, 20),
        },
      },
    };
  },
};
