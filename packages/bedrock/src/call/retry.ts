import { classifyError, type ErrorClassification } from "./classify-error.js";

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

/** Waits `ms` milliseconds on a real timer. */
export function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export type RetryOutcome<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; error: unknown; classification: ErrorClassification | undefined; attempts: number };

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
 * `maxAttempts`. Errors the library raised itself (bad responses) are never retried.
 * Never throws: the outcome says how it ended.
 */
export async function runWithRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  isLibraryError: (error: unknown) => boolean,
  onFailure?: AttemptFailureListener,
): Promise<RetryOutcome<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, value: await operation(attempt), attempts: attempt };
    } catch (error) {
      const classification = isLibraryError(error) ? undefined : classifyError(error);
      onFailure?.(classification, attempt);
      if (!classification?.retryable || attempt >= policy.maxAttempts) {
        return { ok: false, error, classification, attempts: attempt };
      }
      await policy.sleep(backoffDelay(attempt, policy, classification.retryAfterMs));
    }
  }
}
