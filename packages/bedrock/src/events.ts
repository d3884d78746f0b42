import type { FamilyName } from "./families/model-family.js";

/**
 * One InvokeModel call as it ended (after any retries), passed to the `onCall` hook.
 *
 * @example
 * new BedrockEmbedder({ model: "cohere.embed-v4:0", region: "us-east-1", onCall: (event) => metrics.push(event) });
 */
export interface BedrockCallEvent {
  modelId: string;
  family: FamilyName;
  /** Input indexes (in the embedBatch call) this call carried. */
  indexes: readonly number[];
  ok: boolean;
  /** Input tokens as reported (body field or header); undefined when not reported. */
  inputTokens: number | undefined;
  /**
   * Estimated USD cost of this call from the dated price table (see `estimateCostUsd`); absent
   * when the call was not answered or the model has no known price.
   */
  estimatedCostUsd?: number;
  /** Attempts made, the first included. */
  attempts: number;
  retries: number;
  /** Attempts that failed with throttling or quota errors. */
  throttles: number;
  /** From the first attempt to the end, backoff included. */
  durationMs: number;
  /** Request id of the last response. */
  requestId: string | undefined;
  /** HTTP status of the last response; undefined when no response arrived (network error, timeout). */
  httpStatus: number | undefined;
  /** Why the call failed, when it did. */
  error?: Error;
}
