/**
 * What `rampart demo` found, as data (`DemoReport`), and the pure summaries it is built from: the gateway's
 * decisions per rule and per actor class, the offline detections per class and actor, and the inventory.
 * The actor classes are the generator's ground truth, so the report can say which blocks hit benign users.
 */
import type { Detection, Endpoint, EndpointStatus, SensitiveType } from '../core/index.js';
import type { ActorClass } from './traffic/scenario.js';
import { ATTACK_CLASSES } from './traffic/scenario.js';

/** One gateway decision, reduced to what the report counts. */
export interface GatewayDecision {
  readonly clientIp: string;
  readonly outcome: 'pass' | 'block' | 'deceive' | 'monitor' | 'error';
  /** The enforced rule (block) or the would-be rules (monitor flags). */
  readonly rules: readonly string[];
}

export interface RuleCount {
  readonly rule: string;
  readonly total: number;
  /** Of which requests from benign actors (false positives, e.g. undocumented endpoints the app really uses). */
  readonly benign: number;
}

export interface DetectionCount {
  readonly class: string;
  readonly rule: string;
  readonly detections: number;
  /** Actor keys (redacted as the detector gives them), sorted. */
  readonly actors: readonly string[];
  /** The generator actor classes these detections were about (ground truth), sorted. */
  readonly about: readonly string[];
}

export interface DemoReport {
  readonly mode: string;
  readonly gatewayUrl: string;
  readonly durationMs: number;
  readonly requests: number;
  readonly requestsByClass: Readonly<Record<string, number>>;
  readonly failed: number;
  readonly stoppedBy: string;
  readonly gateway: { readonly blocked: number; readonly flagged: number; readonly byRule: readonly RuleCount[] };
  readonly detections: readonly DetectionCount[];
  readonly inventory: {
    readonly endpoints: number;
    readonly byStatus: Readonly<Record<EndpointStatus, number>>;
    readonly shadow: readonly string[];
    readonly zombie: readonly string[];
    /** `METHOD path: type@location`, one per endpoint and type. */
    readonly sensitive: readonly string[];
  };
  readonly files: { readonly db: string; readonly har: string; readonly config: string };
}

/** Gateway decisions per rule, with the share from benign actors (by client address). */
export function countGatewayRules(decisions: readonly GatewayDecision[], classOfIp: ReadonlyMap<string, ActorClass>): { blocked: number; flagged: number; byRule: RuleCount[] } {
  const counts = new Map<string, { total: number; benign: number }>();
  let blocked = 0;
  let flagged = 0;
  for (const d of decisions) {
    if (d.rules.length === 0) continue;
    if (d.outcome === 'block' || d.outcome === 'deceive') blocked++;
    else flagged++;
    const benign = !isAttack(classOfIp.get(d.clientIp));
    for (const rule of d.rules) {
      const c = counts.get(rule) ?? { total: 0, benign: 0 };
      c.total++;
      if (benign) c.benign++;
      counts.set(rule, c);
    }
  }
  const byRule = [...counts].map(([rule, c]) => ({ rule, ...c })).sort((a, b) => b.total - a.total || a.rule.localeCompare(b.rule));
  return { blocked, flagged, byRule };
}

/** Detections grouped by class and rule, with the actor classes they were about. */
export function countDetections(detections: readonly Detection[], classOfActorKey: (key: string) => ActorClass | undefined): DetectionCount[] {
  const groups = new Map<string, { class: string; rule: string; n: number; actors: Set<string>; about: Set<string> }>();
  for (const d of detections) {
    const k = `${d.class}\u0000${d.rule}`;
    const g = groups.get(k) ?? { class: d.class, rule: d.rule, n: 0, actors: new Set<string>(), about: new Set<string>() };
    g.n++;
    g.actors.add(d.actor);
    g.about.add(classOfActorKey(d.actor) ?? '-');
    groups.set(k, g);
  }
  return [...groups.values()]
    .map((g) => ({ class: g.class, rule: g.rule, detections: g.n, actors: [...g.actors].sort(), about: [...g.about].sort() }))
    .sort((a, b) => a.class.localeCompare(b.class) || a.rule.localeCompare(b.rule));
}

/** Types listed first in the report (the rest follow, alphabetically). */
const SENSITIVE_RANK: readonly SensitiveType[] = ['payment-card', 'private-key', 'aws-access-key', 'github-token', 'slack-token', 'stripe-key', 'generic-secret', 'password', 'us-ssn', 'iban', 'email', 'phone', 'date-of-birth'];

