/**
 * The catalogue of discovery findings: each kind's severity and its OWASP API Top 10 (2023) / CWE mapping, in
 * one table (documented in docs/discovery.md). Probes create findings through `finding()` so severities stay
 * consistent.
 */
import type { Severity } from '../core/index.js';
import type { DiscoveryFinding, FindingKind } from './types.js';

export interface FindingSpec {
  readonly severity: Severity;
  readonly owasp: string | null;
  readonly cwe: string | null;
  /** What it means, for the docs. */
  readonly title: string;
}

const API8 = 'API8:2023';
const API9 = 'API9:2023';

export const FINDING_KINDS: Readonly<Record<FindingKind, FindingSpec>> = {
  'spec-exposed': { severity: 'medium', owasp: API9, cwe: 'CWE-200', title: 'an API description (OpenAPI/Swagger) is readable without authentication' },
  'swagger-ui-exposed': { severity: 'low', owasp: API9, cwe: 'CWE-200', title: 'an interactive API documentation page (Swagger UI, ReDoc) is public' },
  'api-catalog-exposed': { severity: 'info', owasp: API9, cwe: null, title: 'an RFC 9727 API catalog (/.well-known/api-catalog) lists APIs' },
  'graphql-endpoint': { severity: 'info', owasp: null, cwe: null, title: 'a GraphQL endpoint answers queries' },
  'graphql-introspection': { severity: 'medium', owasp: API8, cwe: 'CWE-200', title: 'GraphQL introspection is enabled: anyone can read the whole schema' },
  'api-prefix': { severity: 'info', owasp: null, cwe: null, title: 'a path answers like an API (JSON errors, auth challenges, CORS)' },
  'js-api-calls': { severity: 'info', owasp: API9, cwe: null, title: 'front-end JavaScript calls API endpoints (listed as endpoints)' },
  'robots-api-paths': { severity: 'info', owasp: API9, cwe: null, title: 'robots.txt or the sitemap name API paths' },
  'cleartext-http': { severity: 'medium', owasp: API8, cwe: 'CWE-319', title: 'an API is served over plain HTTP, without TLS' },
  'tls-certificate-invalid': { severity: 'medium', owasp: API8, cwe: 'CWE-295', title: 'the TLS certificate does not validate (self-signed, expired, wrong name)' },
  'cors-any-origin': { severity: 'low', owasp: API8, cwe: 'CWE-942', title: 'CORS allows any origin (`*`) to read responses' },
  'cors-reflected-origin': { severity: 'medium', owasp: API8, cwe: 'CWE-942', title: 'CORS echoes any Origin back as allowed' },
  'cors-credentials-any-origin': { severity: 'high', owasp: API8, cwe: 'CWE-942', title: 'CORS echoes any Origin and allows credentials: any site can read users\' data' },
  'cors-null-origin': { severity: 'medium', owasp: API8, cwe: 'CWE-942', title: 'CORS allows the `null` origin (sandboxed iframes, local files)' },
  'server-version-disclosed': { severity: 'low', owasp: API8, cwe: 'CWE-200', title: 'response headers disclose software versions' },
  'debug-error-page': { severity: 'medium', owasp: API8, cwe: 'CWE-209', title: 'error pages show stack traces or a debugger' },
};

/** A finding of `kind` at `url`, with the catalogue's severity and mappings. */
export function finding(kind: FindingKind, url: string, message: string): DiscoveryFinding {
  const spec = FINDING_KINDS[kind];
  return { kind, severity: spec.severity, url, message, owasp: spec.owasp, cwe: spec.cwe };
}
