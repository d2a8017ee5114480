/** `rampart comply`: traffic conformance to a spec and regulated-data exposure (rules, observers, run, outputs). */
export * from './comply-rule.js';
export { COMPLY_RULES } from './rules/index.js';
export * from './aggregate-findings.js';
export { createExchangeObserver, type ExchangeObserver } from './observe-exchange.js';
export { createEndpointObserver, type EndpointObserver } from './observe-endpoint.js';
export { extraResponseFields } from '../../spec/index.js';
export * from './run-comply.js';
export * from './comply-output.js';
