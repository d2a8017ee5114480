/**
 * Probe: what the root page and the not-found page give away — server, framework, gateway (rules in
 * fingerprint.ts), software versions in headers, and debug error pages with stack traces. Sends nothing new.
 */
import { finding } from '../findings.js';
import { disclosedVersions, fingerprintResponse, isDebugErrorPage, mergeFingerprints } from '../fingerprint.js';
import type { DiscoveryFinding, HostContext, Probe, ProbeResult } from '../types.js';

export const serverFingerprintProbe: Probe = {
  name: 'server-fingerprint',
  async run(ctx: HostContext): Promise<ProbeResult> {
    const answers = [ctx.root, ctx.notFound].filter((r) => r.status > 0);
    const fingerprint = mergeFingerprints(answers.map((r) => fingerprintResponse(r.headers, r.body)));
    const findings: DiscoveryFinding[] = [];
    const versions = [...new Set(answers.flatMap((r) => disclosedVersions(r.headers)))];
    if (versions.length) findings.push(finding('server-version-disclosed', ctx.origin, versions.join('; ')));
    const debug = answers.find((r) => isDebugErrorPage(r.body));
    if (debug) findings.push(finding('debug-error-page', debug.url, 'error page shows a stack trace or debugger'));
    return { fingerprint, findings };
  },
};
