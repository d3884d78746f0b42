import type { EmbeddingBase } from "@bedrock-embeddings/core";
import { type CheckResult, failedCheck } from "./doctor-check.js";

/** The text of the one tiny call the model access check makes. */
const PROBE_TEXT = "bedrock-embeddings doctor";

/**
 * Embeds one short text with the configured embedder: proves credentials, model access and the
 * model id in one call. Returns the vector's length for the store check.
 *
 * @example
 * const { result, dimension } = await checkModelAccess(embedder);
 */
export async function checkModelAccess(
  embedder: EmbeddingBase,
): Promise<{ result: CheckResult; dimension: number | undefined }> {
  const started = Date.now();
  try {
    const vector = await embedder.embed(PROBE_TEXT);
    return {
      result: {
        check: "model access",
        status: "ok",
        detail: `${embedder.modelId} answered one call with a ${vector.length}-dimensional vector (${Date.now() - started} ms)`,
      },
      dimension: vector.length,
    };
  } catch (error) {
    return {
      result: failedCheck(
        "model access",
        error,
        "Check the model id (bedrock-embeddings models), the region, and that your credentials may call bedrock:InvokeModel.",
      ),
      dimension: undefined,
    };
  }
}
