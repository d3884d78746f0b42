export * from "./aws-error-classes.js";
export { type BaseErrorOptions, BedrockEmbeddingsError, type ErrorCode, errorCodeOf } from "./base-error.js";
export {
  BatchEmbeddingError,
  type BatchEmbeddingErrorOptions,
  type BatchFailure,
} from "./batch-embedding-error.js";
export { BedrockApiError, type BedrockApiErrorOptions } from "./bedrock-api-error.js";
export { ConfigurationError, type ConfigurationErrorOptions } from "./configuration-error.js";
export { describeValueType } from "./describe-value-type.js";
export { InputError, type InputErrorOptions } from "./input-error.js";
export { JobError, type JobErrorOptions, type JobErrorReason } from "./job-error.js";
export { NotFoundError } from "./not-found-error.js";
export { ResponseError, type ResponseErrorOptions } from "./response-error.js";
export { StorageError, type StorageErrorOptions } from "./storage-error.js";
export { VectorError, type VectorErrorOptions } from "./vector-error.js";
