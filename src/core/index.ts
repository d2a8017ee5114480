/** The core model: no dependencies, no I/O. */
export * from './exchange.js';
export * from './http.js';
export * from './errors.js';
export * from './source-event.js';
export * from './json-schema.js';
export * from './api-description.js';
export * from './endpoint.js';
export * from './finding.js';
export * from './verdict.js';
export * from './threat.js';
export * from './units.js';
export * from './seeded-random.js';
