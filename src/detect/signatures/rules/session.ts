/** Session fixation: a session id set through a query/form parameter from another site, or a cookie planted through injected markup or headers. */
import { headerValue } from '../../../core/index.js';
import type { RequestRule, ValueRule } from '../types.js';
import { DL, FIELDS } from './common.js';
import { vectorRequest } from './vector-request.js';

/** Parameter names that carry a session id in common frameworks (lower-case). */
export const SESSION_ID_NAMES: ReadonlySet<string> = new Set([
  'phpsessid', 'jsessionid', 'aspsessionid', 'asp.net_sessionid', 'aspnet_sessionid', 
  'laravel_session', 'connect.sid', '_flask_session', 'flask_session', 'next-auth.session-token', '__secure-next-auth.session-token',
  'meteor_login_token', 'rack.session', '_rails_session', 'play_session', 'sails.sid', 'koa.sess', 'koa:sess', 'shiny-token', 'jservsession',
  'cfid', 'cftoken', 'zenid', 'osid', 'ci_session', 'symfony', 'cakephp', 'ezsession', 'wordpress_logged_in', 'django_sessionid', 'express.sid',
  'web2py_session', 'beaker.session.id', 'jsessionidsso', 'mod_auth_openidc_session', 'phpsession', 
  'zend_session_id', 'weblogicsession', 'jwsession', 'cfsid', '__host-next-auth.session-token', 'pyramid_session',
  'tornado_session', 'vertx-web.session', 'ring-session', 'shiro_session', 'jsessionid_sso', 'aspxauth', '.aspxauth', 'asp.net_sessionid_ns',
]);

/** Generic names that carry a session id only in some applications: they count only with a Referer from another host. */
const GENERIC = /^_{0,2}(?:[a-z0-9]{1,16}[._-])?(?:sess(?:ion)?(?:[._-]?(?:id|token|key))?|sid)$/;

function hostOf(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]{0,15}:\/\/(?:[^/@]{0,128}@)?([^/:?#]{1,255})/i.exec(url.trim());
  return m?.[1]?.toLowerCase();
}

export const SESSION_REQUEST_RULES: readonly RequestRule[] = [
  {
    id: 'session-fixation-parameter',
    class: 'session',
    severity: 'critical',
    paranoia: 1,
    description: 'a session-id parameter (PHPSESSID, JSESSIONID, connect.sid, …) in the query or form, with no Referer or a Referer from another host',
    detectRequest: (ex, targets) => {
      const referer = headerValue(ex.request.headers, 'referer');
      const refHost = referer ? hostOf(referer) : undefined;
      if (referer && !refHost) return null;
      const ownHost = (ex.request.host || headerValue(ex.request.headers, 'host') || '').toLowerCase().replace(/:\d{1,5}$/, '');
      if (referer && refHost && ownHost && (refHost === ownHost || refHost.endsWith(`.${ownHost}`))) return null;
      const foreign = referer !== undefined;
      // parameter names of the query, the form and the top level of a JSON body; the name is checked before
      // the location, which most names (deep JSON keys) never need
      for (const t of targets) {
        if (t.kind !== 'name') continue;
        const n = t.value.toLowerCase();
        if (!SESSION_ID_NAMES.has(n) && !(foreign && n.indexOf('s') !== -1 && GENERIC.test(n))) continue;
        const l = t.location;
        if (l.startsWith('query:') || l.startsWith('form:') || l.startsWith('multipart:') || (l.startsWith('json:$') && l.indexOf('.', 7) === -1 && l.indexOf('[', 6) === -1)) {
          return { location: l, evidence: `${t.value} set by ${refHost ?? 'a request without Referer'}` };
        }
      }
      return null;
    },
    vectors: {
      fire: [vectorRequest({ target: '/login?PHPSESSID=abc', headers: [['referer', 'https://evil.example/x']] }), vectorRequest({ target: '/login?jsessionid=74B0CB414BD77D17B5680A6386EF1666' }), vectorRequest({ target: '/auth?session-id=x', headers: [['referer', 'http://badactor.example/']] }), vectorRequest({ method: 'POST', body: '{ "phpsession":"foo" }', headers: [['content-type', 'application/json'], ['referer', 'http://attacker.example/']] })],
      noFire: [vectorRequest({ target: '/login?PHPSESSID=abc', headers: [['referer', 'https://api.example.com/home']] }), vectorRequest({ target: '/search?q=session' }), vectorRequest({ target: '/checkout?session_id=cs_123' })],
    },
  },
];

export const SESSION_VALUE_RULES: readonly ValueRule[] = [
  {
    id: 'session-cookie-injection',
    class: 'session',
    severity: 'critical',
    paranoia: 1,
    description: 'a cookie planted through injected script or markup (document.cookie=, <meta http-equiv="Set-Cookie">, Set-Cookie:)',
    targets: FIELDS,
    transforms: DL,
    keywords: ['cookie'],
    pattern: /\.cookie\b[^=\n]{0,20}=|http-equiv\W{0,8}set-cookie|\bset-cookie\s{0,4}:/,
    vectors: { fire: ['document.cookie="sid=x"', '<meta http-equiv="Set-Cookie" content="sid=x">', 'x\nSet-Cookie: a=b'], noFire: ['cookie=chocolate', 'set cookie preferences'] },
  },
];
