/**
 * The spec module: OpenAPI / Postman loading into `ApiDescription`, the operation router, and request/response
 * validation. Everything other modules use is exported here.
 */
export { loadSpec, parseSpecText, DEFAULT_MAX_SPEC_BYTES, type LoadSpecOptions, type LoadedSpec, type SourceLocation } from './load-spec.js';
export { toApiDescription, HTTP_METHODS, type SpecWarning, type ToApiDescriptionOptions } from './to-api-description.js';
export { detectSpecVersion, type SpecFamily, type SpecVersion } from './spec-version.js';
export { postmanToApiDescription, type PostmanOptions } from './postman.js';
export { loadPostman } from './load-postman.js';
export { createOperationRouter, type OperationRouter, type OperationRouterOptions, type RouteMatch } from './operation-router.js';
export { parsePathTemplate, type ParsedTemplate, type TemplateSegment } from './path-template.js';
export { createRequestValidator, type RequestToValidate, type RequestValidator, type RequestValidatorOptions } from './validate-request.js';
export { createResponseValidator, findResponse, type ResponseValidator, type ResponseValidatorOptions } from './validate-response.js';
export type { BodyInput } from './validate-body.js';
export type { IssueLocation, ValidationIssue } from './validation-issue.js';
export { escapePointerToken, joinPointer, parsePointer, getAtPointer } from './json-pointer.js';
export { parseServerUrl } from './server-url.js';
export { sampleValue, schemaObject, schemaType, type SampleOptions, type StringSource } from './sample-value.js';
export { extraResponseFields } from './extra-response-fields.js';
