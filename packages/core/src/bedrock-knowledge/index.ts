export {
  type AuthMode,
  authModeFor,
  bearerTokenFor,
  type ConnectionSettings,
  configuredRegion,
} from "./aws-connection.js";
export { type BoundedResult, createLimiter, type Limiter, runBounded } from "./bounded-concurrency.js";
export { checkText, checkTexts, type TextRules } from "./check-text.js";
export { checkVector, finishVector } from "./check-vector.js";
export {
  classifyError,
  type ErrorClassification,
  type FailureCategory,
  retryAfterMs,
  type Unreachable,
} from "./classify-aws-error.js";
export { GEO_PREFIXES, type GeoPrefix, splitGeoPrefix } from "./geo-prefixes.js";
export { headerValue } from "./header-value.js";
export { type ModelIdKind, type ParsedModelId, parseModelId } from "./parse-model-id.js";
