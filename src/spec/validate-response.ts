/**
 * Response validation against the operation (runtime conformance for compliance, response checks in the tester
 * and, optionally, the gateway): the status code must be documented (exact, then `4XX`-style ranges, then
 * `default`); documented headers are checked (required, schema); the body's media type and schema are checked with
 * `writeOnly` properties not required. Compiled once per operation and status.
 */
import type { ApiDescription, ApiOperation, ApiParameter, ApiResponse } from '../core/api-description.js';
import type { Header } from '../core/exchange.js';
import { headerValue, headerValues } from '../core/http.js';
import { createCoercer, type Coercer } from './coerce-value.js';
import { deserializeHeader, shapeOf, type Shape } from './deserialize-parameter.js';
import { createSchemaCompiler, issuesFromErrors, type CompiledSchema, type SchemaCompiler } from './schema-compiler.js';
import { checkBody, compileContent, type BodyInput, type BodyLimits, type CompiledContent } from './validate-body.js';
import type { ValidationIssue } from './validation-issue.js';

export interface ResponseValidatorOptions {
  readonly checkStatus?: boolean;
  readonly checkHeaders?: boolean;
  readonly checkBody?: boolean;
  /** Report a body on a response documented without content (`unexpectedBody`; default false: specs often omit it). */
  readonly unexpectedBody?: boolean;
  /** Report a `writeOnly` property present in a response body (`writeOnly`; default false: only not required). */
  readonly forbidWriteOnly?: boolean;
  readonly allErrors?: boolean;
  readonly maxIssues?: number;
  readonly maxBodyBytes?: number;
  readonly maxBodyDepth?: number;
  readonly onWarning?: (message: string) => void;
}

/** Validates one response of an operation; `body.mediaType` defaults to the Content-Type header. */
export type ResponseValidator = (operation: ApiOperation, status: number, headers: readonly Header[], body?: Partial<BodyInput> & { readonly text: string }) => ValidationIssue[];

interface CompiledHeader {
  readonly name: string;
  readonly required: boolean;
  /** The header as a simple-style parameter, for deserialisation. */
  readonly param: ApiParameter;
  readonly shape: Shape;
  readonly coerce: Coercer;
  readonly compiled?: CompiledSchema;
}

interface CompiledResponse {
  readonly headers: CompiledHeader[];
  readonly content?: CompiledContent;
}

/** The documented response for a status: exact code, then its range (`4XX`), then `default`. */
export function findResponse(operation: ApiOperation, status: number): { key: string; response: ApiResponse } | undefined {
  const code = String(status);
  const exact = operation.responses[code];
  if (exact) return { key: code, response: exact };
  const range = `${code[0] ?? ''}XX`;
  const ranged = operation.responses[range];
  if (ranged) return { key: range, response: ranged };
  const def = operation.responses.default;
  return def ? { key: 'default', response: def } : undefined;
}

export function createResponseValidator(description: ApiDescription, options: ResponseValidatorOptions = {}): ResponseValidator {
  const compiler = createSchemaCompiler(description, {
    direction: 'response',
    allErrors: options.allErrors ?? false,
    forbidAccessOnly: options.forbidWriteOnly ?? false,
    onWarning: options.onWarning,
  });
  const limits: BodyLimits = {
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    maxBodyDepth: options.maxBodyDepth ?? 64,
    maxIssues: options.maxIssues ?? 20,
  };
  const checkStatus = options.checkStatus ?? true;
  const checkHeaders = options.checkHeaders ?? true;
  const checkBodies = options.checkBody ?? true;
  const unexpected = options.unexpectedBody ?? false;
  const cache = new WeakMap<ApiResponse, CompiledResponse>();

  return (operation, status, headers, body) => {
    const out: ValidationIssue[] = [];
    const found = findResponse(operation, status);
    if (!found) {
      const documented = Object.keys(operation.responses);
      if (checkStatus && documented.length > 0) {
        out.push({ location: 'status', pointer: '', keyword: 'status', message: `status ${status} is not documented (documented: ${documented.join(', ')})` });
      }
      return out;
    }
    let compiled = cache.get(found.response);
    if (!compiled) {
      compiled = compileResponse(operation, found.key, found.response, compiler);
      cache.set(found.response, compiled);
    }
    if (checkHeaders) {
      for (const h of compiled.headers) {
        if (out.length >= limits.maxIssues) return out;
        const values = headerValues(headers, h.name);
        if (values.length === 0) {
          if (h.required) out.push({ location: 'header', name: h.name, pointer: '', keyword: 'required', message: `response header "${h.name}" is required` });
          continue;
        }
        if (!h.compiled) continue;
        const d = deserializeHeader(h.param, values, h.shape);
        if (d.kind !== 'value') continue;
        const value = h.coerce(d.value);
        if (!(h.compiled.validate(value) as boolean)) issuesFromErrors(h.compiled.validate.errors, 'header', h.name, out, limits.maxIssues);
      }
    }
    if (checkBodies && body !== undefined && body.text.length > 0 && status !== 204 && status !== 304) {
      if (!compiled.content) {
        if (unexpected) out.push({ location: 'body', pointer: '', keyword: 'unexpectedBody', message: `the ${found.key} response is documented without a body` });
      } else {
        const input: BodyInput = {
          mediaType: body.mediaType ?? headerValue(headers, 'content-type') ?? '',
          text: body.text,
          ...(body.truncated ? { truncated: true } : {}),
          ...(body.encoding ? { encoding: body.encoding } : {}),
        };
        checkBody(input, compiled.content, limits, out);
      }
    }
    return out;
  };
}

function compileResponse(operation: ApiOperation, key: string, response: ApiResponse, compiler: SchemaCompiler): CompiledResponse {
  const where = `${operation.method} ${operation.path} response ${key}`;
  const headers = Object.entries(response.headers).map(([name, h]): CompiledHeader => {
    const compiled = compiler.compile(h.schema, `${where} header "${name}"`);
    const param: ApiParameter = { name, in: 'header', required: h.required, deprecated: false, style: 'simple', explode: false, ...(h.schema !== undefined ? { schema: h.schema } : {}) };
    return { name, required: h.required, param, shape: shapeOf(param), coerce: createCoercer(h.schema), ...(compiled ? { compiled } : {}) };
  });
  const hasContent = Object.keys(response.content).length > 0;
  return { headers, ...(hasContent ? { content: compileContent(response.content, compiler, where) } : {}) };
}
