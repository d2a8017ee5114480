/**
 * API calls in JavaScript, found the way a person reading a front-end bundle finds them: parse the code
 * (acorn; acorn-loose when it is broken or cut short) and walk the syntax tree for
 *   - `fetch(url, {method})`, `new Request(url, {method})`;
 *   - axios and HTTP-client style calls: `axios.get(url)`, `api.post(url)`, `this.http.put(url)`, `axios({url, method})`,
 *     `axios.create({baseURL})`;
 *   - `xhr.open('POST', url)` (XMLHttpRequest), `$.ajax({url, type})`, `$.get(url)`, `$.getJSON(url)`;
 *   - API-looking strings anywhere (`'/api/v1/users'`, `` `${base}/v2/orders/${id}` ``, `'/api/' + id`), route tables
 *     (objects or arrays of path strings under an API-ish name), and base URLs (`baseURL`, `apiUrl`…);
 *   - spec documents referenced (`SwaggerUIBundle({url})`, `'/v3/api-docs'`, `'openapi.json'`).
 * Strings built from expressions keep their literal parts; the unknown parts become `{name}` placeholders.
 * Pure: text in, values out.
 */
import * as acorn from 'acorn';
import * as looseParser from 'acorn-loose';
import * as walk from 'acorn-walk';

export type JsCallVia = 'fetch' | 'axios' | 'http-client' | 'xhr' | 'jquery' | 'request' | 'literal' | 'route-table';

export interface JsApiCall {
  /** Upper-case method, or `ANY` when the code does not say (a string, a route table). */
  readonly method: string;
  /** As written, with `{name}` placeholders for what is computed at run time: `/api/users/{id}`, `{baseUrl}/orders`. */
  readonly url: string;
  readonly via: JsCallVia;
}

export interface JsExtraction {
  readonly calls: readonly JsApiCall[];
  /** Absolute or root-relative base URLs the code configures (`axios.create({baseURL})`, `apiUrl: '…'`). */
  readonly baseUrls: readonly string[];
  /** URLs of spec documents the code refers to. */
  readonly specUrls: readonly string[];
  readonly parser: 'acorn' | 'acorn-loose' | 'none';
  /** Why the code could not be read (the other fields are then empty). */
  readonly error?: string;
}

