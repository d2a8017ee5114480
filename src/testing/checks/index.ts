/**
 * The built-in checks, listed explicitly (no registration by import side effects), grouped by OWASP API
 * Security Top 10 (2023) category. Within a stage they run in this order; `late` (changes data) and `last`
 * (locks accounts, bursts) checks run after all `main` ones.
 */
import type { Check } from '../check.js';
import { authExpiredToken } from './auth-expired-token.js';
import { authInvalidToken } from './auth-invalid-token.js';
import { authMissing } from './auth-missing.js';
import { bflaRead } from './bfla-read.js';
import { bflaWrite } from './bfla-write.js';
import { bolaDelete } from './bola-delete.js';
import { bolaRead } from './bola-read.js';
import { bolaWrite } from './bola-write.js';
import { commandInjection } from './command-injection.js';
import { corsAnyOrigin } from './cors-any-origin.js';
import { deprecatedOperationLive } from './deprecated-operation-live.js';
import { excessiveDataExposure } from './excessive-data-exposure.js';
import { fuzzInvalidAccepted } from './fuzz-invalid-accepted.js';
import { fuzzServerError } from './fuzz-server-error.js';
import { httpTraceEnabled } from './http-trace-enabled.js';
import { jwtAlgNone } from './jwt-alg-none.js';
import { jwtKeyConfusion } from './jwt-key-confusion.js';
import { jwtSignatureStripped } from './jwt-signature-stripped.js';
import { jwtWeakSecret } from './jwt-weak-secret.js';
import { largePayloadAccepted } from './large-payload-accepted.js';
import { loginNoLockout } from './login-no-lockout.js';
import { massAssignment } from './mass-assignment.js';
import { nosqliOperator } from './nosqli-operator.js';
import { oldApiVersion } from './old-api-version.js';
import { pathTraversal } from './path-traversal.js';
import { rateLimitMissing } from './rate-limit-missing.js';
import { responseSchemaMismatch } from './response-schema-mismatch.js';
import { securityHeadersMissing } from './security-headers-missing.js';
import { serverBanner } from './server-banner.js';
import { sqliBoolean } from './sqli-boolean.js';
import { sqliError } from './sqli-error.js';
import { sqliTime } from './sqli-time.js';
import { ssrf } from './ssrf.js';
import { ssti } from './ssti.js';
import { unboundedPageSize } from './unbounded-page-size.js';
import { verboseErrors } from './verbose-errors.js';

export const BUILTIN_CHECKS: readonly Check[] = [
  // API1 broken object-level authorisation
  bolaRead,
  bolaWrite,
  bolaDelete,
  // API2 broken authentication
  authMissing,
  authInvalidToken,
  authExpiredToken,
  jwtAlgNone,
  jwtSignatureStripped,
  jwtWeakSecret,
  jwtKeyConfusion,
  loginNoLockout,
  // API3 broken object property level authorisation
  excessiveDataExposure,
  massAssignment,
  // API4 unrestricted resource consumption
  unboundedPageSize,
  largePayloadAccepted,
  rateLimitMissing,
  // API5 broken function-level authorisation
  bflaRead,
  bflaWrite,
  // API7 server-side request forgery
  ssrf,
  // API8 security misconfiguration
  corsAnyOrigin,
  securityHeadersMissing,
  verboseErrors,
  httpTraceEnabled,
  serverBanner,
  // API9 improper inventory management
  oldApiVersion,
  deprecatedOperationLive,
  responseSchemaMismatch,
  // injection (mapped to API8:2023)
  sqliError,
  sqliBoolean,
  sqliTime,
  nosqliOperator,
  commandInjection,
  pathTraversal,
  ssti,
  // schema fuzzing
  fuzzServerError,
  fuzzInvalidAccepted,
];
