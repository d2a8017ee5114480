/** Session fixation: a session id set through a query/form parameter from another site, or a cookie planted through injected markup or headers. */
import { headerValue, parseQuery, splitTarget } from '../../../core/index.js';
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
    detectRequest: (ex) => {
      const names: Array<[string, string]> = [];
      for (const [n] of parseQuery(splitTarget(ex.request.target).query, 200)) names.push([n, `query:${n}`]);
      const ct = (headerValue(ex.request.headers, 'content-type') ?? '').toLowerCase();
      const body = ex.request.body?.text.slice(0, 65536);
      if (body && ct.startsWith('application/x-www-form-urlencoded')) for (const [n] of parseQuery(body, 200)) names.push([n, `form:${n}`]);
      if (body && /^\s{0,16}\{/.test(body)) {
        try {
          const parsed = JSON.parse(body) as unknown;
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) for (const k of Object.keys(parsed).slice(0, 200)) names.push([k, `json:$.${k}`]);
        } catch {
          // not JSON: no top-level keys to check
        }
      }
      const referer = headerValue(ex.request.headers, 'referer');
      const refHost = referer ? hostOf(referer) : undefined;
      const ownHost = (ex.request.host || headerValue(ex.request.headers, 'host') || '').toLowerCase().replace(/:\d{1,5}$/, '');
      if (referer && !refHost) return null;
      if (referer && refHost && ownHost && (refHost === ownHost || refHost.endsWith(`.${ownHost}`))) return null;
      const foreign = referer !== undefined;
      const hit = names.find(([n]) => SESSION_ID_NAMES.has(n.toLowerCase()) || (foreign && GENERIC.test(n.toLowerCase())));
      if (!hit) return null;
      return { location: hit[1], evidence: `${hit[0]} set by ${refHost ?? 'a request without Referer'}` };
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
