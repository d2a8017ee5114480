/**
 * Slack credentials: API tokens (`xoxb-` bot, `xoxp-` user, `xoxa-`/`xoxr-` app and refresh, `xoxs-`/`xoxo-`
 * legacy, `xoxe-` and `xoxe.xoxp-` rotating, `xapp-` app-level) made of dash-separated alphanumeric groups, and
 * incoming-webhook URLs (`https://hooks.slack.com/services/T…/B…/…`, also `/workflows/` and `/triggers/`),
 * whose path is itself the secret.
 */
import type { Classifier } from './classifier.js';
import { AUTH_SCHEME_FIRST_CHARS, isAlnumCode, mayHaveAuthScheme, splitAuthScheme } from './value-shape.js';

const TOKEN_PREFIXES = ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-', 'xoxo-', 'xoxe-', 'xoxe.xoxp-', 'xoxe.xoxb-', 'xapp-'];
const WEBHOOK = 'https://hooks.slack.com/';
const WEBHOOK_KINDS = ['services/', 'workflows/', 'triggers/'];

/** Length of the Slack token starting at `start` (up to `limit`), or 0 when none starts there. */
export function slackTokenLengthAt(v: string, start: number, limit = v.length): number {
  if (v.charCodeAt(start) !== 120 /* x */) return 0;
  let p = '';
  for (const pre of TOKEN_PREFIXES) {
    if (v.startsWith(pre, start)) {
      p = pre;
      break;
    }
  }
  if (!p) return 0;
  let i = start + p.length;
  let dashes = 0;
  let digits = 0;
  const max = Math.min(limit, start + 256);
  while (i < max) {
    const c = v.charCodeAt(i);
    if (c === 45) {
      if (v.charCodeAt(i - 1) === 45) break;
      dashes++;
    } else if (!isAlnumCode(c)) {
      break;
    } else if (c >= 48 && c <= 57) {
      digits++;
    }
    i++;
  }
  if (v.charCodeAt(i - 1) === 45) {
    i--;
    dashes--;
  }
  const body = i - start - p.length;
  return body >= 15 && dashes >= 1 && digits >= 4 ? i - start : 0;
}

/** Length of the Slack webhook URL starting at `start`, or 0 when none starts there. */
export function slackWebhookLengthAt(v: string, start: number, limit = v.length): number {
  if (!v.startsWith(WEBHOOK, start)) return 0;
  let i = start + WEBHOOK.length;
  let kind = '';
  for (const k of WEBHOOK_KINDS) {
    if (v.startsWith(k, i)) {
      kind = k;
      break;
    }
  }
  if (!kind) return 0;
  i += kind.length;
  let segments = 1;
  let segLen = 0;
  const max = Math.min(limit, start + 256);
  while (i < max) {
    const c = v.charCodeAt(i);
    if (c === 47) {
      if (segLen === 0) return 0;
      segments++;
      segLen = 0;
    } else if (isAlnumCode(c)) {
      segLen++;
    } else {
      break;
    }
    i++;
  }
  return segments >= 3 && segLen >= 8 ? i - start : 0;
}

export const slackToken: Classifier = {
  type: 'slack-token',
  gate: { minLength: 20, maxLength: 300, firstChars: AUTH_SCHEME_FIRST_CHARS + 'xh' },
  test(value) {
    const n = value.length;
    if (n < 20 || n > 300) return false;
    const c0 = value.charCodeAt(0);
    if (c0 === 120) return slackTokenLengthAt(value, 0) === n;
    if (c0 === 104 /* h */) return slackWebhookLengthAt(value, 0) === n;
    if (!mayHaveAuthScheme(value)) return false;
    const { scheme, credential } = splitAuthScheme(value);
    return scheme !== '' && slackTokenLengthAt(credential, 0) === credential.length && credential.length > 0;
  },
  vectors: {
    match: [
      'xoxb-2630719417383-2648284513776-cbvS0OdQ8qtRVjCLkfDkJmZN',
      'xoxp-2630719417383-2648284513776-2650192803312-4c2d0d3b69a1f7c2bd7b3c1a2e8f9d10',
      'xoxe.xoxp-1-Mi0yLTI2MzA3MTk0MTczODMtMjY0ODI4NDUxMzc3Ni0yNjUwMTkyODAzMzEy',
      'xapp-1-A02J6JFHW9P-2652148318753-a4b7c1d2e3f4a5b6c7d8e9f0a1b2c3d4',
      'Bearer xoxb-2630719417383-2648284513776-cbvS0OdQ8qtRVjCLkfDkJmZN',
      'https://hooks.slack.com/services/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',
      'https://hooks.slack.com/workflows/T02JJ1BA2CB/A02JQ4H0K1Z/378934561234567890/Xy1ZaB2cD3eF4gH5iJ6kL7mN',
    ],
    noMatch: [
      'xoxb-',
      'xoxb-not-a-token',
      'xoxq-2630719417383-2648284513776-cbvS0OdQ8qtRVjCLkfDkJmZN',
      'xoxb-2630719417383-2648284513776-cbvS0OdQ8qtRVjCLkfDkJmZN!',
      'https://hooks.slack.com/services/',
      'https://hooks.slack.com/',
      'https://slack.com/services/T02JJ1BA2CB/B02JQ4H0K1Z/8YXxKcRyZ1a9t2WvQm3LpB4s',
      'https://hooks.slack.com/apps/T02JJ1BA2CB',
    ],
  },
};
