// Every public name is listed here on purpose; public-surface.test.ts holds the reviewed list.

export type { BatchProgress } from "./batch-progress.js";
export {
  type AuthMode,
  authModeFor,
  type BoundedResult,
  bearerTokenFor,
  type ConnectionSettings,
  checkText,
  checkTexts,
  checkVector,
  classifyError,
  configuredRegion,
  createLimiter,
  type ErrorClassification,
  type FailureCategory,
  finishVector,
  GEO_PREFIXES,
  type GeoPrefix,
  headerValue,
  type Limiter,
  type ModelIdKind,
  type ParsedModelId,
  parseModelId,
  retryAfterMs,
  runBounded,
  splitGeoPrefix,
  type TextRules,
  type Unreachable,
} from "./bedrock-knowledge/index.js";
export { cacheKey, describeVectorIdentity } from "./cache/cache-key.js";
export {
  type CachedEmbedBatchDetailed,
  CachedEmbedder,
  type CachedEmbedderOptions,
} from "./cache/cached-embedder.js";
export { type VectorCacheOptions, withVectorCache } from "./cache/configured-cache.js";
export type { DescribesVectors } from "./cache/describes-vectors.js";
export {
  FileVectorCache,
  type FileVectorCacheOptions,
  type FileVectorCacheStats,
} from "./cache/file-vector-cache.js";
export {
  MemoryVectorCache,
  type MemoryVectorCacheOptions,
  type MemoryVectorCacheStats,
} from "./cache/memory-vector-cache.js";
export type { VectorCache, VectorCacheEntry, VectorCacheStats } from "./cache/vector-cache.js";
export { type AppConfig, type EmbedderConfig, embedderConfigSchema } from "./config/app-config-schema.js";
export {
  type BedrockEmbedderOptions,
  type BedrockEmbedderOptionsInput,
  bedrockEmbedderOptionsSchema,
} from "./config/bedrock-embedder-options.js";
export {
  type BatchConfig,
  type BatchConfigInput,
  batchConfigSchema,
  type S3Config,
} from "./config/job-config-schema.js";
export { camelCase } from "./config/key-aliases.js";
export { type LoadConfigOptions, loadConfig, parseConfigText } from "./config/load-config.js";
export { parseWithSchema } from "./config/parse-config.js";
export {
  type CreateEmbedderOptions,
  createEmbedder,
  type EmbedderProvider,
  type ProviderContext,
} from "./config/registry.js";
export {
  type ApiKeyConfig,
  DEFAULT_SERVER_HOST,
  DEFAULT_SERVER_PORT,
  isLoopback,
  type ServedModelConfig,
  type ServerConfig,
  type ServerConfigInput,
  serverConfigSchema,
} from "./config/server-config-schema.js";
export type { VectorStoreConfig } from "./config/vector-store-config-schema.js";
export {
  type DetailedEmbeddings,
  type EmbeddingBase,
  type ReportsUsage,
  reportsUsage,
} from "./embedding-base.js";
export { type Environment, processEnvironment } from "./environment.js";
export {
  AWS_SERVER_ERROR_NAMES,
  AWS_THROTTLING_ERROR_NAMES,
  NETWORK_ERROR_CODES,
  TIMEOUT_ERROR_NAMES,
  TRANSIENT_HTTP_STATUSES,
} from "./errors/aws-error-classes.js";
export { type BaseErrorOptions, BedrockEmbeddingsError, type ErrorCode } from "./errors/base-error.js";
export {
  BatchEmbeddingError,
  type BatchEmbeddingErrorOptions,
  type BatchFailure,
} from "./errors/batch-embedding-error.js";
export { BedrockApiError, type BedrockApiErrorOptions } from "./errors/bedrock-api-error.js";
export { ConfigurationError, type ConfigurationErrorOptions } from "./errors/configuration-error.js";
export { describeValueType } from "./errors/describe-value-type.js";
export { InputError, type InputErrorOptions } from "./errors/input-error.js";
export { JobError, type JobErrorOptions, type JobErrorReason } from "./errors/job-error.js";
export { NotFoundError } from "./errors/not-found-error.js";
export { ResponseError, type ResponseErrorOptions } from "./errors/response-error.js";
export { StorageError, type StorageErrorOptions } from "./errors/storage-error.js";
export { VectorError, type VectorErrorOptions } from "./errors/vector-error.js";
export { isQueryAction, MEMORY_ACTIONS, type MemoryAction } from "./memory-action.js";
export {
  type AudioFormat,
  type AudioInput,
  type BytesSource,
  type EmbeddingInput,
  type FileSource,
  IMAGE_FORMATS,
  type ImageFormat,
  type ImageInput,
  type InputModality,
  type MediaSource,
  type S3Source,
  type TextImageInput,
  type TextInput,
  type VideoEmbeddingMode,
  type VideoFormat,
  type VideoInput,
} from "./multimodal/embedding-input.js";
export {
  EMBEDDING_TYPES,
  type EmbeddedContent,
  type EmbeddingResult,
  type EmbeddingType,
  type IntegerEmbeddingType,
  type TypedEmbedding,
} from "./multimodal/embedding-result.js";
export { readImageSize, sniffImageFormat } from "./multimodal/image-header.js";
export { modalityOf } from "./multimodal/input-modality.js";
export { formatFromName } from "./multimodal/media-format.js";
export {
  type EmbedInputsOptions,
  isMultimodalEmbedder,
  type MultimodalEmbedder,
} from "./multimodal/multimodal-embedder.js";
export { addUsage, type EmbeddingUsage, emptyUsage } from "./usage.js";
export {
  assertFiniteVector,
  cosineSimilarity,
  l2Normalize,
  type NumericVector,
  vectorNorm,
} from "./vector/vector-math.js";
