import type { LintRule, RuleHit } from '../lint-rule.js';
import { OPERATIONS } from '../lint-rule.js';
import { operationAt, responseSchemas, walkSchema } from '../openapi-view.js';
import { ok, vectorSpec } from './vector-spec.js';

/** Field names (lower-case, separators removed) that hold data a response should never return. */
const ALWAYS = /^(password|passwd|pwd|passwordhash|hashedpassword|passwordsalt|salt|secret|clientsecret|apisecret|secretkey|privatekey|ssn|socialsecuritynumber|cardnumber|creditcardnumber|creditcard|ccnumber|pan|primaryaccountnumber|cvv|cvv2|cvc|cvc2|securitycode|cardverificationvalue|pin|otp|otpcode|mfasecret|totpsecret|apikey)$/;
const SUFFIX = /(password|passwd|secret|privatekey|cardnumber|cvv|ssn|apikey)$/;
/** Tokens are expected from authentication endpoints, and suspicious elsewhere. */
const TOKEN = /^(token|accesstoken|refreshtoken|idtoken|authtoken|sessiontoken|sessionid|jwt|bearertoken|resettoken|passwordresettoken)$/;
const AUTH_PATH = /(auth|login|logon|signin|sign-in|token|session|oauth|sso|register|signup|refresh)/i;

/** Classifies a field name: `always` (never in a response), `token` (only from auth endpoints), or undefined. */
export function sensitiveFieldKind(name: string): 'always' | 'token' | undefined {
  const n = name.toLowerCase().replace(/[-_.\s]/g, '');
  if (ALWAYS.test(n) || SUFFIX.test(n)) return 'always';
  if (TOKEN.test(n)) return 'token';
  return undefined;
}

/** Responses do not return secrets: passwords, card numbers/CVV, SSNs, private keys, API keys, stray tokens. */
export const sensitiveFieldInResponse: LintRule = {
  id: 'sensitive-field-in-response',
  // a password hash, card number or secret in a response is a breach waiting to happen, not a style issue
  severity: 'error',
  owasp: 'API3:2023',
  cwe: 'CWE-200',
  title: 'Responses do not expose sensitive fields',
  description:
    'A response schema with a password (hash), card number, CVV, SSN, secret, private key or a token outside authentication endpoints exposes it to every client that can call the operation (excessive data exposure, API3:2023; PCI DSS 3.3/3.4 for card data).',
  fix: 'Remove the field from the response schema (and the serializer), mask it (last four digits of a PAN), or mark it `writeOnly: true` if clients only send it.',
  given: OPERATIONS,
  check(_t, { root, path }) {
    const op = operationAt(root, path);
    if (!op) return [];
    const hits: RuleHit[] = [];
    const isAuth = AUTH_PATH.test(op.pathKey);
    for (const r of responseSchemas(op)) {
      walkSchema(r.schema, r.at, (v) => {
        if (!v.property) return;
        const kind = sensitiveFieldKind(v.property);
        if (kind === 'always' || (kind === 'token' && !isAuth))
          hits.push({ message: `Response ${r.status} of ${op.method.toUpperCase()} ${op.pathKey} returns sensitive field "${v.property}".`, path: v.at });
      }, { skipWriteOnly: true });
    }
    return hits;
  },
  vectors: {
    fire: [
      {
        document: vectorSpec({
          '/users/{id}': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' }, password_hash: { type: 'string' }, card: { type: 'object', properties: { cardNumber: { type: 'string' } } } } } } } } } } },
        }),
        at: [
          "$.paths['/users/{id}'].get.responses['200'].content['application/json'].schema.properties.password_hash",
          "$.paths['/users/{id}'].get.responses['200'].content['application/json'].schema.properties.card.properties.cardNumber",
        ],
      },
    ],
    pass: [
      vectorSpec({
        '/auth/login': { post: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { access_token: { type: 'string' } } } } } } } } },
        '/users': { post: { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { password: { type: 'string' } } } } } }, responses: { 201: ok } } },
        '/me': { get: { responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties: { password: { type: 'string', writeOnly: true }, tokenType: { type: 'string' } } } } } } } } },
      }),
    ],
  },
};
