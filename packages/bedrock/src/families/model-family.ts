import type {
  AudioFormat,
  EmbeddingType,
  ImageFormat,
  InputModality,
  MemoryAction,
  VideoEmbeddingMode,
  VideoFormat,
} from "@bedrock-embeddings/core";

/**
 * Every family this package can talk to.
 *
 * @example
 * const family: FamilyName = "nova-multimodal";
 */
export type FamilyName =
  | "titan-text-v1"
  | "titan-text-v2"
  | "titan-multimodal"
  | "cohere-v3"
  | "cohere-v4"
  | "nova-multimodal"
  | "marengo-2-7"
  | "marengo-3-0";

/**
 * The `truncate` values the options schema accepts; each family allows a subset.
 *
 * @example
 * MODEL_FAMILIES["cohere-v3"].truncateModes; // ["NONE", "START", "END"]
 */
export type TruncateMode = "NONE" | "START" | "END" | "LEFT" | "RIGHT";

/**
 * Where a family reports input tokens: a response body field or the `x-amzn-bedrock-input-token-count` header.
 *
 * @example
 * MODEL_FAMILIES["titan-text-v2"].tokenSource; // "body"
 */
export type TokenSource = "body" | "header";

/**
 * Settings one request body is built from, already validated against the family.
 *
 * @example
 * const settings: RequestSettings = { dimensions: 512, normalize: true, inputType: "search_query", truncate: undefined };
 */
export interface RequestSettings {
  /** Output dimension to request (the family default when none was configured). */
  dimensions: number;
  normalize: boolean;
  /** The asymmetric mode for this call, for families that have one (Cohere `input_type`). */
  inputType: string | undefined;
  truncate: TruncateMode | undefined;
  /** Encodings to request; undefined means float only (what the text path always asks for). */
  embeddingTypes?: readonly EmbeddingType[];
  /** Nova image `detailLevel`, when configured. */
  detailLevel?: "STANDARD_IMAGE" | "DOCUMENT_IMAGE";
}

/**
 * Output dimension rules of a family.
 *
 * @example
 * MODEL_FAMILIES["cohere-v4"].dimensions; // { default: 1536, allowed: [256, 512, 1024, 1536], fixed: false }
 */
export interface DimensionSpec {
  /** What the model returns when nothing is requested. */
  readonly default: number;
  /** Every value the model accepts (just the default for fixed families). */
  readonly allowed: readonly number[];
  /** True when the dimension cannot be chosen by request. */
  readonly fixed: boolean;
}

/**
 * Per-call and per-text limits, checked before anything is sent.
 *
 * @example
 * MODEL_FAMILIES["cohere-v3"].limits; // { textsPerCall: 96, charactersPerText: 2048, tokensPerText: 512 }
 */
export interface FamilyLimits {
  /** Texts one InvokeModel call can carry. */
  readonly textsPerCall: number;
  /** Unicode code points per text accepted before sending (a pre-send ceiling, not the model's token limit). */
  readonly charactersPerText: number;
  /** The model's documented token limit per text, for messages. */
  readonly tokensPerText: number;
}

/**
 * Media ready for the wire: inline bytes as base64, or an S3 location the model reads itself.
 *
 * @example
 * const media: WireMedia = { format: "png", base64: "iVBORw0KGgo...", byteLength: 68 };
 */
export type WireMedia =
  | { format: string; base64: string; byteLength: number }
  | { format: string; s3Uri: string; bucketOwner: string | undefined };

/**
 * One checked input, ready for a codec to put in a body.
 *
 * @example
 * const input: WireInput = { modality: "text-image", text: "a red shoe", image: media };
 */
export type WireInput =
  | { modality: "text"; text: string }
  | { modality: "image"; image: WireMedia }
  | { modality: "text-image"; text: string; image: WireMedia }
  | { modality: "audio"; audio: WireMedia }
  | { modality: "video"; video: WireMedia; embeddingMode: VideoEmbeddingMode };

/**
 * One embedding as a codec found it in a response, before any checks: the values by encoding,
 * and what the service said it represents (Nova), if it said.
 *
 * @example
 * const raw: RawEmbedding = { content: "AUDIO", byType: { float: [0.1, 0.2] } };
 */
export interface RawEmbedding {
  content?: string;
  byType: Partial<Record<EmbeddingType, unknown>>;
  truncatedCharLength?: number;
}

