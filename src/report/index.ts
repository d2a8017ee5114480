/** Report writers over findings, shared by `lint`, `comply` and `test`: SARIF 2.1.0, JUnit XML, HTML helpers. */
export * from './severity-scale.js';
export * from './report-input.js';
export * from './escape.js';
export * from './sarif.js';
export * from './junit.js';
export * from './html.js';
