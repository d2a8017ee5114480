/**
 * Request validation against the matched operation (the positive security model of the gateway, and runtime
 * conformance in compliance). Schemas are compiled once per operation, on its first request; a request then costs
 * parameter deserialisation + one compiled-validator call per present parameter + one body parse and validation.
 *
 * Checks: path/query/header/cookie parameters (required, style/explode deserialisation, type coercion, schema),
 * unknown query parameters (their own issue kind, `unknownParameter`), request body (required, media type, JSON /
 * form / multipart parsing, schema with `readOnly` properties not required). Issues are values; nothing throws on
 * bad input.
 */
import type { ApiDescription, ApiOperation, ApiParameter } from '../core/api-description.js';
import type { Header } from '../core/exchange.js';
import { headerValues, parseCookies } from '../core/http.js';
import { createCoercer, type Coercer } from './coerce-value.js';
import {
  deserializeCookie,
  deserializeHeader,
  deserializePath,
  deserializeQuery,
  shapeOf,
  type Deserialized,
  type Shape,
} from './deserialize-parameter.js';
import { createSchemaCompiler, issuesFromErrors, type CompiledSchema, type SchemaCompiler } from './schema-compiler.js';
import { checkBody, compileContent, type BodyInput, type BodyLimits, type CompiledContent } from './validate-body.js';
import type { ValidationIssue } from './validation-issue.js';

/** The parts of a request the validator reads (the gateway and compliance build it from an `Exchange`). */
export interface RequestToValidate {
  /** From `OperationRouter.match` (decoded). */
  readonly pathParams: Readonly<Record<string, string>>;
  /** Decoded query pairs in order (`parseQuery`). */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Lower-case header names. */
  readonly headers: readonly Header[];
  /** Cookie pairs; parsed from the `cookie` header when absent. */
  readonly cookies?: ReadonlyArray<readonly [string, string]>;
  readonly body?: BodyInput;
}

export interface RequestValidatorOptions {
  /** What to check (all true by default). */
  readonly checkPath?: boolean;
  readonly checkQuery?: boolean;
  readonly checkHeaders?: boolean;
  readonly checkCookies?: boolean;
  readonly checkBody?: boolean;
  /** Report query parameters the operation does not declare (`unknownParameter`; default true). */
  readonly unknownQuery?: boolean;
  /** Report a body sent to an operation without `requestBody` (`unexpectedBody`; default true). */
  readonly unexpectedBody?: boolean;
  /** Report a `readOnly` property present in a request body (`readOnly`; default false: only not required). */
  readonly forbidReadOnly?: boolean;
  /** Every schema error rather than the first per value (default false: cheaper, enough to decide). */
  readonly allErrors?: boolean;
  /** Most issues per request (default 20). */
  readonly maxIssues?: number;
  /** Bodies longer than this are not parsed (`maxBodySize`; default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** Nesting bound for JSON bodies validated by recursive schemas (default 64). */
  readonly maxBodyDepth?: number;
  /** Schemas or patterns that cannot be enforced (reported once each). */
  readonly onWarning?: (message: string) => void;
}

/** Validates one request against its operation; returns the issues (empty = valid). */
export type RequestValidator = (operation: ApiOperation, request: RequestToValidate) => ValidationIssue[];

interface CompiledParam {
  readonly param: ApiParameter;
  readonly shape: Shape;
  readonly propertyNames: readonly string[];
  readonly compiled?: CompiledSchema;
  readonly coerce: Coercer;
  readonly json: boolean;
}

interface CompiledOperation {
  readonly path: CompiledParam[];
  readonly query: CompiledParam[];
  readonly header: CompiledParam[];
  readonly cookie: CompiledParam[];
  /** Query names the operation knows (declared, exploded object properties, api-key names). */
  readonly knownQuery: ReadonlySet<string>;
  /** `name[` prefixes of deepObject parameters. */
  readonly deepPrefixes: readonly string[];
  readonly body?: { readonly required: boolean; readonly content: CompiledContent };
}

