/**
 * Detection: the signature engine (`signatures/`), actors (`actors/`), the behaviour detectors
 * (`behaviour/`), and the stage that combines them per exchange (`createDetector`). See docs/detection/.
 */
export { createDetector, type ActorFilter, type Detector, type Precomputed, type DetectorOptions, type DetectorStats, type ExchangeVerdict } from './analyze.js';
export { checkDetectionConfig, DETECTION_CONFIG_SCHEMA, type DetectionConfig, type HeaderChecks } from './detection-config.js';
export * as actors from './actors/index.js';
export * as behaviour from './behaviour/index.js';
