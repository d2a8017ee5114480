/** The filter chains of one operation (or of the unmatched / no-spec case), precomputed at configuration load. */
import type { ApiOperation } from '../../core/api-description.js';
import type { ChainLink } from '../phases/phase.js';

export interface CompiledRoute {
  /** Metrics/log label: `GET /users/{id}`, `unmatched` (a spec is loaded, no operation matched) or `*` (no spec). */
  readonly key: string;
  readonly operation: ApiOperation | undefined;
  readonly requestHeaders: readonly ChainLink[];
  /** Non-empty → the request body is buffered (within the body limit) before it goes upstream. */
  readonly requestBody: readonly ChainLink[];
  readonly responseHeaders: readonly ChainLink[];
  /** Non-empty → the response body is buffered (within the inspection limit) before it goes to the client. */
  readonly responseBody: readonly ChainLink[];
}