export interface JsExtractOptions {
  /** Characters of source read at most (default 5 MiB); the rest is ignored (acorn-loose reads the cut code). */
  readonly maxChars?: number;
  /** Results kept at most, per kind (default 2,000). */
  readonly maxResults?: number;
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const CLIENT_METHODS = new Set([...HTTP_METHODS, 'request']);
const JQUERY = new Set(['$', 'jQuery']);
const JQUERY_SHORTHANDS: Readonly<Record<string, string>> = { get: 'GET', post: 'POST', getJSON: 'GET', ajax: 'ANY' };
const BASE_URL_KEY = /^(?:base_?ur[li]|api_?(?:base_?)?ur[li]|api_?root|api_?host|api_?endpoint|graphql_?(?:ur[li]|endpoint)|backend_?url|server_?url|rest_?url|service_?url)$/i;
const ROUTE_TABLE_NAME = /api|endpoint|url|route|path|resource/i;
const UI_ROUTE_KEYS = new Set(['component', 'components', 'element', 'redirect', 'children', 'loadChildren', 'loadComponent', 'template', 'view']);
const API_SEGMENT = /^(?:api|apis|rest|graphql|gql|rpc|jsonrpc|odata|services?|ajax|oauth2?|v\d{1,2}(?:\.\d{1,2})?)$/i;
const STATIC_ASSET = /\.(?:js|mjs|cjs|css|map|png|jpe?g|gif|svg|ico|webp|avif|woff2?|ttf|eot|otf|mp[34]|webm|html?|txt|md)$/i;
const SPEC_URL = /(?:openapi|swagger)[\w.-]*\.(?:json|ya?ml)$|\/(?:v[23]\/)?api-docs(?:\/|$)|\/swagger-resources$|\/openapi$/i;

type Node = acorn.AnyNode;

/** Whether a path (with placeholders) looks like an HTTP API route rather than a page or an asset. */
export function isApiPath(path: string): boolean {
  const p = path.split(/[?#]/)[0] ?? '';
  if (STATIC_ASSET.test(p)) return false;
  return p.split('/').some((seg) => API_SEGMENT.test(seg) || /\.json$/i.test(seg));
}

/** Whether a string could be a URL or a root-relative path (not a sentence, a CSS selector, a regex). */
export function isUrlLike(s: string): boolean {
  if (s.length < 2 || s.length > 2048) return false;
  if (/\s/.test(s)) return false;
  if (/^https?:\/\/[^/{}]/i.test(s)) return true;
  if (/^\{[\w$.]{1,64}\}\/./.test(s)) return true;
  return /^\/[\w{}$.~:@!*+,;=%-]/.test(s) && !s.startsWith('//');
}

interface Evaluated {
  readonly value: string;
  /** Some literal text is known (not only placeholders). */
  readonly literal: boolean;
}

/** Parses `source`: module, then script, then the error-tolerant parser. */
function parse(source: string): { ast: acorn.Program; parser: 'acorn' | 'acorn-loose' } | { error: string } {
  const base = { ecmaVersion: 'latest', allowHashBang: true, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true, allowImportExportEverywhere: true } as const;
  for (const sourceType of ['module', 'script'] as const) {
    try {
      return { ast: acorn.parse(source, { ...base, sourceType }), parser: 'acorn' };
    } catch {
      // try the next way of reading it
    }
  }
  try {
    return { ast: looseParser.parse(source, { ...base, sourceType: 'script' }), parser: 'acorn-loose' };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

function propertyName(key: Node, computed: boolean): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}

function objectProperty(obj: Node | undefined, name: string): Node | undefined {
  if (obj?.type !== 'ObjectExpression') return undefined;
  for (const p of obj.properties) {
    if (p.type === 'Property' && propertyName(p.key, p.computed) === name) return p.value;
  }
  return undefined;
}

/** `a.b.c` as a dotted name, or undefined when not a plain chain. */
function dottedName(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'ThisExpression') return 'this';
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const left = dottedName(node.object);
    return left === undefined ? undefined : `${left}.${node.property.name}`;
  }
  return undefined;
}

/** Extracts API calls, base URLs and spec references from JavaScript source. Never throws. */
export function extractApiCalls(sourceText: string, options: JsExtractOptions = {}): JsExtraction {
  const maxChars = options.maxChars ?? 5 * 1024 * 1024;
  const maxResults = options.maxResults ?? 2_000;
  const source = sourceText.length > maxChars ? sourceText.slice(0, maxChars) : sourceText;
  const parsed = parse(source);
  if ('error' in parsed) return { calls: [], baseUrls: [], specUrls: [], parser: 'none', error: parsed.error };

  // pass 1: identifiers bound to one constant string (`const API = '/api/v2'`); two different values -> unknown
  const constants = new Map<string, string | null>();
  const constantNodes = new Map<string, Node>();
  const usedConstants = new Set<string>();
  const clientBases = new Map<string, string>();
  const bind = (name: string, value: string | undefined, node?: Node): void => {
    if (node) constantNodes.set(name, node);
    const prev = constants.get(name);
    if (value === undefined || (prev !== undefined && prev !== value)) constants.set(name, null);
    else constants.set(name, value);
  };
  const staticString = (n: Node | null | undefined): string | undefined => {
    if (!n) return undefined;
    if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
    if (n.type === 'TemplateLiteral' && n.expressions.length === 0) return n.quasis[0]?.value.cooked ?? undefined;
    return undefined;
  };

  try {
    walk.full(parsed.ast, (n) => {
      const node = n as Node;
      if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init?.type === 'CallExpression') {
        // `const api = axios.create({ baseURL })`: calls on `api` are relative to that base
        const callee = dottedName(node.init.callee as Node);
        const cfg = node.init.arguments[0] as Node | undefined;
        const base = callee?.endsWith('.create') ? staticString(objectProperty(cfg, 'baseURL') ?? objectProperty(cfg, 'baseUrl') ?? objectProperty(cfg, 'prefixUrl')) : undefined;
        if (base) clientBases.set(node.id.name, base.replace(/\/+$/, ''));
      }
      if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) bind(node.id.name, staticString(node.init), node.init as Node);
      else if (node.type === 'AssignmentExpression' && node.operator === '=' && node.left.type === 'Identifier') bind(node.left.name, staticString(node.right));
    });
  } catch (err) {
    return { calls: [], baseUrls: [], specUrls: [], parser: parsed.parser, error: err instanceof Error ? err.message : String(err) };
  }

