/**
 * What a field, parameter or header name says about its value: the context several classifiers need (a
 * `password` field, a `dob` parameter, an `X-Api-Key` header). Names are split into lower-case words
 * (`X-Api-Key` → x, api, key; `dateOfBirth` → date, of, birth) and matched on words, word pairs and the joined
 * form, so `author` is not `auth` and `hotel` is not `tel`.
 *
 * The hints of a name are computed once and cached (bounded), because the inventory classifies every value of
 * every exchange and the same few hundred names come back all the time.
 */

/** A secret-like name: `secret`, `token`, `api_key`, `Authorization`, `client_secret`, `session_id`… */
export const HINT_SECRET = 1;
/** A password-like name: `password`, `passwd`, `pwd`, `passphrase`, `new_password`… */
export const HINT_PASSWORD = 2;
/** A birth-date name: `dob`, `birthDate`, `date_of_birth`, `birthday`… */
export const HINT_DOB = 4;
/** A phone-number name: `phone`, `mobile`, `tel`, `msisdn`, `fax`… */
export const HINT_PHONE = 8;
/** A US social-security-number name: `ssn`, `social_security_number`. */
export const HINT_SSN = 16;
/** An AWS secret access key name: `aws_secret_access_key`, `SecretAccessKey`, `awsSecret`. */
export const HINT_AWS_SECRET = 32;
/** A version name: `version`, `appVersion`, `ver` (a dotted quad there is a version, not an IP address). */
export const HINT_VERSION = 64;
/** An identifier or time name ending in `id`, `uuid`, `ts`, `timestamp`, `nonce`, `seq`… (a digit run there is not a card). */
export const HINT_ID = 128;
/** A payment-card name: `card_number`, `pan`, `cc`, `creditCard`. */
export const HINT_CARD = 256;

const SECRET_WORDS = new Set([
  'secret', 'secrets', 'token', 'tokens', 'apikey', 'apitoken', 'accesstoken', 'refreshtoken', 'authtoken', 'idtoken',
  'sessiontoken', 'credential', 'credentials', 'creds', 'authorization', 'auth', 'bearer', 'privatekey', 'secretkey',
  'accesskey', 'signingkey', 'encryptionkey', 'masterkey', 'sessionid', 'sessid', 'sid', 'session', 'jsessionid',
  'phpsessid', 'csrf', 'xsrf', 'csrftoken', 'xsrftoken', 'jwt', 'pat',
]);
const SECRET_SUBSTRINGS = ['secret', 'token', 'apikey', 'accesskey', 'privatekey', 'credential', 'sessionid', 'sessid'];
/** Word pairs that name a secret even though neither word alone does (`api key`, `session id`). */
const SECRET_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['api', 'key'], ['access', 'key'], ['private', 'key'], ['secret', 'key'], ['signing', 'key'], ['client', 'secret'],
  ['session', 'id'], ['session', 'key'], ['subscription', 'key'], ['auth', 'key'], ['master', 'key'],
  ['encryption', 'key'], ['app', 'secret'], ['consumer', 'key'], ['consumer', 'secret'], ['license', 'key'],
];
/** Words that make a secret-like name describe something about the secret rather than hold it. */
const SECRET_NOT = new Set([
  'type', 'types', 'expires', 'expiry', 'expiration', 'exp', 'ttl', 'count', 'length', 'len', 'max', 'min', 'limit',
  'url', 'uri', 'endpoint', 'page', 'next', 'prev', 'previous', 'cursor', 'name', 'hint', 'format', 'usage', 'scope',
  'scopes', 'public', 'publishable', 'pub', 'enabled', 'required', 'valid', 'status', 'lifetime', 'timeout', 'policy',
  'path', 'header', 'field', 'label', 'method', 'kind', 'issued', 'created', 'updated', 'at', 'version', 'hash',
  'hashed', 'location', 'provider', 'issuer', 'audience', 'algorithm', 'alg', 'prefix', 'last4', 'mask', 'masked',
  'size', 'rotation', 'rotated', 'strategy', 'mode', 'description', 'title', 'placeholder', 'in', 'is', 'has',
]);
/** Last words that make a name an identifier of something (`token_id` is the id of a token). */
const ID_LAST = new Set(['id', 'ids', 'uuid', 'guid', 'ts', 'timestamp', 'time', 'epoch', 'nonce', 'seq', 'sequence', 'ref']);

const PASSWORD_WORDS = new Set(['password', 'passwords', 'passwd', 'pwd', 'passphrase', 'pass', 'pword', 'passw', 'pw']);
const PASSWORD_SUBSTRINGS = ['password', 'passwd', 'passphrase'];
const PASSWORD_NOT = new Set([
  'hint', 'policy', 'policies', 'rules', 'rule', 'required', 'length', 'min', 'max', 'strength', 'expires', 'expiry',
  'expiration', 'expired', 'changed', 'updated', 'created', 'last', 'at', 'age', 'history', 'forgot', 'url', 'uri',
  'link', 'enabled', 'type', 'field', 'label', 'placeholder', 'format', 'visible', 'show', 'count', 'attempts',
  'attempt', 'failed', 'failures', 'salt', 'algorithm', 'algo', 'iterations', 'cost', 'rounds', 'version', 'is', 'has',
  'needs', 'must', 'set', 'protected', 'complexity', 'score', 'through', 'mode', 'token', 'tokens', 'code', 'codes',
]);

