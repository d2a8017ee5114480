/** Benchmarks and evaluations read the shared corpora through the same helper as the tests. */
export { corporaDir, corpus } from '../test/support/shared-corpora.js';
