/**
 * Time as an embedder sees it: a monotonic `now` in milliseconds and an abortable `sleep`, for
 * the scheduler's pacing, the retry back-off and every timing. Injected so tests run on a
 * virtual clock and never wait for real.
 *
 * @example
 * const clock: Clock = realClock();
 * await clock.sleep(100, signal);
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with `signal.reason` as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The wall clock: `performance.now()` and `setTimeout`.
 *
 * @example
 * const clock = realClock();
 * const started = clock.now();
 */
export function realClock(): Clock {
  return { now: () => performance.now(), sleep: abortableSleep };
}

/**
 * `setTimeout` as a promise that an AbortSignal can cut short (rejecting with its reason).
 *
 * @example
 * await abortableSleep(250, controller.signal);
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