/** Creates a validator for the operations of one description (compiled lazily, once per operation). */
export function createRequestValidator(description: ApiDescription, options: RequestValidatorOptions = {}): RequestValidator {
  const compiler = createSchemaCompiler(description, {
    direction: 'request',
    allErrors: options.allErrors ?? false,
    forbidAccessOnly: options.forbidReadOnly ?? false,
    onWarning: options.onWarning,
  });
  const limits: BodyLimits = {
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    maxBodyDepth: options.maxBodyDepth ?? 64,
    maxIssues: options.maxIssues ?? 20,
  };
  const check = {
    path: options.checkPath ?? true,
    query: options.checkQuery ?? true,
    header: options.checkHeaders ?? true,
    cookie: options.checkCookies ?? true,
    body: options.checkBody ?? true,
    unknownQuery: options.unknownQuery ?? true,
    unexpectedBody: options.unexpectedBody ?? true,
  };
  const apiKeyQueryNames = Object.values(description.securitySchemes)
    .filter((s) => s.type === 'apiKey' && s.in === 'query' && s.name)
    .map((s) => s.name as string);
  const compiledOps = new WeakMap<ApiOperation, CompiledOperation>();

  return (operation, request) => {
    let op = compiledOps.get(operation);
    if (!op) {
      op = compileOperation(operation, compiler, apiKeyQueryNames);
      compiledOps.set(operation, op);
    }
    const out: ValidationIssue[] = [];
    const max = limits.maxIssues;
    if (check.path) {
      for (const p of op.path) {
        if (out.length >= max) return out;
        checkParam(p, deserializePath(p.param, request.pathParams[p.param.name], p.shape), out, max);
      }
    }
    if (check.query) {
      for (const p of op.query) {
        if (out.length >= max) return out;
        checkParam(p, deserializeQuery(p.param, request.query, p.shape, p.propertyNames), out, max);
      }
      if (check.unknownQuery) {
        for (const [name] of request.query) {
          if (out.length >= max) return out;
          if (op.knownQuery.has(name) || op.deepPrefixes.some((pre) => name.startsWith(pre))) continue;
          out.push({ location: 'query', name, pointer: '', keyword: 'unknownParameter', message: `query parameter "${name}" is not declared by the operation` });
        }
      }
    }
    if (check.header) {
      for (const p of op.header) {
        if (out.length >= max) return out;
        checkParam(p, deserializeHeader(p.param, headerValues(request.headers, p.param.name), p.shape), out, max);
      }
    }
    if (check.cookie && op.cookie.length > 0) {
      const cookies = request.cookies ?? parseCookies(headerValues(request.headers, 'cookie').join('; '));
      for (const p of op.cookie) {
        if (out.length >= max) return out;
        checkParam(p, deserializeCookie(p.param, cookies, p.shape), out, max);
      }
    }
    if (check.body && out.length < max) {
      const body = request.body;
      const present = body !== undefined && body.text.length > 0;
      if (!op.body) {
        if (present && check.unexpectedBody) out.push({ location: 'body', pointer: '', keyword: 'unexpectedBody', message: 'the operation takes no request body' });
      } else if (!present) {
        if (op.body.required) out.push({ location: 'body', pointer: '', keyword: 'required', message: 'request body is required' });
      } else {
        checkBody(body, op.body.content, limits, out);
      }
    }
    return out;
  };
}

function compileOperation(operation: ApiOperation, compiler: SchemaCompiler, apiKeyQueryNames: readonly string[]): CompiledOperation {
  const groups: Record<'path' | 'query' | 'header' | 'cookie', CompiledParam[]> = { path: [], query: [], header: [], cookie: [] };
  const knownQuery = new Set<string>(apiKeyQueryNames);
  const deepPrefixes: string[] = [];
  for (const param of operation.parameters) {
    const where = `${operation.method} ${operation.path} ${param.in} parameter "${param.name}"`;
    const compiled = compiler.compile(param.schema, where);
    const schema = param.schema;
    const propertyNames = schema !== null && typeof schema === 'object' && schema.properties !== null && typeof schema.properties === 'object' ? Object.keys(schema.properties) : [];
    const cp: CompiledParam = {
      param,
      shape: param.contentType ? 'primitive' : shapeOf(param),
      propertyNames,
      ...(compiled ? { compiled } : {}),
      coerce: createCoercer(param.schema),
      json: param.contentType !== undefined && /json/.test(param.contentType),
    };
    groups[param.in].push(cp);
    if (param.in === 'query') {
      knownQuery.add(param.name);
      if (param.style === 'deepObject') deepPrefixes.push(`${param.name}[`);
      if (cp.shape === 'object' && (param.style ?? 'form') === 'form' && param.explode !== false) for (const n of propertyNames) knownQuery.add(n);
    }
  }
  const rb = operation.requestBody;
  return {
    ...groups,
    knownQuery,
    deepPrefixes,
    ...(rb ? { body: { required: rb.required, content: compileContent(rb.content, compiler, `${operation.method} ${operation.path} request body`) } } : {}),
  };
}

/** Required check, JSON-content parameters, coercion, schema validation for one parameter. */
function checkParam(p: CompiledParam, d: Deserialized, out: ValidationIssue[], max: number): void {
  const { name, in: location } = p.param;
  if (d.kind === 'missing') {
    if (p.param.required) out.push({ location, name, pointer: '', keyword: 'required', message: `${location} parameter "${name}" is required` });
    return;
  }
  if (d.kind === 'style') {
    out.push({ location, name, pointer: '', keyword: 'style', message: `${location} parameter "${name}": ${d.message}` });
    return;
  }
  let value = d.value;
  if (p.json && typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      out.push({ location, name, pointer: '', keyword: 'json', message: `${location} parameter "${name}" is not valid JSON` });
      return;
    }
  } else {
    value = p.coerce(value);
  }
  if (!p.compiled) return;
  if (!(p.compiled.validate(value) as boolean)) issuesFromErrors(p.compiled.validate.errors, location, name, out, max);
}
