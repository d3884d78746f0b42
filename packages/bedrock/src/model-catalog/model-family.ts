import type { MemoryAction } from "@bedrock-embeddings/core";

/**
 * Every family this package can talk to. Later families (Titan multimodal, Nova, Marengo) extend this union.
 *
 * @example
 * const family: FamilyName = "cohere-v4";
 */
export type FamilyName = "titan-text-v1" | "titan-text-v2" | "cohere-v3" | "cohere-v4";

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
}

/**
 * What a codec found in a response body: one raw entry per text, checked later by the caller.
 *
 * @example
 * MODEL_FAMILIES["titan-text-v1"].parseResponse({ embedding: [0.1], inputTextTokenCount: 2 }, id);
 * // { vectors: [[0.1]], inputTokens: 2 }
 */
export interface ParsedResponse {
  vectors: readonly unknown[];
  /** Token count from the body, when the family reports it there. */
  inputTokens: number | undefined;
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
 * One model family's wire format and rules: how to build a request body, how to read every
 * documented response shape, and its limits. One codec per family, one file per codec.
 *
 * @example
 * const family = MODEL_FAMILIES["cohere-v4"];
 * family.buildBody(["hello"], { dimensions: 1536, normalize: true, inputType: "search_query", truncate: undefined });
 */
export interface ModelFamily {
  readonly name: FamilyName;
  /** Model ids (bare, without geo prefix) that belong to this family. */
  readonly modelIds: readonly string[];
  readonly limits: FamilyLimits;
  readonly dimensions: DimensionSpec;
  /** True when the model normalizes itself when asked (`normalize` in the body), so no client pass is needed. */
  readonly serverNormalize: boolean;
  readonly tokenSource: TokenSource;
  /** `truncate` values this family accepts; NONE means "fail on overflow". */
  readonly truncateModes: readonly TruncateMode[];
  /** `inputType` values this family accepts; empty when the family has no asymmetric mode. */
  readonly inputTypes: readonly string[];
  /** The mode picked from the memory action when `inputType` is not configured. */
  defaultInputType(memoryAction: MemoryAction | undefined): string | undefined;
  /**
   * Makes an over-limit text fit before sending, when truncation is configured. Families whose
   * server truncates by itself return the text unchanged.
   */
  fitText(text: string, truncate: TruncateMode): string;
  buildBody(texts: readonly string[], settings: RequestSettings): Record<string, unknown>;
  /** Throws ResponseError naming what was found when the body has none of the documented shapes. */
  parseResponse(body: unknown, modelId: string): ParsedResponse;
}
