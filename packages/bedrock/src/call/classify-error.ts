export {
  classifyError,
  type ErrorClassification,
  type FailureCategory,
  retryAfterMs,
  type Unreachable,
} from "@bedrock-embeddings/core";
