/** What a family computes for one valid request. */
export interface FamilyResult {
  /** The JSON body Bedrock returns for this model. */
  body: unknown;
  /** Sent as `x-amzn-bedrock-input-token-count`. */
  inputTokenCount: number;
}

/**
 * One group of models sharing a request/response format. To serve a new family, add a module in
 * `families/` implementing this and list its model ids in `models/served-models.ts`.
 */
export interface ModelFamily {
  /** Validates the parsed JSON body like Bedrock does (throwing an AwsServiceError) and builds the response. */
  invoke(body: unknown): FamilyResult;
}
