import { type Limiter, runBounded } from "@bedrock-embeddings/core";

/**
 * One item whose work failed.
 *
 * @example
 * const failure: ItemFailure = { index: 2, error: new Error("throttled") };
 */
export interface ItemFailure {
  index: number;
  error: unknown;
}

/**
 * Every item's result in input order, or the failures when any item failed.
 *
 * @example
 * if (!outcome.ok) throw outcome.failures[0]?.error;
 */
export type BoundedMapResult<Result> =
  | { ok: true; results: Result[] }
  | { ok: false; failures: ItemFailure[] };

/**
 * Runs `work` over `items` through `limiter` (core's one bounded-concurrency primitive). After the
 * first failure no new call starts; calls already in flight are awaited, so nothing is left running
 * when this returns. Results keep input order; failures are sorted by index.
 *
 * @example
 * const outcome = await boundedMap(texts, createLimiter(4), (text) => embedOne(text));
 */
export async function boundedMap<Item, Result>(
  items: readonly Item[],
  limiter: Limiter,
  work: (item: Item, index: number) => Promise<Result>,
): Promise<BoundedMapResult<Result>> {
  let failed = false;
  const outcomes = await runBounded(
    items.length,
    limiter,
    async (index) => {
      try {
        return await work(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    },
    () => failed,
  );
  const failures: ItemFailure[] = [];
  const results: Result[] = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.status === "rejected") failures.push({ index, error: outcome.reason });
    else if (outcome.status === "fulfilled") results.push(outcome.value);
  });
  return failures.length > 0 ? { ok: false, failures } : { ok: true, results };
}
