/**
 * Excessive data exposure in `rampart test`: the undocumented properties of a response (the walk is shared with
 * `rampart comply`: `spec/extra-response-fields.ts`) and the field names that make them sensitive.
 */
export { extraResponseFields as undocumentedProperties } from '../spec/extra-response-fields.js';

/** Field names that hold secrets or regulated personal data. */
export const SENSITIVE_FIELD = /pass(word|wd)?(_?hash)?|secret|token|api_?key|private_?key|hash|salt|ssn|social_?security|card_?(number|no)|cvv|cvc|pin$|iban|otp|mfa|totp|dob|date_?of_?birth/i;
