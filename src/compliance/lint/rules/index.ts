/** The built-in lint rules, listed explicitly (order is the order of the rules table in docs/lint.md). */
import type { LintRule } from '../lint-rule.js';
import { apiVersionDeclared } from './api-version-declared.js';
import { authResponsesDeclared } from './auth-responses-declared.js';
import { credentialsInQuery } from './credentials-in-query.js';
import { deprecatedWithoutSunset } from './deprecated-without-sunset.js';
import { errorResponsesDeclared } from './error-responses-declared.js';
import { guessableObjectId } from './guessable-object-id.js';
import { operationDescription } from './operation-description.js';
import { operationIdUnique } from './operation-id-unique.js';
import { olderVersionExposed } from './older-version-exposed.js';
import { operationSecurity } from './operation-security.js';
import { rateLimitHeaders } from './rate-limit-headers.js';
import { rateLimitResponse } from './rate-limit-response.js';
import { requestArrayUnbounded } from './request-array-unbounded.js';
import { requestBodyClosed } from './request-body-closed.js';
import { requestNumberUnbounded } from './request-number-unbounded.js';
import { requestStringUnbounded } from './request-string-unbounded.js';
import { securitySchemesDefined } from './security-schemes-defined.js';
import { sensitiveFieldInResponse } from './sensitive-field-in-response.js';
import { serverNotProduction } from './server-not-production.js';
import { serverPlainHttp } from './server-plain-http.js';
import { ssrfUrlInput } from './ssrf-url-input.js';

export const RULES: readonly LintRule[] = [
  guessableObjectId,
  securitySchemesDefined,
  operationSecurity,
  credentialsInQuery,
  authResponsesDeclared,
  sensitiveFieldInResponse,
  requestBodyClosed,
  requestStringUnbounded,
  requestArrayUnbounded,
  requestNumberUnbounded,
  rateLimitResponse,
  rateLimitHeaders,
  ssrfUrlInput,
  serverPlainHttp,
  errorResponsesDeclared,
  deprecatedWithoutSunset,
  olderVersionExposed,
  apiVersionDeclared,
  serverNotProduction,
  operationIdUnique,
  operationDescription,
];
