/** Shared target groups and transform chains for the built-in packs (so that views are shared between rules). */
import type { TargetKind, TransformName } from '../types.js';

/** Every value a client controls: field values and names, cookies, inspected headers, file names, raw bodies. */
export const INPUTS: readonly TargetKind[] = ['arg', 'name', 'cookie', 'header', 'filename', 'body'];
/** Field values only (not names). */
export const VALUES: readonly TargetKind[] = ['arg', 'cookie', 'header', 'body'];
/** Field values and names, without headers (rules too noisy for free-text headers such as User-Agent). */
export const FIELDS: readonly TargetKind[] = ['arg', 'name', 'cookie', 'body'];

/** Fully decoded. */
export const D: readonly TransformName[] = ['decodeAll'];
/** Fully decoded, lower-cased. */
export const DL: readonly TransformName[] = ['decodeAll', 'lowercase'];
/** Fully decoded, comments removed, lower-cased, whitespace compressed: keyword rules. */
export const DCLW: readonly TransformName[] = ['decodeAll', 'removeComments', 'lowercase', 'compressWhitespace'];
/** Fully decoded, path-normalised, lower-cased: file and traversal rules. */
export const DPL: readonly TransformName[] = ['decodeAll', 'normalizePath', 'lowercase'];
/** Fully decoded, all whitespace removed, lower-cased: words split by spaces (`<f o r m`, `ja va`). */
export const DWL: readonly TransformName[] = ['decodeAll', 'removeWhitespace', 'lowercase'];
/** Base64 runs decoded, lower-cased. */
export const B64L: readonly TransformName[] = ['base64Decode', 'lowercase'];
