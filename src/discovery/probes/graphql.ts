/**
 * Probe: GraphQL endpoints. Each candidate path gets the most harmless query there is (`{__typename}`, POST
 * JSON, per the GraphQL-over-HTTP spec); a GraphQL server answers `{"data":{"__typename":"Query"}}` (or a
 * GraphQL `errors` list). Where one answers, an introspection query asks for the schema's root operations:
 * if it is answered, introspection is enabled (a finding) and every query, mutation and subscription becomes an
 * endpoint.
 */
import { finding } from '../findings.js';
import { isLikeNotFound, parseJson } from '../response-shape.js';
import type { DiscoveredEndpoint, DiscoveryFinding, FetchResult, HostContext, HttpClient, Probe, ProbeResult } from '../types.js';

export const GRAPHQL_PATHS: readonly string[] = ['/graphql', '/api/graphql', '/graphql/v1', '/v1/graphql', '/api/v1/graphql', '/gql', '/query', '/graphql/api'];

/** Root operation types and their fields: all discovery needs, much smaller than the full introspection query. */
export const INTROSPECTION_QUERY =
  'query RampartIntrospection { __schema { queryType { name } mutationType { name } subscriptionType { name } types { kind name fields(includeDeprecated: true) { name } } } }';

const MAX_OPERATIONS = 2_000;

interface GraphqlAnswer {
  data?: { __typename?: unknown; __schema?: IntrospectedSchema } | null;
  errors?: Array<{ message?: unknown }>;
}

interface IntrospectedSchema {
  queryType?: { name?: string } | null;
  mutationType?: { name?: string } | null;
  subscriptionType?: { name?: string } | null;
  types?: Array<{ kind?: string; name?: string; fields?: Array<{ name?: string }> | null }>;
}

/** True when the answer is a GraphQL response to `{__typename}`. */
export function isGraphqlAnswer(r: FetchResult): boolean {
  if (r.status === 0 || r.status >= 500) return false;
  const body = parseJson(r.body) as GraphqlAnswer | undefined;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  if (body.data && typeof body.data === 'object' && typeof body.data.__typename === 'string') return true;
  // a server that refuses anonymous queries still answers in GraphQL's shape
  return Array.isArray(body.errors) && body.errors.length > 0 && body.errors.every((e) => e && typeof e.message === 'string') && !('data' in body && body.data === undefined);
}

/** The operations of an introspected schema: `query users`, `mutation createUser`… */
export function schemaOperations(schema: IntrospectedSchema): string[] {
  const roots: Array<[string, string | undefined]> = [
    ['query', schema.queryType?.name ?? undefined],
    ['mutation', schema.mutationType?.name ?? undefined],
    ['subscription', schema.subscriptionType?.name ?? undefined],
  ];
  const out: string[] = [];
  for (const [kind, typeName] of roots) {
    if (!typeName) continue;
    const type = schema.types?.find((t) => t?.name === typeName);
    for (const f of type?.fields ?? []) if (typeof f?.name === 'string' && out.length < MAX_OPERATIONS) out.push(`${kind} ${f.name}`);
  }
  return out;
}

export const graphqlProbe: Probe = {
  name: 'graphql',
  async run(ctx: HostContext, http: HttpClient): Promise<ProbeResult> {
    const paths = [...GRAPHQL_PATHS];
    for (const p of ctx.prefixes) if (!paths.includes(`${p}/graphql`)) paths.push(`${p}/graphql`, p);
    const post = (url: string, query: string, maxBytes?: number): Promise<FetchResult> =>
      http.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' }, body: JSON.stringify({ query }), maxBytes });
    const answers = await Promise.all(paths.map((p) => post(new URL(p, ctx.origin).href, '{__typename}')));
    const findings: DiscoveryFinding[] = [];
    const endpoints: DiscoveredEndpoint[] = [];
    const seen = new Set<string>();
    for (const r of answers) {
      if (!isGraphqlAnswer(r) || isLikeNotFound(r, ctx.notFound) || seen.has(r.url)) continue;
      seen.add(r.url);
      const path = new URL(r.url).pathname;
      const anonymous = (parseJson(r.body) as GraphqlAnswer).data != null;
      findings.push(finding('graphql-endpoint', r.url, `GraphQL endpoint answers ${anonymous ? 'anonymous queries' : 'with errors to anonymous queries'}`));
      endpoints.push({ method: 'POST', url: r.url, path, source: 'graphql' });
      const intro = await post(r.url, INTROSPECTION_QUERY, 8 * 1024 * 1024);
      const schema = (parseJson(intro.body) as GraphqlAnswer | undefined)?.data?.__schema;
      if (intro.status === 200 && schema && typeof schema === 'object') {
        const ops = schemaOperations(schema);
        findings.push(finding('graphql-introspection', r.url, `GraphQL introspection is enabled: schema with ${ops.length} operations readable without credentials`));
        for (const op of ops) endpoints.push({ method: 'POST', url: r.url, path, source: 'graphql', operation: op });
      }
    }
    return { findings, endpoints };
  },
};
