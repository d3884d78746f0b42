/**
 * How one task ended; `skipped` when it was never started because the run was stopped.
 *
 * @example
 * const result: BoundedResult<number> = { status: "fulfilled", value: 1 };
 */
export type BoundedResult<T> =
  | { status: "fulfilled"; value: T }
  | { status: "rejected"; reason: unknown }
  | { status: "skipped" };

/**
 * A FIFO concurrency limit that several runs can share, so one embedder never has more than
 * `concurrency` calls in flight however many `embed`/`embedBatch` calls overlap.
 *
 * @example
 * const limiter = createLimiter(4);
 * await limiter.run(() => send(request));
 */
export interface Limiter {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** The most tasks that run at once. */
  readonly concurrency: number;
}

/**
 * A Limiter letting at most `concurrency` tasks run at once; waiting tasks start in arrival order.
 * Throws RangeError unless `concurrency` is a positive integer.
 *
 * @example
 * const limiter = createLimiter(4);
 * await Promise.all(texts.map((text) => limiter.run(() => send(text))));
 */
export function createLimiter(concurrency: number): Limiter {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active--;
    const next = waiting.shift();
    if (next) {
      active++;
      next();
    }
  };
  return {
    concurrency,
    get active() {
      return active;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < concurrency) active++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

/**
 * Runs `task(0..count-1)` through `limiter` (or a fresh limit of that many), starting them in
 * index order, and returns results by index whatever order they finish in. Once `shouldStop()`
 * is true, tasks not yet started are skipped; tasks in flight are awaited.
 *
 * @example
 * const results = await runBounded(10, 3, (i) => fetchPage(i));
 */
export async function runBounded<T>(
  count: number,
  limiter: Limiter | number,
  task: (index: number) => Promise<T>,
  shouldStop: () => boolean = () => false,
): Promise<BoundedResult<T>[]> {
  const limit = typeof limiter === "number" ? createLimiter(limiter) : limiter;
  return Promise.all(
    Array.from({ length: count }, (_unused, index) =>
      limit.run(async (): Promise<BoundedResult<T>> => {
        if (shouldStop()) return { status: "skipped" };
        try {
          return { status: "fulfilled", value: await task(index) };
        } catch (reason) {
          return { status: "rejected", reason };
        }
      }),
    ),
  );
}
