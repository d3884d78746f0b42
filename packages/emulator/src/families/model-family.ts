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
 * One group of models sharing a request/response format. To serve a new family, add a module in
 * `families/` implementing this and list its model ids in `models/served-models.ts`.
 */
export interface ModelFamily {
  /** Validates the parsed JSON body like Bedrock does (throwing an AwsServiceError) and builds the response. */
  invoke(body: unknown, context?: InvocationContext): FamilyResult;
}
