/**
 * API3 broken object property level authorisation, writing (mass assignment): a create or update accepts and
 * stores properties the client must not set — `role`, `isAdmin`, `price`, `balance`, `status`… Candidates are
 * the properties the read-back response documents but the request schema does not (read-only ones first),
 * plus well-known privileged names. Each is set to an unusual value and read back: updates are compared with
 * the value before (and restored afterwards), creates with a twin created without the property. Intrusive.
 */
import type { JsonSchema } from '../../core/index.js';
import type { Check, CheckContext, Probe, ProbeResults } from '../check.js';
import { pickMediaType } from '../build-request.js';
import { getIn, withBodyField, withPathParam } from '../mutate-request.js';
import type { PlannedOperation } from '../plan.js';
import { parseJsonBody } from '../response-similarity.js';
import { schemaObject, schemaType } from '../sample-value.js';
import { isSuccess, type TestExchange, type TestRequest } from '../test-request.js';
import { actorFor, describeStatus } from './support.js';

/** Properties that grant privileges or money when a client can set them; tried first. */
const PRIVILEGED = /^(?:role|roles|is_?admin|admin|is_?staff|is_?superuser|permissions?|scopes?|group|groups|account_?type|plan|tier|level|price|unit_?price|amount|total|balance|credit|credits|discount|status|state|verified|is_?verified|email_?verified|approved|active|owner|owner_?id|user_?id)$/i;
const MAX_CANDIDATES = 4;

export const massAssignment: Check = {
  id: 'mass-assignment',
  title: 'Client can set properties it must not (mass assignment)',
  owasp: 'API3:2023',
  cwe: 'CWE-915',
  severity: 'high',
  intrusive: true,
  stage: 'late',
  scope: 'operation',
  description: 'A create or update is sent with an extra property the request schema does not allow (e.g. role, price, balance); reading the object back shows the value was stored.',
  fix: 'Bind request bodies to an explicit allow-list of writable fields per operation (a DTO); reject or ignore everything else, and mark server-owned fields readOnly in the spec.',
  select: (p) => ['POST', 'PUT', 'PATCH'].includes(p.op.method) && p.requiresAuth !== false && Boolean(pickMediaType(p.op.requestBody?.content)?.[0].includes('json')),
  async *probes(t) {
    const p = t.op!;
    const read = readBackOf(p, t.operations);
    if (!read) return t.skip(`no GET operation reads the object back (GET ${p.op.path} or GET ${p.op.path}/{id})`);
    const identity = actorFor(p, t.identities);
    const candidates = candidatesFor(p, read.op);
    if (!candidates.length) return t.skip('the read-back response documents no property the request cannot already set');
    const create = p.op.method === 'POST' && read.op.fullPath !== p.fullPath;
    for (const [name, schema] of candidates) {
      const base = t.build(p, identity ? { identity } : {});
      if (!create) {
        const readReq = t.build(read.op, identity ? { identity } : {});
        const before = await t.send(readReq);
        if (!isSuccess(before)) return t.skip(`GET ${read.op.op.path} did not answer 2xx`);
        const original = getIn(parseJsonBody(before.response!.body), [name]);
        const value = unusualValue(schema, original);
        yield {
          label: `set ${name} to ${JSON.stringify(value)}`,
          steps: [
            { name: 'before', request: readReq },
            { name: 'attack', request: withBodyField(base, [name], value) },
            { name: 'readback', request: readReq },
          ],
          cleanup: original === undefined ? [] : [withBodyField(base, [name], original)],
          data: { name, value, create },
        } satisfies Probe;
        continue;
      }
      // a create: the attack and a twin without the property, each read back by the id it returned
      const value = unusualValue(schema, undefined);
      const attack = await t.send(withBodyField(base, [name], value));
      const twin = await t.send(base);
      const readAttack = readBackRequest(t, read, attack);
      const readTwin = readBackRequest(t, read, twin);
      if (!readAttack || !readTwin) {
        t.skip('the create did not return an id to read the object back');
        continue;
      }
      yield {
        label: `create with ${name} = ${JSON.stringify(value)}`,
        steps: [
          { name: 'attack', exchange: attack },
          { name: 'readback', request: readAttack },
          { name: 'twin', exchange: twin },
          { name: 'twin-readback', request: readTwin },
        ],
        verify: 'self',
        data: { name, value, create },
      } satisfies Probe;
    }
  },
  judge: judgeMassAssignment,
};

