/**
 * Probe: the TLS certificate of an HTTPS host — read, not trusted: whether it validates (chain and name), who
 * issued it, until when, and the other names it covers (subject alternative names), which become hosts to
 * probe when the scope allows them.
 */
import { finding } from '../findings.js';
import type { HostContext, HttpClient, Probe, ProbeResult } from '../types.js';

export const tlsCertificateProbe: Probe = {
  name: 'tls-certificate',
  async run(ctx: HostContext, http: HttpClient): Promise<ProbeResult> {
    const origin = new URL(ctx.origin);
    if (origin.protocol !== 'https:') return { tls: { enabled: false } };
    const tls = await http.tls(ctx.host, Number(origin.port) || 443);
    if (!tls.enabled) return { tls };
    const findings = tls.valid === false ? [finding('tls-certificate-invalid', ctx.origin, `certificate does not validate: ${tls.error ?? 'unknown reason'}${tls.subject ? ` (subject ${tls.subject}${tls.issuer ? `, issuer ${tls.issuer}` : ''})` : ''}`)] : [];
    // wildcard names cannot be probed as such
    const hosts = (tls.altNames ?? []).filter((n) => !n.includes('*') && n !== ctx.host);
    return { tls, findings, hosts };
  },
};
