/**
 * `rampart detect FILE…`: attack signatures and behavioural abuse per actor over traffic files. Flags ->
 * `pipeline/detect-files` -> a summary table, JSON, or one JSON line per exchange (`--format jsonl`, summary
 * on stderr). `--db` saves detections and actors to the threat records. See docs/detection/README.md.
 */
import { Option, type Command } from 'commander';
import type { Notice, Skipped } from '../../core/index.js';
import type { DetectionConfig } from '../../detect/index.js';
import { detectFiles, type DetectSummary } from '../../pipeline/detect-files.js';
import { readDetectionConfig } from '../../pipeline/read-detection-config.js';
import { saveThreats } from '../../pipeline/save-threats.js';
import type { Store } from '../../store/store.js';
import { EXIT_FINDINGS, type CommandContext } from '../context.js';
import { formatDetectSummary, verdictLine } from '../format/threat-format.js';
import { openStore, parseIntOption, resolvePath } from '../options.js';

const SKIPPED_SHOWN = 10;

interface DetectFlags {
  format: 'table' | 'json' | 'jsonl';
  paranoia: string;
  threshold?: string;
  db?: string;
  config?: string;
  inputFormat?: 'har' | 'combined-log' | 'envoy-log' | 'jsonl' | 'raw-http';
  failOnAttack?: boolean;
  signatures: boolean;
  behaviour: boolean;
  quiet?: boolean;
}

export function registerDetect(program: Command, ctx: CommandContext): void {
  program
    .command('detect')
    .description('detect attacks (signatures) and abuse (credential stuffing, brute force, enumeration, scraping, bots, business logic) in traffic files')
    .argument('<files...>', 'HAR, nginx/Apache/Envoy access logs (plain or .gz), JSON lines or raw HTTP; read in order, exchanges indexed from 0 across files')
    .addOption(new Option('--format <format>', 'table, json (summary), or jsonl (one line per exchange; summary on stderr)').choices(['table', 'json', 'jsonl']).default('table'))
    .option('--paranoia <n>', 'signature paranoia level 1-4 (higher runs more rules and flags more)', '1')
    .option('--threshold <n>', 'signature anomaly score that makes an attack (default 5)')
    .option('--db <file>', 'save detections and actors to this database (see `rampart threats`)')
    .option('--config <file>', 'detection configuration (YAML/JSON; see docs/detection/README.md)')
    .addOption(new Option('--input-format <format>', 'read the files as this format instead of detecting it').choices(['har', 'combined-log', 'envoy-log', 'jsonl', 'raw-http']))
    .option('--fail-on-attack', 'exit with status 1 when any exchange is an attack or any detection is made')
    .option('--no-signatures', 'behaviour detection only')
    .option('--no-behaviour', 'signatures only')
    .option('-q, --quiet', 'no skipped-entry notices')
    .addHelpText('after', '\nExamples:\n  rampart detect access.log.gz\n  rampart detect traffic.har --format jsonl --paranoia 2 > verdicts.jsonl\n  rampart detect a.har b.har --db rampart.db && rampart threats list\n')
    .action(async (files: string[], flags: DetectFlags) => {
      const paranoia = parseIntOption(flags.paranoia, '--paranoia', 1, 4) as 1 | 2 | 3 | 4;
      const threshold = flags.threshold === undefined ? undefined : parseIntOption(flags.threshold, '--threshold', 1, 1_000);
      const config: DetectionConfig = flags.config ? readDetectionConfig(resolvePath(ctx.io, flags.config)) : {};
      const store: Store | undefined = flags.db ? openStore(ctx.io, flags.db) : undefined;
      try {
        const summary = await run(ctx, files, flags, config, paranoia, threshold, store);
        if (flags.failOnAttack && (summary.attacks > 0 || summary.detections > 0)) ctx.setExitCode(EXIT_FINDINGS);
      } finally {
        store?.close();
      }
    });
}

async function run(ctx: CommandContext, files: string[], flags: DetectFlags, config: DetectionConfig, paranoia: 1 | 2 | 3 | 4, threshold: number | undefined, store: Store | undefined): Promise<DetectSummary> {
  const { io } = ctx;
  let shown = 0;
  let hidden = 0;
  const onSkipped = (s: Skipped | Notice) => {
    if (flags.quiet) return;
    if (shown < SKIPPED_SHOWN) {
      shown++;
      io.err(`${s.kind === 'skipped' ? 'skipped' : 'note:'} ${s.location}: ${s.reason} [${s.code}]\n`);
    } else hidden++;
  };
  const jsonl = flags.format === 'jsonl';
  let saved = 0;
  const summary = await detectFiles(
    files.map((f) => resolvePath(io, f)),
    {
      detector: {
        ...config,
        signatures: flags.signatures ? { paranoia, ...(threshold === undefined ? {} : { threshold }) } : false,
        behaviour: flags.behaviour,
        // one key per database, so hashed credentials and accounts match across runs
        ...(store ? { secretKey: store.secretKey() } : {}),
      },
      format: flags.inputFormat,
      onSkipped,
      ...(jsonl ? { onVerdict: (v) => io.out(verdictLine(v)) } : {}),
      ...(store
        ? {
            onDetections: (ds) => saveThreats(store, ds, []),
            onActors: (as) => {
              saved = as.length;
              saveThreats(store, [], as);
            },
          }
        : {}),
    },
  );
  if (hidden) io.err(`… and ${hidden} more skipped\n`);
  if (flags.format === 'json') io.out(`${JSON.stringify(summary, null, 2)}\n`);
  else if (jsonl) io.err(formatDetectSummary(summary, { evidence: false }));
  else io.out(formatDetectSummary(summary));
  if (store && flags.db) io.err(`saved ${summary.detections} detections and ${saved} actors to ${flags.db}\n`);
  return summary;
}
