/**
 * What request/response validation reports: one issue per problem, as data (the gateway, compliance and the
 * tester each decide what an issue means for them).
 */

/** Where the problem is; `status` is for responses whose status code the operation does not document. */
export type IssueLocation = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'status';

export interface ValidationIssue {
  readonly location: IssueLocation;
  /** Parameter or header name (for `path`, `query`, `header`, `cookie`). */
  readonly name?: string;
  /** JSON pointer into the body or the parameter's value (`/items/0/qty`); '' for the whole value. */
  readonly pointer: string;
  /**
   * What failed: a JSON Schema keyword (`required`, `type`, `format`, `enum`, `additionalProperties`, `pattern`,
   * `minimum`, …), or one of the validator's own: `unknownParameter` (a query parameter the operation does not
   * declare — its own kind, the gateway has a separate policy for it), `mediaType` (body media type not accepted),
   * `unexpectedBody`, `json` (body or parameter is not valid JSON), `multipart`, `style` (a parameter not written
   * in its declared style), `maxBodySize`, `maxDepth`, `readOnly` / `writeOnly` (with the forbid options), `status`
   * (undocumented response status).
   */
  readonly keyword: string;
  readonly message: string;
}
