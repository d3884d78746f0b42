export {
  AsyncEmbeddingClient,
  type AsyncEmbeddingClientConfig,
  type AsyncEmbeddingRuntime,
  type WaitForAsyncEmbeddingOptions,
} from "./async-invoke/async-embedding-client.js";
export {
  ASYNC_MODEL_IDS,
  type AsyncFamily,
  type AsyncModel,
  resolveAsyncModel,
} from "./async-invoke/async-model.js";
export type {
  AsyncEmbeddingInput,
  AsyncEmbeddingResult,
  AsyncInvocationStatus,
  AsyncMediaType,
  AsyncModelOptions,
  EmbeddingSegment,
  S3MediaInput,
  Segmentation,
  SegmentFailure,
  StartAsyncEmbeddingRequest,
  StartedAsyncEmbedding,
} from "./async-invoke/async-types.js";
export { NOVA_DIMENSIONS, NOVA_EMBEDDING_PURPOSES } from "./async-invoke/nova-async-body.js";
export type { PollClock, PollOptions, PollProgress } from "./async-invoke/poll.js";
export type { EmbedBatchOptions, SettledEmbeddings } from "./batch/batch-options.js";
export {
  BatchEmbeddingJobs,
  type BatchEmbeddingJobsConfig,
  type BatchEmbeddingJobsRuntime,
  type WaitForBatchJobOptions,
} from "./batch-jobs/batch-embedding-jobs.js";
export type { BatchRecordFailure } from "./batch-jobs/batch-output.js";
export { BATCH_JOB_FAMILIES } from "./batch-jobs/batch-records.js";
export type {
  BatchJobResults,
  BatchJobStatus,
  BatchRecordCounts,
  BatchSubmission,
  SubmitBatchJobOptions,
} from "./batch-jobs/batch-types.js";
export { buildControlPlaneConfig, createControlPlaneClient } from "./batch-jobs/control-plane-client.js";
export {
  BedrockEmbedder,
  type BedrockEmbedderConfig,
  type BedrockEmbedderRuntime,
} from "./bedrock-embedder.js";
export { UNREACHABLE_ATTEMPTS_TO_STOP } from "./call/run-guard.js";
export { type CallKind, DEFAULT_TIMEOUTS } from "./call/timeouts.js";
export {
  type AuthMode,
  authModeFor,
  buildClientConfig,
  type ClientOptions,
  createBedrockClient,
  resolveRegion,
} from "./client/create-client.js";
export {
  type ControlPlaneClient,
  clearProfileTargetCache,
  type LookupScope,
  lookUpProfileTarget,
} from "./control-plane/profile-target.js";
export type { BedrockCallEvent } from "./events.js";
export { FAMILY_NAMES, KNOWN_MODEL_IDS, MODEL_FAMILIES } from "./model-catalog/catalog.js";
export type {
  DimensionSpec,
  FamilyLimits,
  FamilyName,
  MediaLimits,
  ModelFamily,
  ParsedEmbeddings,
  ParsedResponse,
  RawEmbedding,
  RequestSettings,
  TokenSource,
  TruncateMode,
  WireInput,
  WireMedia,
} from "./model-catalog/model-family.js";
export {
  checkInvocable,
  GEO_PREFIXES,
  type ModelIdKind,
  needsProfileLookup,
  type ResolvedModel,
  resolveModel,
} from "./model-id.js";
export type { DetailedResults } from "./multimodal/embed-inputs.js";
export { type MediaFiles, nodeMediaFiles } from "./multimodal/media-source.js";
export {
  type CallCostEstimator,
  type CostEstimate,
  type CostInput,
  callCostEstimator,
  estimateCostUsd,
  findPrice,
  type ModelPrice,
  PRICE_TABLE,
  PRICE_TABLE_DATE,
  PRICE_TABLE_SOURCE,
  type PriceRate,
} from "./pricing/index.js";
export { bedrockProvider } from "./provider.js";
export { type ObjectStore, S3ObjectStore } from "./s3/object-store.js";
export { buildS3ClientConfig, createS3Client, type S3Settings } from "./s3/s3-client.js";
export { formatS3Uri, joinS3Uri, parseS3Uri, type S3Location } from "./s3/s3-uri.js";
export type { SchedulerClock } from "./schedule/clock.js";
export type { BatchProgress } from "./schedule/progress.js";
export { DEFAULT_RATE_TUNING, type RateTuning } from "./schedule/rate-tuning.js";
export type { ProfileTarget } from "./settings.js";