  const evaluate = (n: Node | null | undefined, depth = 0): Evaluated | undefined => {
    if (!n || depth > 24) return undefined;
    switch (n.type) {
      case 'Literal':
        return typeof n.value === 'string' ? { value: n.value, literal: n.value.length > 0 } : undefined;
      case 'TemplateLiteral': {
        let value = '';
        let literal = false;
        n.quasis.forEach((q, i) => {
          const text = q.value.cooked ?? q.value.raw;
          if (text) literal = true;
          value += text;
          const e = n.expressions[i];
          if (e) {
            const sub = evaluate(e, depth + 1);
            value += sub?.value ?? placeholder(e);
            literal ||= sub?.literal ?? false;
          }
        });
        return { value, literal };
      }
      case 'BinaryExpression': {
        if (n.operator !== '+') return undefined;
        const l = evaluate(n.left as Node, depth + 1);
        const r = evaluate(n.right, depth + 1);
        if (!l?.literal && !r?.literal) return undefined;
        return { value: (l?.value ?? placeholder(n.left as Node)) + (r?.value ?? placeholder(n.right)), literal: true };
      }
      case 'Identifier': {
        const c = constants.get(n.name);
        if (typeof c === 'string') usedConstants.add(n.name);
        return typeof c === 'string' ? { value: c, literal: c.length > 0 } : { value: `{${n.name}}`, literal: false };
      }
      case 'MemberExpression':
        return { value: placeholder(n), literal: false };
      case 'ConditionalExpression':
        return evaluate(n.consequent, depth + 1) ?? evaluate(n.alternate, depth + 1);
      case 'CallExpression': {
        // `"".concat(a, "/users")`: how Babel and TypeScript compile template literals
        if (n.callee.type === 'MemberExpression' && !n.callee.computed && n.callee.property.type === 'Identifier' && n.callee.property.name === 'concat') {
          const head = evaluate(n.callee.object as Node, depth + 1);
          // `list.concat(…)` on an unknown value is an array, not a string
          if (!head || (!head.literal && n.callee.object.type !== 'Literal')) return undefined;
          let value = head.value;
          let literal = head.literal;
          for (const a of n.arguments) {
            const sub = evaluate(a as Node, depth + 1);
            value += sub?.value ?? placeholder(a as Node);
            literal ||= sub?.literal ?? false;
          }
          return literal ? { value, literal } : undefined;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  };

  const calls: JsApiCall[] = [];
  const baseUrls = new Set<string>();
  const specUrls = new Set<string>();
  const consumed = new Set<Node>();

  const addCall = (method: string, urlNode: Node | undefined, via: JsCallVia, base?: string): void => {
    if (!urlNode || calls.length >= maxResults) return;
    const ev = evaluate(urlNode);
    if (!ev?.literal) return;
    const raw = cleanUrl(ev.value);
    const url = base && raw.startsWith('/') ? `${base}${raw}` : raw;
    if (!isUrlLike(url) && !(via !== 'literal' && /^[\w-]+\/[\w{}/.-]/.test(url) && isApiPath(url))) return;
    if (via === 'literal' || via === 'route-table' ? !isApiPath(url) : STATIC_ASSET.test(url.split(/[?#]/)[0] ?? '')) return;
    markConsumed(urlNode);
    calls.push({ method, url, via });
  };
  const markConsumed = (n: Node): void => {
    walk.full(n, (c) => consumed.add(c as Node));
  };
  const addSpec = (n: Node | undefined): void => {
    const v = n ? evaluate(n) : undefined;
    if (v?.literal && specUrls.size < maxResults) {
      const u = cleanUrl(v.value);
      if (isUrlLike(u) || /^[\w./-]+\.(?:json|ya?ml)$/i.test(u)) specUrls.add(u);
    }
  };
  const addBase = (n: Node | undefined): void => {
    const v = n ? evaluate(n) : undefined;
    if (v?.literal && baseUrls.size < maxResults) {
      const u = cleanUrl(v.value).replace(/\/+$/, '');
      if (/^https?:\/\/[^/{}\s]+/i.test(u) || (u.startsWith('/') && isUrlLike(u))) {
        baseUrls.add(u);
        if (n) markConsumed(n);
      }
    }
  };
  const methodOf = (config: Node | undefined, fallback: string): string => {
    const m = staticString(objectProperty(config, 'method') ?? objectProperty(config, 'type'));
    return m && HTTP_METHODS.has(m.toLowerCase()) ? m.toUpperCase() : fallback;
  };
  const routeTable = (name: string | undefined, value: Node): void => {
    if (!name || !ROUTE_TABLE_NAME.test(name)) return;
    const items: Node[] = [];
    if (value.type === 'ArrayExpression') for (const e of value.elements) if (e && e.type !== 'SpreadElement') items.push(e);
    if (value.type === 'ObjectExpression') {
      for (const p of value.properties) {
        if (p.type !== 'Property') continue;
        const key = propertyName(p.key, p.computed);
        if (key && UI_ROUTE_KEYS.has(key)) return; // a front-end router's table, not an API's
        items.push(p.value);
      }
    }
    const paths = items.filter((i) => {
      const s = evaluate(i);
      return s?.literal === true && isUrlLike(cleanUrl(s.value));
    });
    if (paths.length < 2) return;
    for (const p of paths) {
      const s = cleanUrl(evaluate(p)?.value ?? '');
      if (calls.length < maxResults && !consumed.has(p)) {
        calls.push({ method: 'ANY', url: s, via: 'route-table' });
        markConsumed(p);
      }
    }
  };

  try {
    walk.full(parsed.ast, (n) => {
      const node = n as Node;
      switch (node.type) {
        case 'CallExpression':
        case 'NewExpression': {
          const args = node.arguments as Node[];
          const callee = node.callee as Node;
          const name = dottedName(callee);
          const last = name?.split('.').pop();
          if (node.type === 'NewExpression') {
            if (name === 'Request') addCall(methodOf(args[1], 'GET'), args[0], 'request');
            return;
          }
          if (name === 'fetch' || name === 'window.fetch' || name === 'globalThis.fetch' || name === 'self.fetch') {
            addCall(methodOf(args[1], 'GET'), args[0], 'fetch');
            return;
          }
          if (name === 'axios' || name === 'axios.request') {
            const cfg = args[0]?.type === 'ObjectExpression' ? args[0] : args[1];
            addCall(methodOf(cfg, 'GET'), args[0]?.type === 'ObjectExpression' ? objectProperty(args[0], 'url') : args[0], 'axios');
            addBase(objectProperty(cfg, 'baseURL'));
            return;
          }
          if (name?.endsWith('.create') && (name === 'axios.create' || args[0]?.type === 'ObjectExpression')) {
            addBase(objectProperty(args[0], 'baseURL') ?? objectProperty(args[0], 'baseUrl') ?? objectProperty(args[0], 'prefixUrl'));
            return;
          }
          if (name === 'SwaggerUIBundle' || name === 'SwaggerUI' || name === 'SwaggerUIStandalonePreset' || name === 'Redoc.init') {
            const cfg = name === 'Redoc.init' ? undefined : args[0];
            if (name === 'Redoc.init') addSpec(args[0]);
            addSpec(objectProperty(cfg, 'url'));
            addSpec(objectProperty(cfg, 'configUrl'));
            const urls = objectProperty(cfg, 'urls');
            if (urls?.type === 'ArrayExpression') for (const e of urls.elements) if (e) addSpec(objectProperty(e as Node, 'url'));
            return;
          }
          if (callee.type === 'MemberExpression' && last) {
            const objectName = dottedName(callee.object as Node);
            if (objectName && JQUERY.has(objectName) && last in JQUERY_SHORTHANDS) {
              if (last === 'ajax') {
                const cfg = args[0]?.type === 'ObjectExpression' ? args[0] : args[1];
                addCall(methodOf(cfg, 'GET'), args[0]?.type === 'ObjectExpression' ? objectProperty(args[0], 'url') : args[0], 'jquery');
              } else addCall(JQUERY_SHORTHANDS[last] as string, args[0], 'jquery');
              return;
            }
            if (last === 'open' && args.length >= 2) {
              const m = staticString(args[0]);
              if (m && HTTP_METHODS.has(m.toLowerCase())) addCall(m.toUpperCase(), args[1], 'xhr');
              return;
            }
            if (CLIENT_METHODS.has(last)) {
              const via: JsCallVia = objectName === 'axios' ? 'axios' : 'http-client';
              const base = objectName ? clientBases.get(objectName) : undefined;
              if (last === 'request') {
                const cfg = args[0]?.type === 'ObjectExpression' ? args[0] : args[1];
                addCall(methodOf(cfg, 'GET'), args[0]?.type === 'ObjectExpression' ? objectProperty(args[0], 'url') : args[0], via, base);
              } else addCall(last.toUpperCase(), args[0], via, base);
            }
          }
          return;
        }
        case 'Property': {
          const key = propertyName(node.key as Node, node.computed);
          if (key && BASE_URL_KEY.test(key)) addBase(node.value as Node);
          if (node.value.type === 'ObjectExpression' || node.value.type === 'ArrayExpression') routeTable(key, node.value as Node);
          return;
        }
        case 'VariableDeclarator': {
          if (node.id.type !== 'Identifier' || !node.init) return;
          if (BASE_URL_KEY.test(node.id.name)) addBase(node.init as Node);
          if (node.init.type === 'ObjectExpression' || node.init.type === 'ArrayExpression') routeTable(node.id.name, node.init as Node);
          return;
        }
        case 'AssignmentExpression': {
          const target = node.left.type === 'MemberExpression' ? dottedName(node.left as Node)?.split('.').pop() : node.left.type === 'Identifier' ? node.left.name : undefined;
          if (target && BASE_URL_KEY.test(target)) addBase(node.right as Node);
          return;
        }
        default:
          return;
      }
    });

    // constants the calls above were built from are accounted for
    for (const name of usedConstants) {
      const node = constantNodes.get(name);
      if (node) markConsumed(node);
    }

    // API-looking strings the calls above did not account for (route constants, URLs passed around): pre-order,
    // so `'/api/' + id` is read whole before its parts
    const looseString = (node: Node): boolean => {
      if (consumed.has(node)) return true;
      const ev = evaluate(node);
      if (!ev?.literal) return false;
      const s = cleanUrl(ev.value);
      if (SPEC_URL.test(s.split(/[?#]/)[0] ?? '') && (isUrlLike(s) || /^[\w./-]+\.(?:json|ya?ml)$/i.test(s))) {
        if (specUrls.size < maxResults) specUrls.add(s);
        return true;
      }
      if (isUrlLike(s) && isApiPath(s) && calls.length < maxResults) {
        calls.push({ method: 'ANY', url: s, via: 'literal' });
        return true;
      }
      return false;
    };
    walk.recursive(parsed.ast, null, {
      Literal(node) {
        looseString(node as Node);
      },
      TemplateLiteral(node, st, c) {
        if (!looseString(node as Node)) walk.base.TemplateLiteral?.(node, st, c);
      },
      BinaryExpression(node, st, c) {
        if (node.operator === '+' && looseString(node as Node)) return;
        walk.base.BinaryExpression?.(node, st, c);
      },
    });
  } catch (err) {
    // a syntax tree too deep to walk: keep what was found
    return { calls: dedupe(calls), baseUrls: [...baseUrls], specUrls: [...specUrls], parser: parsed.parser, error: err instanceof Error ? err.message : String(err) };
  }

  return { calls: dedupe(calls), baseUrls: [...baseUrls], specUrls: [...specUrls], parser: parsed.parser };
}

/** `{a.b}` for a member chain, `{name}` for an identifier, `{param}` otherwise. */
function placeholder(n: Node): string {
  if (n.type === 'Identifier') return `{${n.name}}`;
  if (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier') return `{${n.property.name}}`;
  if (n.type === 'CallExpression') return placeholder(n.callee as Node);
  return '{param}';
}

/** Trims whitespace and drops the query and fragment (an endpoint is its path). */
function cleanUrl(s: string): string {
  const t = s.trim();
  const cut = t.search(/[?#]/);
  return cut === -1 ? t : t.slice(0, cut);
}

/** One entry per method+URL; a specific method wins over `ANY` for the same URL. */
function dedupe(calls: readonly JsApiCall[]): JsApiCall[] {
  const specific = new Set(calls.filter((c) => c.method !== 'ANY').map((c) => c.url));
  const seen = new Set<string>();
  const out: JsApiCall[] = [];
  for (const c of calls) {
    if (c.method === 'ANY' && specific.has(c.url)) continue;
    const k = `${c.method} ${c.url}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(c);
  }
  return out;
}
