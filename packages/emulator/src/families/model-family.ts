import type { FetchedObject } from "../s3/s3-object-store.js";

/** What a family computes for one valid request. */
export interface FamilyResult {
  /** The JSON body Bedrock returns for this model. */
  body: unknown;
  /** Sent as `x-amzn-bedrock-input-token-count`. */
  inputTokenCount: number;
}

/**
 * What a family may need beyond the body. S3 media sources (`s3Location.uri`) are fetched before `invoke`
 * runs, so families stay synchronous and validate the body before reporting a missing object.
 */
export interface InvocationContext {
  /** The object at `uri`; throws the ValidationException Bedrock would send when it cannot be read. */
  s3Object(uri: string): FetchedObject;
}

/**
 * The family names, one folder each under `families/`, named like the client's families so the two
 * layouts can be read side by side (the emulator still reads AWS's documentation on its own).
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
 * One group of models sharing a request/response format, and the model ids it serves. To serve a new
 * family, add a folder under `families/` whose `index.ts` exports one of these, and list it in
 * `families/served-families.ts`; the served-model lists are derived from there.
 *
 * @example
 * const family: ModelFamily = {
 *   name: "titan-text-v1",
 *   modelIds: ["amazon.titan-embed-text-v1"],
 *   variantIds: { "amazon.titan-embed-text-v1:2:8k": "amazon.titan-embed-text-v1" },
 *   defaultDimension: 1536,
 *   invoke: (body) => ({ body: { embedding: [], inputTextTokenCount: 0 }, inputTokenCount: 0 }),
 * };
 */
export interface ModelFamily {
  readonly name: FamilyName;
  /** Foundation-model ids Bedrock lists for this family, each served under its own name. */
  readonly modelIds: readonly string[];
  /** Versioned variant ids Bedrock also accepts for one of `modelIds`, each mapped to that id. */
  readonly variantIds: Readonly<Record<string, string>>;
  /** Length of the vector a request gets when it asks for no particular dimension. */
  readonly defaultDimension: number;
  /** InvokeModel serves it only through an inference profile, never by its bare id or foundation-model ARN. */
  readonly onDemandNeedsProfile?: boolean;
  /** StartAsyncInvoke accepts it (its job runner lives under `async/`). */
  readonly asyncInvoke?: boolean;
  /** Validates the parsed JSON body like Bedrock does (throwing an AwsServiceError) and builds the response. */
  invoke(body: unknown, context?: InvocationContext): FamilyResult;
}
