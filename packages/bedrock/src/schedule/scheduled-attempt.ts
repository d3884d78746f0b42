import { BedrockEmbeddingsError, classifyError } from "@bedrock-embeddings/core";
import type { AttemptOutcome, CallScheduler } from "./call-scheduler.js";

/**
 * What one scheduled attempt needs: the embedder's scheduler (absent: send at once), the estimated
 * input tokens for a tokens-per-minute budget, and the caller's abort signal.
 *
 * @example
 * const slot: AttemptSlot = { scheduler, tokens: 120, signal };
 */
export interface AttemptSlot {
  scheduler?: CallScheduler | undefined;
  tokens?: number | undefined;
  signal?: AbortSignal | undefined;
  /**
   * Told, before the attempt's slot is freed, of an error that fails every call (auth, access,
   * a bad model id), so the batch can stop before another call takes the slot.
   */
  onDoomed?: ((error: unknown) => void) | undefined;
}

/**
 * Runs one attempt when the scheduler lets it go, and tells the scheduler how it ended: a
 * throttle slows the send rate, a success lets it grow. `inputTokensOf` reads the service's token
 * count from a success, to correct the budget's estimate.
 *
 * @example
 * const result = await scheduledAttempt(slot, () => invokeModel(client, id, body, timeout, signal), (r) => r.inputTokenCount);
 */
export async function scheduledAttempt<T>(
  slot: AttemptSlot,
  attempt: () => Promise<T>,
  inputTokensOf: (value: T) => number | undefined = () => undefined,
): Promise<T> {
  if (!slot.scheduler) return attempt();
  const permit = await slot.scheduler.acquire({ tokens: slot.tokens, signal: slot.signal });
  try {
    const value = await attempt();
    permit.finish({ kind: "success", inputTokens: inputTokensOf(value) });
    return value;
  } catch (error) {
    if (slot.onDoomed && !BedrockEmbeddingsError.isInstance(error) && classifyError(error).failsEveryCall) {
      slot.onDoomed(error);
    }
    permit.finish(outcomeOf(error, slot.signal));
    throw error;
  }
}

function outcomeOf(error: unknown, signal: AbortSignal | undefined): AttemptOutcome {
  // An abort or the library's own error (a bad body) says nothing about the quota.
  if (signal?.aborted || BedrockEmbeddingsError.isInstance(error)) return { kind: "failed" };
  return classifyError(error).throttling ? { kind: "throttled" } : { kind: "failed" };
}
