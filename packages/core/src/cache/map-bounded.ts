/**
 * `work` over every item with at most `limit` running at once, results in item order. The first
 * failure rejects the whole map once running work has settled, so no file write is left half-watched.
 *
 * @example
 * const sizes = await mapBounded(files, 16, (file) => stat(file).then((s) => s.size));
 */
export async function mapBounded<Item, Result>(
  items: readonly Item[],
  limit: number,
  work: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
  const results = new Array<Result>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.min(limit, items.length) }, worker);
  const settled = await Promise.allSettled(workers);
  const rejection = settled.find((outcome) => outcome.status === "rejected");
  if (rejection) throw rejection.reason;
  return results;
}
