/**
 * Recognises an OpenAPI document and its version; anything else is `E_SPEC_INVALID` naming the key at fault.
 */
import { RampartError } from '../core/errors.js';

/** The version families the converters know: Swagger 2.0, OpenAPI 3.0.x, OpenAPI 3.1.x (and 3.2.x, read as 3.1). */
export type SpecFamily = '2.0' | '3.0' | '3.1';

export interface SpecVersion {
  /** As written in the document (`2.0`, `3.0.3`, `3.1.0`). */
  readonly version: string;
  readonly family: SpecFamily;
}

/** Detects the version; throws `E_SPEC_INVALID` (location: `file` and the key) for anything that is not OpenAPI. */
export function detectSpecVersion(document: unknown, file?: string): SpecVersion {
  const at = (key: string) => (file ? `${file}: ${key}` : key);
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    const kind = document === null ? 'null' : Array.isArray(document) ? 'an array' : `a ${typeof document}`;
    throw new RampartError('E_SPEC_INVALID', `the document root is ${kind}, not an object with \`openapi\` or \`swagger\``, { location: file });
  }
  const doc = document as Record<string, unknown>;
  let version: string | undefined;
  let family: SpecFamily | undefined;
  if (doc.openapi !== undefined) {
    version = typeof doc.openapi === 'number' ? doc.openapi.toFixed(1) : String(doc.openapi);
    if (/^3\.0(?:\.\d+)?(?:-[\w.]+)?$/.test(version)) family = '3.0';
    else if (/^3\.[12](?:\.\d+)?(?:-[\w.]+)?$/.test(version)) family = '3.1';
    else {
      throw new RampartError('E_SPEC_INVALID', `unsupported OpenAPI version ${JSON.stringify(doc.openapi)} in \`openapi\``, {
        location: at('/openapi'),
        fix: 'Rampart reads OpenAPI 2.0 (`swagger: "2.0"`), 3.0.x and 3.1.x',
      });
    }
  } else if (doc.swagger !== undefined) {
    version = typeof doc.swagger === 'number' ? doc.swagger.toFixed(1) : String(doc.swagger);
    if (version !== '2.0') {
      throw new RampartError('E_SPEC_INVALID', `unsupported Swagger version ${JSON.stringify(doc.swagger)} in \`swagger\``, {
        location: at('/swagger'),
        fix: 'Rampart reads Swagger 2.0 and OpenAPI 3.x; convert older documents to OpenAPI 3',
      });
    }
    family = '2.0';
  } else if (doc.swaggerVersion !== undefined) {
    throw new RampartError('E_SPEC_INVALID', `Swagger ${String(doc.swaggerVersion)} (\`swaggerVersion\`) is not supported`, {
      location: at('/swaggerVersion'),
      fix: 'convert the document to OpenAPI 3 (for example with the APIs-guru swagger2openapi converter)',
    });
  } else if (isPostmanLike(doc)) {
    throw new RampartError('E_SPEC_INVALID', 'this is a Postman collection, not an OpenAPI document', {
      location: file,
      fix: 'load it as a Postman collection (loadPostman / `--postman`)',
    });
  } else {
    throw new RampartError('E_SPEC_INVALID', 'no `openapi` or `swagger` field at the document root', { location: file });
  }
  const paths = doc.paths;
  if (paths === undefined) {
    if (family !== '3.1') throw new RampartError('E_SPEC_INVALID', 'missing `paths` object', { location: at('/paths') });
  } else if (paths === null || typeof paths !== 'object' || Array.isArray(paths)) {
    throw new RampartError('E_SPEC_INVALID', '`paths` must be an object of path → path item', { location: at('/paths') });
  }
  return { version, family };
}

function isPostmanLike(doc: Record<string, unknown>): boolean {
  const inner = (doc.collection ?? doc) as Record<string, unknown>;
  const info = inner.info as Record<string, unknown> | undefined;
  return Array.isArray(inner.item) || (typeof info?.schema === 'string' && info.schema.includes('getpostman'));
}
