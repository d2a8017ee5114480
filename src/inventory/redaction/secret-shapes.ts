/**
 * Values that are secrets by their shape alone, whatever field they are in: password hashes (bcrypt, argon2,
 * scrypt, crypt), long hex digests (MD5 and longer: a password hash or a signing key is as bad in clear as the
 * password), and key-like tokens with a type prefix (`sk_…`, `api_…`, `token_…`). The classifiers find the
 * well-known key formats (Stripe, AWS, GitHub, Slack, JWT); these shapes catch what an application made up.
 * Used only for redaction: a hex object id in a stored sample gets masked too, which costs nothing (learning has
 * already seen the value) and is the safe side. Every pattern is linear-time (no nested quantifiers).
 */
const PASSWORD_HASH = /^(?:\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}|\$argon2(?:id|i|d)\$\S{20,}|\$(?:1|5|6|y|7|gy|scrypt)\$\S{16,}|pbkdf2[_:$]\S{20,})$/;
const HEX_DIGEST = /^(?:[a-f0-9]{32,}|[A-F0-9]{32,})$/;
const PREFIXED_KEY = /^(?:sk|pk|rk|ak|api|apikey|key|tok|token|secret|sess|session|access|refresh)[_-][A-Za-z0-9_-]{16,}$/i;

/** True when `value` is a secret by its shape alone. */
export function isSecretShaped(value: string): boolean {
  const v = value.trim();
  if (v.length < 20 || v.length > 512) return false;
  if (PASSWORD_HASH.test(v)) return true;
  if (HEX_DIGEST.test(v)) return true;
  // a prefixed key must look random: a mix of letters and digits in its body, not a slug like token_expired_error
  if (PREFIXED_KEY.test(v)) {
    const body = v.slice(v.search(/[_-]/) + 1);
    return /\d/.test(body) && /[a-z]/i.test(body) && !/[_-][a-z]+[_-][a-z]+$/i.test(body);
  }
  return false;
}
