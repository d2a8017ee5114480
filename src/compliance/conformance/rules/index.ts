/** The built-in comply rules, listed explicitly: conformance first, then regulated-data exposure. */
import type { ComplyRule } from '../comply-rule.js';
import { excessiveDataExposure } from './excessive-data-exposure.js';
import { panInUrl } from './pan-in-url.js';
import { panUnmaskedInResponse } from './pan-unmasked-in-response.js';
import { piiInQuery } from './pii-in-query.js';
import { requestSchemaViolation } from './request-schema-violation.js';
import { responseSchemaViolation } from './response-schema-violation.js';
import { secretInResponse } from './secret-in-response.js';
import { sensitiveOverHttp } from './sensitive-over-http.js';
import { sensitiveWithoutAuth } from './sensitive-without-auth.js';
import { tokenSensitiveClaims } from './token-sensitive-claims.js';
import { undocumentedOperation } from './undocumented-operation.js';
import { undocumentedParameter } from './undocumented-parameter.js';
import { undocumentedStatus } from './undocumented-status.js';

export const COMPLY_RULES: readonly ComplyRule[] = Object.freeze([
  undocumentedOperation,
  undocumentedParameter,
  requestSchemaViolation,
  responseSchemaViolation,
  undocumentedStatus,
  excessiveDataExposure,
  panInUrl,
  panUnmaskedInResponse,
  piiInQuery,
  secretInResponse,
  tokenSensitiveClaims,
  sensitiveWithoutAuth,
  sensitiveOverHttp,
]);
