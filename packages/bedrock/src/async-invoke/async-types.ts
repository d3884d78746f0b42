/**
 * What kind of media an S3 object holds.
 *
 * @example
 * const type: AsyncMediaType = "video";
 */
export type AsyncMediaType = "video" | "audio" | "image" | "text";

/**
 * An object already in S3, and what it is. `format` defaults to the file extension
 * (Nova needs it: mp4, mov, mp3, wav, png, ...); `bucketOwner` is the account that owns the bucket.
 *
 * @example
 * const clip: S3MediaInput = { s3Uri: "s3://media/intro.mp4", type: "video" };
 */
export interface S3MediaInput {
  s3Uri: string;
  type: AsyncMediaType;
  format?: string;
  bucketOwner?: string;
}

/**
 * What to embed: a (long) text given inline, or an S3 object. Nova takes inline text only from
 * S3, so it is uploaded first (under `inputS3Uri`); Marengo takes inline text as is.
 *
 * @example
 * const input: AsyncEmbeddingInput = { s3Uri: "s3://media/podcast.mp3", type: "audio" };
 */
export type AsyncEmbeddingInput = string | S3MediaInput;

/**
 * Segmentation: fixed-length pieces, or (Marengo) dynamic shot-based pieces of at least a minimum length.
 *
 * @example
 * const segmentation: Segmentation = { method: "fixed", durationSec: 5 };
 */
export type Segmentation =
  | { method: "fixed"; durationSec: number }
  | { method: "dynamic"; minDurationSec: number };

/**
 * Per-request model options. Nova: `embeddingPurpose`, `dimensions`, `truncationMode`,
 * `maxLengthChars` (text segments), `segmentation` (fixed seconds), `embeddingMode`, `detailLevel`.
 * Marengo: `embeddingOptions`, `segmentation`, `startSec`/`endSec`; 3.0 also `embeddingScopes`
 * and `embeddingTypes`. Options another family does not have are refused, not ignored.
 *
 * @example
 * const options: AsyncModelOptions = { embeddingPurpose: "GENERIC_INDEX", segmentation: { method: "fixed", durationSec: 10 } };
 */
export interface AsyncModelOptions {
  embeddingPurpose?: string;
  dimensions?: number;
  truncationMode?: "START" | "END" | "NONE";
  maxLengthChars?: number;
  segmentation?: Segmentation;
  embeddingMode?: "AUDIO_VIDEO_COMBINED" | "AUDIO_VIDEO_SEPARATE";
  detailLevel?: "STANDARD_IMAGE" | "DOCUMENT_IMAGE";
  embeddingOptions?: string[];
  embeddingScopes?: ("clip" | "asset")[];
  embeddingTypes?: ("separate_embedding" | "fused_embedding")[];
  startSec?: number;
  endSec?: number;
}

/**
 * One StartAsyncInvoke request. `model` defaults to the client's; `outputS3Uri` to its default.
 *
 * @example
 * await client.startAsyncEmbedding({ input: { s3Uri: "s3://media/intro.mp4", type: "video" }, outputS3Uri: "s3://media/embeddings/" });
 */
export interface StartAsyncEmbeddingRequest {
  input: AsyncEmbeddingInput;
  model?: string;
  /** Needed for ARNs that do not name the model (application inference profiles). */
  family?: string;
  outputS3Uri?: string;
  options?: AsyncModelOptions;
  /** Idempotency token; a generated one is sent (and returned) when not given. */
  clientRequestToken?: string;
  tags?: Record<string, string>;
}

/**
 * A started invocation. Keep `invocationArn` to fetch the results later, from any process.
 *
 * @example
 * const { invocationArn } = await client.startAsyncEmbedding(request);
 */
export interface StartedAsyncEmbedding {
  invocationArn: string;
  clientRequestToken: string;
  modelId: string;
  /** Where inline text was uploaded, when it was. */
  uploadedInputUri?: string;
}

/**
 * GetAsyncInvoke's answer, with the output folder resolved.
 *
 * @example
 * const { status, failureMessage } = await client.getAsyncEmbedding(arn); // "InProgress" | "Completed" | "Failed"
 */
export interface AsyncInvocationStatus {
  invocationArn: string;
  status: string;
  failureMessage: string | undefined;
  modelArn: string | undefined;
  clientRequestToken: string | undefined;
  submitTime: Date | undefined;
  lastModifiedTime: Date | undefined;
  endTime: Date | undefined;
  /** `s3OutputDataConfig.s3Uri` as the service reports it. */
  outputS3Uri: string | undefined;
}

/**
 * One embedded piece of the input, in input order. Text segments carry character offsets
 * (zero-based start; `endChar` as the service reports it), media segments carry seconds.
 *
 * @example
 * const segment: EmbeddingSegment = { embedding: [0.1, 0.2], embeddingType: "TEXT", segmentIndex: 0, startChar: 0, endChar: 799 };
 */
export interface EmbeddingSegment {
  embedding: number[];
  /** Nova: TEXT, IMAGE, VIDEO, AUDIO or AUDIO_VIDEO_COMBINED. */
  embeddingType?: string;
  /** Marengo: visual-text, visual-image, audio (2.7); visual, audio, transcription, fused (3.0). */
  embeddingOption?: string;
  /** Marengo 3.0: clip or asset. */
  scope?: string;
  segmentIndex?: number;
  startChar?: number;
  endChar?: number;
  truncatedCharLength?: number;
  startSec?: number;
  endSec?: number;
}

/**
 * A part of the input the service could not embed: a whole modality (no `segmentIndex`) or one segment.
 *
 * @example
 * const failure: SegmentFailure = { embeddingType: "AUDIO", segmentIndex: 4, reason: "INVALID_CONTENT", message: "..." };
 */
export interface SegmentFailure {
  embeddingType?: string;
  segmentIndex?: number;
  reason: string;
  message: string;
}

/**
 * The results of a completed invocation. `failures` is non-empty for a partial success: the
 * segments that worked are kept, and nothing is dropped without a failure saying so.
 *
 * @example
 * const { segments, failures } = await client.fetchAsyncEmbeddingResults(arn);
 */
export interface AsyncEmbeddingResult {
  invocationArn: string;
  status: string;
  modelId: string;
  /** The folder the results were read from (`<outputS3Uri>/<invocationId>`). */
  outputS3Uri: string;
  dimension: number | undefined;
  segments: EmbeddingSegment[];
  failures: SegmentFailure[];
}
