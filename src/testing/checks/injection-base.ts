/**
 * What the injection checks share: the valid request of the operation and its response (the baseline every
 * attack is compared with), and the points payloads go into.
 */
import type { CheckContext, ProbeStep } from '../check.js';
import { injectionPoints, type InjectionPoint } from '../injection-points.js';
import { isSafeMethod } from '../plan.js';
import type { TestRequest } from '../test-request.js';
import { actorFor } from './support.js';

export interface InjectionBase {
  readonly request: TestRequest;
  /** The baseline as a probe step (an exchange already made: cached for reads, sent once for other methods). */
  readonly baseline: ProbeStep;
  readonly points: readonly InjectionPoint[];
}

export async function injectionBase(t: CheckContext, filter: (p: InjectionPoint) => boolean = () => true): Promise<InjectionBase | undefined> {
  const p = t.op!;
  const identity = actorFor(p, t.identities);
  let request: TestRequest;
  let baseline: ProbeStep;
  if (isSafeMethod(p.op.method)) {
    const x = await t.baseline(p, identity);
    request = x.request;
    baseline = { name: 'baseline', exchange: x };
  } else {
    // sent once here (a create must not be repeated for every payload); a replay sends it again
    request = t.build(p, identity ? { identity } : {});
    baseline = { name: 'baseline', exchange: await t.send(request) };
  }
  const points = injectionPoints(p, request).filter(filter);
  return points.length ? { request, baseline, points } : undefined;
}