const DOB_WORDS = new Set(['dob', 'bday', 'born', 'birthdt', 'dateofbirth']);
const DOB_SUBSTRINGS = ['birth', 'geburt', 'nacimiento', 'naissance', 'nascita', 'nascimento'];
const DOB_NOT = new Set(['place', 'city', 'country', 'town', 'location', 'name', 'state', 'region']);

const PHONE_WORDS = new Set([
  'phone', 'phones', 'telephone', 'tel', 'mobile', 'cell', 'cellphone', 'msisdn', 'fax', 'landline', 'whatsapp', 'sms',
]);
const PHONE_SUBSTRINGS = ['phone', 'msisdn', 'mobilenumber', 'mobileno', 'contactnumber', 'telefon', 'telephone'];
const PHONE_NOT = new Set([
  'verified', 'verification', 'type', 'code', 'country', 'prefix', 'id', 'model', 'brand', 'os', 'enabled', 'required',
  'format', 'label', 'hint', 'placeholder', 'count', 'app', 'web', 'version', 'is', 'has',
]);

const VERSION_WORDS = new Set(['version', 'ver', 'v', 'build', 'release', 'firmware']);
const CARD_WORDS = new Set(['card', 'cards', 'pan', 'cc', 'ccn', 'ccnum', 'cardnumber', 'creditcard']);

/** Splits a name into lower-case words at non-alphanumerics and camelCase boundaries (`APIKey` → api, key). */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  let cur = '';
  const n = Math.min(name.length, 128);
  for (let i = 0; i < n; i++) {
    const c = name.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    const lower = c >= 97 && c <= 122;
    const digit = c >= 48 && c <= 57;
    if (!upper && !lower && !digit) {
      if (cur) words.push(cur);
      cur = '';
      continue;
    }
    if (upper && cur) {
      const prev = name.charCodeAt(i - 1);
      const prevLowerOrDigit = (prev >= 97 && prev <= 122) || (prev >= 48 && prev <= 57);
      const next = i + 1 < n ? name.charCodeAt(i + 1) : 0;
      const prevUpper = prev >= 65 && prev <= 90;
      if (prevLowerOrDigit || (prevUpper && next >= 97 && next <= 122)) {
        words.push(cur);
        cur = '';
      }
    }
    cur += upper ? String.fromCharCode(c + 32) : name[i];
  }
  if (cur) words.push(cur);
  return words;
}

function anyIn(words: readonly string[], set: ReadonlySet<string>): boolean {
  for (const w of words) if (set.has(w)) return true;
  return false;
}

function anySubstring(compact: string, subs: readonly string[]): boolean {
  for (const s of subs) if (compact.includes(s)) return true;
  return false;
}

function hasPair(words: readonly string[], a: string, b: string): boolean {
  for (let i = 0; i + 1 < words.length; i++) if (words[i] === a && words[i + 1] === b) return true;
  return false;
}

/** Computes the hint bits of a name (uncached; see {@link nameHints}). */
export function computeNameHints(name: string): number {
  const words = nameWords(name);
  if (words.length === 0) return 0;
  const compact = words.join('');
  const last = words[words.length - 1] as string;
  let hints = 0;

  const idLast = ID_LAST.has(last);
  if (idLast) hints |= HINT_ID;

  // secrets: explicit pairs first (`session_id` names a secret although it ends in `id`)
  const secretNot = anyIn(words, SECRET_NOT);
  if (!secretNot) {
    let secret = false;
    for (const [a, b] of SECRET_PAIRS) if (hasPair(words, a, b)) secret = true;
    if (!secret && !idLast && (anyIn(words, SECRET_WORDS) || anySubstring(compact, SECRET_SUBSTRINGS))) secret = true;
    if (secret) hints |= HINT_SECRET;
  }

  if ((anyIn(words, PASSWORD_WORDS) || anySubstring(compact, PASSWORD_SUBSTRINGS)) && !anyIn(words, PASSWORD_NOT) && !idLast) {
    hints |= HINT_PASSWORD;
  }
  if ((anyIn(words, DOB_WORDS) || anySubstring(compact, DOB_SUBSTRINGS)) && !anyIn(words, DOB_NOT)) hints |= HINT_DOB;
  if ((anyIn(words, PHONE_WORDS) || anySubstring(compact, PHONE_SUBSTRINGS)) && !anyIn(words, PHONE_NOT)) hints |= HINT_PHONE;
  if (words.includes('ssn') || compact.includes('socialsecurity')) hints |= HINT_SSN;
  if (compact.includes('secretaccesskey') || (compact.includes('aws') && compact.includes('secret'))) hints |= HINT_AWS_SECRET;
  if (anyIn(words, VERSION_WORDS) || compact.includes('version')) hints |= HINT_VERSION;
  if (anyIn(words, CARD_WORDS) || compact.includes('cardnumber') || compact.includes('creditcard')) hints |= HINT_CARD;
  return hints;
}

const CACHE_LIMIT = 4096;
const cache = new Map<string, number>();
let lastName = '';
let lastHints = 0;

/**
 * The hint bits of a field/parameter/header name (0 when absent). Cached: the last name is remembered (every
 * classifier asks about the same value's name in turn) and up to 4,096 names are kept, then the cache restarts.
 */
export function nameHints(name: string | undefined): number {
  if (name === undefined || name === '') return 0;
  if (name === lastName) return lastHints;
  let h = cache.get(name);
  if (h === undefined) {
    h = computeNameHints(name);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(name, h);
  }
  lastName = name;
  lastHints = h;
  return h;
}
