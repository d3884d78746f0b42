import { z } from "zod";
import { awsCredentialsSchema } from "./bedrock-embedder-options.js";

// The bucket rule Bedrock applies to its S3 URIs (StartAsyncInvoke's s3Uri pattern).
const S3_URI_PATTERN = /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/;

/**
 * An `s3://bucket/prefix` URI as Bedrock accepts it (lower-case bucket name, at most 1024 characters).
 *
 * @example
 * s3UriSchema.parse("s3://my-bucket/embeddings/"); // ok
 */
export const s3UriSchema = z
  .string()
  .max(1024)
  .regex(S3_URI_PATTERN, { message: "expected an S3 URI such as s3://my-bucket/prefix (lower-case bucket)" });

/**
 * How S3 is reached for async invocations and batch jobs. Empty means AWS S3 in the embedder's
 * region with the embedder's credentials. A custom `endpoint` (an S3-compatible server) uses
 * path-style addressing unless `forcePathStyle` says otherwise.
 *
 * @example
 * s3ConfigSchema.parse({ endpoint: "http://127.0.0.1:4568", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
 */
export const s3ConfigSchema = z.strictObject({
  endpoint: z.url().optional(),
  region: z.string().min(1).optional(),
  credentials: awsCredentialsSchema.optional(),
  profile: z.string().min(1).optional(),
  forcePathStyle: z.boolean().optional(),
});

/** How a job is waited for: first poll interval, growing exponentially up to the cap, within the timeout. */
const pollingShape = {
  pollIntervalMs: z.int().positive().default(5_000),
  maxPollIntervalMs: z.int().positive().default(60_000),
  timeoutMs: z.int().positive().default(3_600_000),
};

/**
 * Async invocation (StartAsyncInvoke) settings: Nova segmented embeddings and Marengo video,
 * audio, image and long text. `model` defaults to the embedder's model.
 *
 * @example
 * asyncConfigSchema.parse({ model: "amazon.nova-2-multimodal-embeddings-v1:0", outputS3Uri: "s3://bucket/async/" });
 */
export const asyncConfigSchema = z.strictObject({
  model: z.string().min(1).optional(),
  /** Output size for Nova (256, 384, 1024 or 3072); Marengo sizes are fixed. */
  dimensions: z.int().positive().optional(),
  /** Where Bedrock writes results; each invocation gets its own folder under it. */
  outputS3Uri: s3UriSchema.optional(),
  /** Where inline long text is uploaded first (async accepts S3 sources only); defaults to `<outputS3Uri>/inputs/`. */
  inputS3Uri: s3UriSchema.optional(),
  ...pollingShape,
});

/**
 * Batch inference job (CreateModelInvocationJob) settings. Below `minimumRecords` Bedrock
 * refuses the job; `allowOnDemandFallback` then embeds with ordinary calls instead.
 * 100 is the default of the "Minimum number of records per batch inference job" quota as we
 * know it; accounts differ (1,000 is also cited), so check Service Quotas and set it here.
 *
 * @example
 * batchConfigSchema.parse({ inputS3Uri: "s3://bucket/in/", outputS3Uri: "s3://bucket/out/", roleArn: "arn:aws:iam::123456789012:role/batch" });
 */
export const batchConfigSchema = z.strictObject({
  /** Folder the records file is written to (`<inputS3Uri>/<jobName>/records.jsonl`). */
  inputS3Uri: s3UriSchema.optional(),
  outputS3Uri: s3UriSchema.optional(),
  /** Service role Bedrock assumes to read the input and write the output. */
  roleArn: z.string().min(1).optional(),
  minimumRecords: z.int().min(1).default(100),
  allowOnDemandFallback: z.boolean().default(false),
  /** Bedrock's own deadline for the job, 24 to 168 hours. */
  timeoutDurationInHours: z.int().min(24).max(168).optional(),
  ...pollingShape,
});

export type S3Config = z.output<typeof s3ConfigSchema>;
export type AsyncConfig = z.output<typeof asyncConfigSchema>;
export type BatchConfig = z.output<typeof batchConfigSchema>;
/** What a caller writes for `batch`: every defaulted key is optional. */
export type BatchConfigInput = z.input<typeof batchConfigSchema>;
