/** One item whose work failed. */
export interface ItemFailure {
  index: number;
  error: unknown;
}

/** Every item's result in input order, or the failures when any item failed. */
export type BoundedMapResult<Result> =
  | { ok: true; results: Result[] }
  | { ok: false; failures: ItemFailure[] };

/**
 * Runs `work` over `items` with at most `limit` calls in flight, as a sliding window (a new call
 * starts as soon as one finishes). After the first failure no new call starts; calls already in
 * flight are awaited, so nothing is left running when this returns. Results keep input order.
 *
 * @example
 * const outcome = await boundedMap(texts, 4, (text) => embedOne(text));
 */
export async function boundedMap<Item, Result>(
  items: readonly Item[],
  limit: number,
  work: (item: Item, index: number) => Promise<Result>,
): Promise<BoundedMapResult<Result>> {
  const results = new Array<Result>(items.length);
  const failures: ItemFailure[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (failures.length === 0 && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failures.push({ index, error });
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit), items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failures.length > 0)
    return { ok: false, failures: failures.sort((left, right) => left.index - right.index) };
  return { ok: true, results };
}