/** Fires when the read-back shows the injected value, which was not there before (update) or in the twin (create). */
export function judgeMassAssignment(r: ProbeResults, probe: Probe) {
  const d = probe.data as { name: string; value: unknown; create: boolean };
  if (!isSuccess(r.attack) || !isSuccess(r.readback)) return undefined;
  const got = getIn(parseJsonBody(r.readback!.response!.body), [d.name]);
  if (!sameValue(got, d.value)) return undefined;
  if (d.create) {
    const twin = getIn(parseJsonBody(r['twin-readback']?.response?.body), [d.name]);
    if (!isSuccess(r['twin-readback']) || sameValue(twin, d.value)) return undefined;
    return { message: `${d.name} = ${JSON.stringify(d.value)} sent with the create was stored (read back: ${JSON.stringify(got)}; created without it: ${JSON.stringify(twin)})`, evidence: ['attack', 'readback', 'twin-readback'] };
  }
  const before = getIn(parseJsonBody(r.before?.response?.body), [d.name]);
  if (sameValue(before, d.value)) return undefined;
  return {
    message: `${d.name} changed from ${JSON.stringify(before)} to ${JSON.stringify(got)} through the update (${describeStatus(r.attack)}), though the request schema does not allow it`,
    evidence: ['attack', 'readback', 'before'],
  };
}

/** The GET that reads the object back: same path (updates of `/users/me`), or `<path>/{id}` (creates). */
function readBackOf(p: PlannedOperation, ops: readonly PlannedOperation[]): { op: PlannedOperation; param?: string } | undefined {
  const same = ops.find((o) => o.op.method === 'GET' && o.fullPath === p.fullPath);
  if (same && p.op.method !== 'POST') return { op: same };
  if (p.op.method === 'POST') {
    const item = ops.find((o) => o.op.method === 'GET' && o.fullPath.startsWith(`${p.fullPath}/{`) && o.fullPath.indexOf('/', p.fullPath.length + 1) === -1);
    if (item) return { op: item, param: item.fullPath.slice(p.fullPath.length + 2, -1) };
  }
  return same ? { op: same } : undefined;
}

function readBackRequest(t: CheckContext, read: { op: PlannedOperation; param?: string }, created: TestExchange): TestRequest | undefined {
  if (!isSuccess(created) || !read.param) return undefined;
  const id = getIn(parseJsonBody(created.response!.body), ['id']);
  if (id === undefined || id === null) return undefined;
  const identity = created.request.auth.kind === 'identity' ? created.request.auth.identity : undefined;
  return withPathParam(t.build(read.op, identity ? { identity } : {}), read.param, String(id));
}

/** Response properties of the read-back that the request schema does not list, privileged names first. */
function candidatesFor(p: PlannedOperation, read: PlannedOperation): Array<[string, JsonSchema]> {
  const reqProps = (schemaObject(pickMediaType(p.op.requestBody?.content)?.[1].schema).properties ?? {}) as Record<string, JsonSchema>;
  const ok = Object.entries(read.op.responses).find(([s]) => s.startsWith('2'))?.[1];
  const media = ok && Object.entries(ok.content).find(([m]) => m.includes('json'))?.[1];
  const respProps = (schemaObject(media?.schema).properties ?? {}) as Record<string, JsonSchema>;
  const out: Array<[string, JsonSchema]> = [];
  for (const [k, s] of Object.entries(respProps)) {
    if (k in reqProps || /^(_?id|uuid|created_?at|updated_?at)$/i.test(k)) continue;
    const t = schemaType(s);
    if (t === 'object' || t === 'array') continue;
    out.push([k, s]);
  }
  out.sort((a, b) => Number(!PRIVILEGED.test(a[0])) - Number(!PRIVILEGED.test(b[0])) || Number(schemaObject(b[1]).readOnly === true) - Number(schemaObject(a[1]).readOnly === true));
  return out.slice(0, MAX_CANDIDATES);
}

/** A valid but unusual value, different from `current`: `admin` for roles, 1337 for amounts, the other boolean. */
export function unusualValue(schema: JsonSchema, current: unknown): unknown {
  const s = schemaObject(schema);
  if (Array.isArray(s.enum) && s.enum.length) {
    const admin = s.enum.find((e) => typeof e === 'string' && /admin|super|owner/i.test(e) && e !== current);
    // otherwise the last value: the first is usually the default a server would set anyway
    const others = s.enum.filter((e) => e !== current && e !== s.default);
    return admin ?? others[others.length - 1] ?? s.enum[0];
  }
  switch (schemaType(s)) {
    case 'boolean':
      return current === true ? false : true;
    case 'integer':
      return current === 1337 ? 1338 : 1337;
    case 'number':
      return current === 1337.5 ? 1338.5 : 1337.5;
    default:
      return current === 'rampart-admin' ? 'rampart-admin-2' : 'rampart-admin';
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9) || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));
}
