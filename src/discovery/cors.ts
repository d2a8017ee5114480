/**
 * CORS policy as a browser would apply it: send a request with a foreign `Origin` and read what the answer
 * allows (Fetch standard, CORS protocol). Pure: headers in, policy and findings out.
 */
import { headerValue, type Header } from '../core/index.js';
import { finding } from './findings.js';
import type { CorsInfo, DiscoveryFinding } from './types.js';

/** The foreign origin discovery sends (a reserved name: RFC 2606 `.invalid`). */
export const PROBE_ORIGIN = 'https://rampart-discovery.invalid';

/** Reads the policy from the answer to a request sent with `Origin: <origin>`. */
export function readCorsPolicy(headers: readonly Header[], origin: string): CorsInfo {
  const allow = headerValue(headers, 'access-control-allow-origin')?.trim();
  const allowCredentials = headerValue(headers, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true';
  if (allow === undefined || allow === '') return { allowCredentials: false, policy: 'none' };
  const policy = allow === '*' ? 'any' : allow === origin ? 'reflected' : allow === 'null' ? 'null' : 'fixed';
  return { allowOrigin: allow, allowCredentials, policy };
}

/** Findings for a policy seen at `url`; `nullPolicy` is the answer to `Origin: null`, when asked. */
export function corsFindings(info: CorsInfo, url: string, nullPolicy?: CorsInfo): DiscoveryFinding[] {
  const out: DiscoveryFinding[] = [];
  if (info.policy === 'reflected') {
    out.push(
      info.allowCredentials
        ? finding('cors-credentials-any-origin', url, `Access-Control-Allow-Origin echoes ${PROBE_ORIGIN} with Access-Control-Allow-Credentials: true`)
        : finding('cors-reflected-origin', url, `Access-Control-Allow-Origin echoes the request's Origin (${PROBE_ORIGIN})`),
    );
  } else if (info.policy === 'any') {
    // browsers refuse `*` with credentials, so this exposes only what needs no cookie or token
    out.push(finding('cors-any-origin', url, 'Access-Control-Allow-Origin: * (any site can read unauthenticated responses)'));
  }
  if (nullPolicy?.policy === 'null' || (nullPolicy && nullPolicy.policy === 'reflected' && nullPolicy.allowOrigin === 'null')) {
    out.push(finding('cors-null-origin', url, `Access-Control-Allow-Origin: null${nullPolicy.allowCredentials ? ' with credentials' : ''}`));
  }
  return out;
}
