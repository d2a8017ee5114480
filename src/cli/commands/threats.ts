/**
 * `rampart threats list|show`: the threat records `rampart detect --db` (and the gateway) saved — actors with
 * their risk and classes, and one actor's timeline and latest detections with their (redacted) evidence.
 */
import { Option, type Command } from 'commander';
import { RampartError } from '../../core/index.js';
import type { CommandContext } from '../context.js';
import { formatActorDetail, formatActorTable } from '../format/threat-format.js';
import { DEFAULT_DB, openStore, parseIntOption } from '../options.js';

/** `--since`: an ISO 8601 date or date-time, or a duration back from now (`30m`, `24h`, `7d`). */
export function parseSince(text: string, now: number): number {
  const rel = /^(\d+)(m|h|d)$/.exec(text.trim());
  if (rel) return now - Number(rel[1]) * (rel[2] === 'm' ? 60_000 : rel[2] === 'h' ? 3_600_000 : 86_400_000);
  const t = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(text.trim()) ? Date.parse(text.trim()) : NaN;
  if (Number.isNaN(t)) throw new RampartError('E_USAGE', `--since ${JSON.stringify(text)}: expected a date (2024-05-01), a date-time with a zone (2024-05-01T10:00:00Z) or a duration back from now (30m, 24h, 7d)`);
  return t;
}

export function registerThreats(program: Command, ctx: CommandContext): void {
  const threats = program.command('threats').description('the threat records: actors, their risk, timelines and detections (saved by `rampart detect --db`)');

  threats
    .command('list')
    .description('actors with detections, highest peak risk first')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--class <class>', 'only actors with a detection of this class (e.g. credential-stuffing, sqli)')
    .option('--since <when>', 'only actors seen since (2024-05-01, 2024-05-01T10:00:00Z, or 24h, 7d back from now)')
    .option('--limit <n>', 'most actors listed', '100')
    .option('--db <file>', 'database file', DEFAULT_DB)
    .action((flags: { format: 'table' | 'json'; class?: string; since?: string; limit: string; db: string }) => {
      const since = flags.since === undefined ? undefined : parseSince(flags.since, Date.now());
      const limit = parseIntOption(flags.limit, '--limit', 1, 100_000);
      const store = openStore(ctx.io, flags.db, { mustExist: true });
      try {
        const actors = store.listActors({ class: flags.class, since, limit });
        if (flags.format === 'json') ctx.io.out(`${JSON.stringify(actors, null, 2)}\n`);
        else ctx.io.out(actors.length ? formatActorTable(actors) : 'no actors (save detections with `rampart detect FILE --db FILE`)\n');
      } finally {
        store.close();
      }
    });

  threats
    .command('show')
    .description("one actor: risk, timeline, and its latest detections with evidence")
    .argument('<actor>', 'the actor key as listed (ip:203.0.113.7, sub:user-42, key:#…, fp:…)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--detections <n>', 'latest detections shown with their evidence', '10')
    .option('--db <file>', 'database file', DEFAULT_DB)
    .action((key: string, flags: { format: 'text' | 'json'; detections: string; db: string }) => {
      const n = parseIntOption(flags.detections, '--detections', 0, 10_000);
      const store = openStore(ctx.io, flags.db, { mustExist: true });
      try {
        const actor = store.getActor(key.trim());
        if (!actor) {
          const near = store.listActors({ limit: 100_000 }).filter((a) => a.key.includes(key.trim()) || key.trim().includes(a.key.slice(a.key.indexOf(':') + 1)));
          throw new RampartError('E_ACTOR_NOT_FOUND', `no actor ${JSON.stringify(key)} in the threat records`, {
            ...(near.length ? { fix: `did you mean ${near.slice(0, 3).map((a) => a.key).join(', ')}?` } : {}),
          });
        }
        const timeline = store.timeline(actor.key);
        const detections = n === 0 ? [] : store.listDetections({ actor: actor.key, limit: n });
        if (flags.format === 'json') ctx.io.out(`${JSON.stringify({ actor, timeline, detections }, null, 2)}\n`);
        else ctx.io.out(formatActorDetail(actor, timeline, detections));
      } finally {
        store.close();
      }
    });
}
