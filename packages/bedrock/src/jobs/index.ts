// The jobs entry point: async invoke, batch jobs and S3, apart from the main entry so an
// InvokeModel user never loads the S3 and control-plane clients.
export {
  AsyncEmbeddingClient,
  type AsyncEmbeddingClientConfig,
  type AsyncEmbeddingRuntime,
  type WaitForAsyncEmbeddingOptions,
} from "../async-invoke/async-embedding-client.js";
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
} from "../async-invoke/async-types.js";
export type { PollClock, PollOptions, PollProgress } from "../async-invoke/poll.js";
export {
  BatchEmbeddingJobs,
  type BatchEmbeddingJobsConfig,
  type BatchEmbeddingJobsRuntime,
  type WaitForBatchJobOptions,
} from "../batch-jobs/batch-embedding-jobs.js";
export type { BatchRecordFailure } from "../batch-jobs/batch-output.js";
export type {
  BatchJobResults,
  BatchJobStatus,
  BatchRecordCounts,
  BatchSubmission,
  SubmitBatchJobOptions,
} from "../batch-jobs/batch-types.js";
export type { ObjectStore } from "../s3/object-store.js";
export type { S3Settings } from "../s3/s3-client.js";
