/** The schema-based value generator moved to `spec/` (the gateway's deception uses it too); re-exported here. */
export { sampleValue, schemaObject, schemaType, type SampleOptions } from '../spec/sample-value.js';
