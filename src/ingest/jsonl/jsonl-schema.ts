/**
 * The JSON Schema of one line of Rampart's JSON-lines exchange format (docs/formats/jsonl.md). Friendly to
 * write by hand: headers as an object or as `[name, value]` pairs, bodies as text or as any JSON value,
 * time as ISO-8601 or epoch milliseconds. Unknown fields are refused (they are usually typos) unless their
 * name starts with `x-` or `_` (extensions, ignored).
 */

const EXTENSIONS = { '^(x-|_)': {} } as const;

const headers = {
  description: 'an object {"Name": "value" | ["value", …]} or an array of ["name", "value"] pairs',
  anyOf: [
    {
      type: 'object',
      additionalProperties: { anyOf: [{ type: ['string', 'number'] }, { type: 'array', items: { type: ['string', 'number'] } }] },
    },
    {
      type: 'array',
      items: { type: 'array', minItems: 2, maxItems: 2, items: { type: ['string', 'number'] } },
    },
  ],
} as const;

const body = {
  description: 'a string (text, or base64 with "bodyEncoding": "base64") or a JSON object/array (stored as its JSON text)',
  type: ['string', 'object', 'array'],
} as const;

const bodyEncoding = { enum: ['utf8', 'base64'] } as const;

const peer = {
  type: 'object',
  properties: {
    ip: { type: 'string', minLength: 1 },
    port: { type: 'integer', minimum: 0, maximum: 65535 },
  },
  patternProperties: EXTENSIONS,
  additionalProperties: false,
} as const;

export const JSONL_LINE_SCHEMA = {
  $id: 'https://rampart.dev/schemas/exchange-line.json',
  type: 'object',
  required: ['request'],
  properties: {
    time: {
      description: 'an ISO-8601 date-time with a zone ("2024-05-01T10:00:00Z") or epoch milliseconds',
      anyOf: [{ type: 'string' }, { type: 'number', minimum: 0 }],
    },
    durationMs: { type: 'number', minimum: 0 },
    client: peer,
    server: peer,
    request: {
      type: 'object',
      required: ['method', 'url'],
      properties: {
        method: { type: 'string', minLength: 1, maxLength: 32, pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$" },
        url: { type: 'string', minLength: 1 },
        host: { type: 'string' },
        scheme: { enum: ['http', 'https'] },
        httpVersion: { type: 'string' },
        headers,
        body,
        bodyEncoding,
      },
      patternProperties: EXTENSIONS,
      additionalProperties: false,
    },
    response: {
      type: 'object',
      required: ['status'],
      properties: {
        status: { type: 'integer', minimum: 100, maximum: 999 },
        headers,
        body,
        bodyEncoding,
      },
      patternProperties: EXTENSIONS,
      additionalProperties: false,
    },
  },
  patternProperties: EXTENSIONS,
  additionalProperties: false,
} as const;
