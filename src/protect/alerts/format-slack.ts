/**
 * A batch of alerts as a Slack incoming-webhook message (also accepted by Mattermost and Rocket.Chat):
 * `text` for notifications and clients without blocks, and one section block per alert (at most 20; the rest
 * counted in a context block). Pure.
 */
import type { Alert } from './alert.js';

const ICON: Readonly<Record<string, string>> = { critical: ':rotating_light:', high: ':red_circle:', medium: ':large_orange_circle:', low: ':large_yellow_circle:', info: ':white_circle:' };
const MAX_BLOCKS = 20;

/** Slack mrkdwn escaping: `&`, `<`, `>` (so values cannot become links or mentions). */
export function escapeSlack(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function line(a: Alert): string {
  return `${ICON[a.severity] ?? ''} *${escapeSlack(a.event)}*${a.rule ? ` \`${escapeSlack(a.rule)}\`` : ''} — ${escapeSlack(a.summary)}`;
}

export function slackPayload(alerts: readonly Alert[]): { text: string; blocks: unknown[] } {
  const first = alerts[0];
  const text = alerts.length === 1 && first ? `Rampart: ${escapeSlack(first.summary)}` : `Rampart: ${alerts.length} alerts`;
  const blocks: unknown[] = [{ type: 'header', text: { type: 'plain_text', text: alerts.length === 1 ? 'Rampart alert' : `Rampart: ${alerts.length} alerts` } }];
  for (const a of alerts.slice(0, MAX_BLOCKS)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: line(a).slice(0, 2900) } });
  if (alerts.length > MAX_BLOCKS) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${alerts.length - MAX_BLOCKS} more (see the gateway's logs)` }] });
  return { text, blocks };
}