/** The inventory part of the report (sensitive sightings: most dangerous types first). */
export function summariseInventory(endpoints: readonly Endpoint[]): DemoReport['inventory'] {
  const byStatus: Record<EndpointStatus, number> = { documented: 0, shadow: 0, zombie: 0, orphan: 0 };
  const label = (e: Endpoint) => `${e.method} ${e.path}`;
  const sensitive: Array<{ rank: number; text: string }> = [];
  for (const e of endpoints) {
    byStatus[e.status]++;
    const seen = new Set<string>();
    for (const s of e.sensitive) {
      const item = `${label(e)}: ${s.type} in ${s.direction} ${s.location === 'body' ? s.path : `${s.location} ${s.path}`}`;
      if (!seen.has(item)) sensitive.push({ rank: SENSITIVE_RANK.indexOf(s.type) >>> 0, text: item });
      seen.add(item);
    }
  }
  const of = (status: EndpointStatus) => endpoints.filter((e) => e.status === status).map(label).sort();
  return { endpoints: endpoints.length, byStatus, shadow: of('shadow'), zombie: of('zombie'), sensitive: sensitive.sort((a, b) => a.rank - b.rank || a.text.localeCompare(b.text)).map((x) => x.text) };
}

export function isAttack(c: ActorClass | undefined): boolean {
  return c !== undefined && ATTACK_CLASSES.includes(c);
}

/** The report as the terminal shows it. */
export function formatDemoReport(r: DemoReport): string {
  const lines: string[] = [];
  const attacks = Object.entries(r.requestsByClass).filter(([c]) => isAttack(c as ActorClass)).reduce((n, [, v]) => n + v, 0);
  lines.push(`rampart demo — ${r.requests} requests in ${(r.durationMs / 1000).toFixed(1)} s through ${r.gatewayUrl} (mode ${r.mode}): ${r.requests - attacks} benign, ${attacks} from attackers${r.failed ? `, ${r.failed} without response` : ''}`);
  lines.push(`  by actor: ${Object.entries(r.requestsByClass).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`);
  lines.push('');
  lines.push(`Gateway (inline): ${r.gateway.blocked} blocked, ${r.gateway.flagged} flagged`);
  if (r.gateway.byRule.length === 0) lines.push('  nothing blocked or flagged');
  for (const c of r.gateway.byRule) lines.push(`  ${c.rule.padEnd(32)} ${String(c.total).padStart(5)}${c.benign ? `   (${c.benign} from benign users)` : ''}`);
  lines.push('');
  lines.push('Detection (offline, over the recorded traffic): attacks by class and actor');
  if (r.detections.length === 0) lines.push('  no detections');
  for (const d of r.detections) {
    const actors = d.actors.length > 3 ? `${d.actors.slice(0, 3).join(', ')} … (${d.actors.length} actors)` : d.actors.join(', ');
    lines.push(`  ${d.class.padEnd(22)} ${d.rule.padEnd(42)} ${String(d.detections).padStart(4)}  ${actors}  [${d.about.join(', ')}]`);
  }
  lines.push('');
  const s = r.inventory.byStatus;
  lines.push(`Inventory: ${r.inventory.endpoints} endpoints — ${s.documented} documented, ${s.shadow} shadow, ${s.zombie} zombie, ${s.orphan} orphan`);
  lines.push(`  shadow (not in the spec): ${r.inventory.shadow.join(', ') || 'none'}`);
  lines.push(`  zombie (deprecated or old version, still called): ${r.inventory.zombie.join(', ') || 'none'}`);
  // bearer JWTs in Authorization are expected on every signed-in endpoint: counted, not listed
  const bearer = r.inventory.sensitive.filter((x) => x.endsWith(': jwt in request header authorization')).length;
  const listed = r.inventory.sensitive.filter((x) => !x.endsWith(': jwt in request header authorization'));
  lines.push(`  sensitive data (${listed.length} sightings${bearer ? `, plus bearer JWTs on ${bearer} endpoint${bearer === 1 ? '' : 's'}` : ''}):`);
  for (const item of listed.slice(0, 15)) lines.push(`    ${item}`);
  if (listed.length > 15) lines.push(`    … ${listed.length - 15} more (rampart inventory show METHOD PATH --db ${r.files.db})`);
  lines.push('');
  lines.push(`Saved: inventory and threat records ${r.files.db}, traffic ${r.files.har}, gateway configuration ${r.files.config}`);
  lines.push(`Next: rampart inventory list --db ${r.files.db} --status shadow`);
  lines.push(`      rampart threats list --db ${r.files.db}`);
  return `${lines.join('\n')}\n`;
}
