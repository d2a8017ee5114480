/**
 * The attack-signature engine: `createSignatureEngine(options).inspect(exchange, endpoint?)`.
 * See docs/detection/signatures.md.
 */
export { createSignatureEngine, INSPECTION_LIMIT_RULE } from './engine.js';
export type { SignatureEngine, SignatureEngineOptions } from './engine.js';
export { collectTargets, isInspectedHeader } from './collect-targets.js';
export type { CollectOptions, CollectedTargets } from './collect-targets.js';
export { BUILTIN_RULES, RULE_PACKS } from './rules/index.js';
export { TRANSFORMS } from './transforms/index.js';
export { detectSqli } from './tokenizers/sql-detector.js';
export { detectXss } from './tokenizers/xss-detector.js';
export { detectShell } from './tokenizers/shell-detector.js';
export { ATTACK_CLASSES, SEVERITY_SCORE, isRequestRule } from './types.js';
export type {
  AttackClass,
  DetectorHit,
  EndpointRef,
  Exclusion,
  Paranoia,
  RequestRule,
  Rule,
  RuleSeverity,
  RuleVectors,
  SignatureMatch,
  SignatureResult,
  Target,
  TargetKind,
  TransformName,
  ValueRule,
  VectorCase,
} from './types.js';
