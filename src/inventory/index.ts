/**
 * The inventory module: learning endpoints from exchanges (path templating, parameters, schemas, auth,
 * sensitive data, samples), the spec diff (documented / shadow / zombie / orphan), and the OpenAPI export.
 * Everything other modules use is exported here (see docs/inventory.md).
 */
export {
  createInventoryLearner,
  endpointKey,
  isApiExchange,
  type InventoryLearner,
  type InventoryLearnerOptions,
  type LearnedEndpoint,
  type LearnResult,
  type LearnStats,
} from './inventory-learner.js';
export { exportOpenApi, type ExportOptions } from './export-openapi.js';
export { applySpec, describedEndpoint, normaliseTemplate, versionNumber, VersionIndex } from './spec-diff.js';
export { SpecIndex, operationTemplates, type MatcherFactory, type OperationMatcher, type SpecMatch, type SpecOperation } from './spec-index.js';
export { templatePath, splitPath, classifySegment, segmentSuffix, type PathSegment, type TemplatedPath } from './path-template.js';
export { segmentKind, isVersionSegment, type SegmentKind } from './segment-kind.js';
export { DEFAULT_TREE_OPTIONS, RESERVED_SEGMENTS, VALUE_WORD_CLASSES, isReservedSegment, type TreeOptions } from './path-tree.js';
export { Shape, shapeToSchema, DEFAULT_SHAPE_LIMITS, type ShapeLimits } from './schema-shape.js';
export { detectStringFormat, type StringFormat } from './string-format.js';
export { detectAuth, isApiKeyHeaderName, isApiKeyQueryName, isSessionCookie, type AuthObservation } from './detect-auth.js';
export { decodeJwt, jwtFacts, isJwtShaped, type DecodedJwt } from './decode-jwt.js';
export { STANDARD_REQUEST_HEADERS, isStandardHeader } from './standard-headers.js';
export { shouldInspect } from './endpoint-accumulator.js';
export { CLASSIFIERS, classifyValue, findSensitive, type Classifier, type ValueContext } from './classifiers/index.js';
export { redactBody, redactHeaders, redactSample, redactTarget, redactValue } from './redact.js';
