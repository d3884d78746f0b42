/** How one task ended; `skipped` when it was never started because the run was stopped. */
export type BoundedResult<T> =
  | { status: "fulfilled"; value: T }
  | { status: "rejected"; reason: unknown }
  | { status: "skipped" };

/**
 * A small promise pool: runs `task(0..count-1)` with at most `concurrency` in flight, starting
 * them in index order, and returns their results by index whatever order they finish in.
 * Once `shouldStop()` is true no new task starts; tasks in flight are awaited.
 *
 * @example
 * const results = await runBounded(10, 3, (i) => fetchPage(i), () => false);
 */
export async function runBounded<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
  shouldStop: () => boolean = () => false,
): Promise<BoundedResult<T>[]> {
  const results: BoundedResult<T>[] = Array.from({ length: count }, () => ({ status: "skipped" }));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count && !shouldStop()) {
      const index = next++;
      try {
        results[index] = { status: "fulfilled", value: await task(index) };
      } catch (reason) {
        results[index] = { status: "rejected", reason };
      }
    }
  };
  const workers = Math.max(1, Math.min(concurrency, count));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
