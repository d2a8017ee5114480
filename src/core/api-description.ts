/**
 * A normalised API description: what a spec (OpenAPI 2.0/3.0/3.1) or a Postman collection documents,
 * in one shape whatever the input format. Produced by `spec/`, consumed by inventory (spec diff),
 * the gateway (positive security model), testing and compliance.
 */
import type { JsonSchema } from './json-schema.js';

export type ParamLocation = 'path' | 'query' | 'header' | 'cookie';

export interface ApiParameter {
  readonly name: string;
  readonly in: ParamLocation;
  readonly required: boolean;
  readonly deprecated: boolean;
  /** JSON Schema of the value (OpenAPI 2.0 inline types are converted); undefined when the spec gives none. */
  readonly schema?: JsonSchema;
  /** OpenAPI serialisation: style and explode (defaults filled in per location). */
  readonly style?: string;
  readonly explode?: boolean;
  readonly example?: unknown;
  /**
   * Media type when the parameter is described by `content` instead of `schema` (OpenAPI 3: e.g. a JSON-encoded
   * query parameter); the value is then parsed as that media type, not by style/explode.
   */
  readonly contentType?: string;
}

export interface ApiMediaType {
  readonly schema?: JsonSchema;
  readonly example?: unknown;
}

export interface ApiRequestBody {
  readonly required: boolean;
  /** Media type -> schema, e.g. `application/json`. */
  readonly content: Readonly<Record<string, ApiMediaType>>;
}

export interface ApiResponse {
  readonly description?: string;
  readonly content: Readonly<Record<string, ApiMediaType>>;
  readonly headers: Readonly<Record<string, { readonly schema?: JsonSchema; readonly required: boolean }>>;
}

/** One alternative of a security requirement: all named schemes together (OpenAPI semantics). */
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;

export interface SecurityScheme {
  readonly type: 'apiKey' | 'http' | 'oauth2' | 'openIdConnect' | 'mutualTLS' | 'basic';
  /** apiKey: where and under which name. */
  readonly in?: 'header' | 'query' | 'cookie';
  readonly name?: string;
  /** http: `basic`, `bearer`, … */
  readonly scheme?: string;
  readonly bearerFormat?: string;
}

export interface ApiOperation {
  /** Upper-case method. */
  readonly method: string;
  /** Path template relative to the server base path, OpenAPI style: `/users/{id}`. */
  readonly path: string;
  readonly operationId?: string;
  readonly summary?: string;
  readonly tags: readonly string[];
  readonly deprecated: boolean;
  readonly parameters: readonly ApiParameter[];
  readonly requestBody?: ApiRequestBody;
  /** Status code (`200`, `4XX`, `default`) -> response. */
  readonly responses: Readonly<Record<string, ApiResponse>>;
  /** Effective security (operation-level, else document-level); [] = explicitly public; undefined = none declared. */
  readonly security?: readonly SecurityRequirement[];
  /** JSON pointer of the operation in its document, e.g. `/paths/~1users~1{id}/get`. */
  readonly pointer: string;
  /** Vendor extensions (`x-…`) of the operation. */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** Servers that replace the document's for this operation (path- or operation-level `servers`); undefined = the document's. */
  readonly servers?: readonly ApiServer[];
}

export interface ApiServer {
  readonly url: string;
  /** Lower-case host[:port] when the server URL is absolute; undefined for relative servers. */
  readonly host?: string;
  /** Base path without trailing slash ('' for root), e.g. `/api/v2`. */
  readonly basePath: string;
}

export interface ApiDescription {
  readonly source: {
    readonly kind: 'openapi' | 'postman' | 'discovery';
    readonly file?: string;
    /** `2.0`, `3.0.3`, `3.1.0`, or `postman-2.1`. */
    readonly version: string;
  };
  readonly title: string;
  readonly apiVersion?: string;
  /** JSON Schema dialect the schemas follow: OpenAPI 3.0 schema objects or JSON Schema 2020-12 (3.1). */
  readonly dialect: 'openapi-3.0' | 'json-schema-2020-12';
  readonly servers: readonly ApiServer[];
  readonly operations: readonly ApiOperation[];
  readonly securitySchemes: Readonly<Record<string, SecurityScheme>>;
  /**
   * Schemas that `$ref`s left inside operation schemas point to, keyed by the `$ref` value
   * (`#/components/schemas/Node`). Schemas are otherwise dereferenced inline; a `$ref` is kept only where inlining
   * would never end (a circular reference) and for discriminator mapping targets. Undefined when there are none.
   */
  readonly schemas?: Readonly<Record<string, JsonSchema>>;
}
