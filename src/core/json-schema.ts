/** A JSON Schema (2020-12 dialect unless said otherwise) as plain data. */
export type JsonSchema = { readonly [key: string]: unknown } | boolean;

/** JSON values. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
