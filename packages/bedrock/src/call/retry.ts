import { classifyError, type ErrorClassification } from "@bedrock-embeddings/core";

/** Timing of the one retry layer; `sleep` and `random` are injectable so tests never wait. */
export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  /** First backoff ceiling; doubles per attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1). */
  random: () => number;
}

export const DEFAULT_BASE_DELAY_MS = 200;
export const DEFAULT_MAX_DELAY_MS = 20_000;

/**
 * How a retried operation ended. `aborted` when the signal stopped it: `error` is then the
 * signal's reason.
 *
 * @example
 * const outcome = await runWithRetry(send, policy, isOwnError);
 * if (!outcome.ok && !outcome.aborted) report(outcome.classification);
 */
export type RetryOutcome<T> =
  | { ok: true; value: T; attempts: number }
  | {
      ok: false;
      error: unknown;
      classification: ErrorClassification | undefined;
      attempts: number;
      aborted?: boolean;
    };

/** Called after every failed attempt, retried or not. */
export type AttemptFailureListener = (
  classification: ErrorClassification | undefined,
  attempt: number,
) => void;

/**
 * Full-jitter exponential backoff: a uniform wait in [0, min(max, base * 2^(attempt-1))),
 * stretched to the server's `retry-after` hint when that is longer, never beyond `maxDelayMs`.
 *
 * @example
 * backoffDelay(3, policy, undefined); // somewhere in [0, 800) with base 200
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, hintMs: number | undefined): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = policy.random() * ceiling;
  return Math.min(policy.maxDelayMs, Math.max(jittered, hintMs ?? 0));
}

/**
 * Runs `operation` until it succeeds, fails with an error that is not retryable, or uses up
 * `maxAttempts`: the one retry layer (the SDK client makes a single attempt). Errors the library
 * raised itself (bad responses) are never retried. An aborted `signal` ends it at once, during an
 * attempt or a backoff, without counting the abort as a failed attempt. Never throws: the
 * outcome says how it ended.
 *
 * @example
 * const outcome = await runWithRetry(() => send(), policy, (error) => isOwnError(error), undefined, signal);
 */
export async function runWithRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  isLibraryError: (error: unknown) => boolean,
  onFailure?: AttemptFailureListener,
  signal?: AbortSignal,
): Promise<RetryOutcome<T>> {
  const aborted = (attempts: number): RetryOutcome<T> => ({
    ok: false,
    error: signal?.reason,
    classification: undefined,
    attempts,
    aborted: true,
  });
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) return aborted(attempt - 1);
    try {
      return { ok: true, value: await operation(attempt), attempts: attempt };
    } catch (error) {
      // The abort itself ends the run; an attempt that failed on its own still reports why.
      if (signal?.aborted && (error === signal.reason || isAbortError(error))) return aborted(attempt);
      const classification = isLibraryError(error) ? undefined : classifyError(error);
      onFailure?.(classification, attempt);
      if (!classification?.retryable || attempt >= policy.maxAttempts) {
        return { ok: false, error, classification, attempts: attempt };
      }
      if (signal?.aborted) return aborted(attempt);
      try {
        await sleepUnlessAborted(policy, backoffDelay(attempt, policy, classification.retryAfterMs), signal);
      } catch {
        return aborted(attempt);
      }
    }
  }
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

/** The policy's sleep, cut short (rejecting) when `signal` aborts. */
function sleepUnlessAborted(policy: RetryPolicy, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return policy.sleep(ms);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    policy.sleep(ms).then(
      () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