/**
 * What a codec found in a response: per input of the call, its embeddings (one, or two for a
 * Nova video embedded with AUDIO_VIDEO_SEPARATE), and the input tokens when the body says.
 *
 * @example
 * MODEL_FAMILIES["marengo-3-0"].parseResponse({ data: [{ embedding: [0.1] }] }, id, [input]);
 * // { perInput: [[{ byType: { float: [0.1] } }]], inputTokens: undefined }
 */
export interface ParsedEmbeddings {
  perInput: readonly (readonly RawEmbedding[])[];
  inputTokens: number | undefined;
}

/**
 * Media rules of a family that takes more than text, checked before anything is sent.
 *
 * @example
 * MODEL_FAMILIES["titan-multimodal"].media?.imageBytes; // 25_000_000
 */
export interface MediaLimits {
  readonly imageFormats: readonly ImageFormat[];
  /** Largest image, in bytes as stored (before base64). */
  readonly imageBytes: number;
  /** Largest image size in pixels, when the model has one (checked from PNG/JPEG/GIF/WebP headers). */
  readonly imagePixels: { readonly width: number; readonly height: number } | undefined;
  readonly audioFormats: readonly AudioFormat[];
  readonly videoFormats: readonly VideoFormat[];
  /** Most inline bytes one request may carry after base64 (Nova's 25 MB), when the model says. */
  readonly inlineBase64Bytes: number | undefined;
  /** Largest request body the model takes, for packing several images in one call. */
  readonly requestBytes: number;
  /** True when the model reads media from S3 itself (`s3Uri` sources). */
  readonly s3Sources: boolean;
  /** Media inputs (image, text+image, audio, video) one call can carry. */
  readonly inputsPerCall: number;
}

/**
 * One model family's wire format and rules: how to build a request body, how to read every
 * documented response shape, and its limits. One codec per family, one file per codec.
 *
 * @example
 * const family = MODEL_FAMILIES["cohere-v4"];
 * family.buildBody([{ modality: "text", text: "hello" }], { dimensions: 1536, normalize: true, inputType: "search_query", truncate: undefined });
 */
export interface ModelFamily {
  readonly name: FamilyName;
  /** Model ids (bare, without geo prefix) that belong to this family. */
  readonly modelIds: readonly string[];
  /** True when InvokeModel refuses the bare id and needs an inference profile (Marengo 2.7). */
  readonly onDemandNeedsProfile?: boolean;
  /** True when Bedrock runs batch inference jobs (CreateModelInvocationJob) for this family. */
  readonly batchJobs?: boolean;
  readonly limits: FamilyLimits;
  readonly dimensions: DimensionSpec;
  /** True when the model normalizes itself when asked (`normalize` in the body), so no client pass is needed. */
  readonly serverNormalize: boolean;
  readonly tokenSource: TokenSource;
  /** `truncate` values this family accepts; NONE means "fail on overflow". */
  readonly truncateModes: readonly TruncateMode[];
  /** `inputType` values this family accepts; empty when the family has no asymmetric mode. */
  readonly inputTypes: readonly string[];
  /**
   * The mode picked from the memory action when `inputType` is not configured; `modality` is
   * the content of the call (text when omitted), for families whose mode depends on it (Nova).
   */
  defaultInputType(memoryAction: MemoryAction | undefined, modality?: InputModality): string | undefined;
  /** What `embedInputs` accepts; text-only families accept ["text"]. */
  readonly modalities: readonly InputModality[];
  /** Encodings the family can return; float first. */
  readonly embeddingTypes: readonly EmbeddingType[];
  /** Media rules; undefined for text-only families. */
  readonly media: MediaLimits | undefined;
  /** Values one compact vector holds: `dimension`, or `dimension / 8` where bits are packed. */
  typedLength(type: Exclude<EmbeddingType, "float">, dimension: number): number;
  /**
   * Makes an over-limit text fit before sending, when truncation is configured. Families whose
   * server truncates by itself return the text unchanged.
   */
  fitText(text: string, truncate: TruncateMode): string;
  /** The body of one call: inputs of a single modality, at most the family's per-call count. */
  buildBody(inputs: readonly WireInput[], settings: RequestSettings): Record<string, unknown>;
  /**
   * Every documented response shape, one entry list per input of the call; throws ResponseError
   * naming what was found when the body has none of them.
   */
  parseResponse(body: unknown, modelId: string, inputs: readonly WireInput[]): ParsedEmbeddings;
}
