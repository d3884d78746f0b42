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
 * At most `limit` tasks running at once, shared by every caller of `run`; waiting tasks start in
 * arrival order.
 *
 * @example
 * const limiter = new ConcurrencyLimiter(4);
 * await Promise.all(texts.map((text) => limiter.run(() => send(text))));
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async run<Result>(task: () => Promise<Result>): Promise<Result> {
    if (this.active < this.limit) this.active++;
    // A finishing task hands its slot straight to the next waiter, so `active` stays the same.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * Runs `work` over `items` through `limiter`, as a sliding window (a new call starts as soon as
 * one finishes). After the first failure no new call starts; calls already in flight are awaited,
 * so nothing is left running when this returns. Results keep input order.
 *
 * @example
 * const outcome = await boundedMap(texts, new ConcurrencyLimiter(4), (text) => embedOne(text));
 */
export async function boundedMap<Item, Result>(
  items: readonly Item[],
  limiter: ConcurrencyLimiter,
  work: (item: Item, index: number) => Promise<Result>,
): Promise<BoundedMapResult<Result>> {
  const results = new Array<Result>(items.length);
  const failures: ItemFailure[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (failures.length === 0 && next < items.length) {
      const index = next++;
      try {
        await limiter.run(async () => {
          // The slot may have been waited for while another item of this batch failed.
          if (failures.length === 0) results[index] = await work(items[index]!, index);
        });
      } catch (error) {
        failures.push({ index, error });
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limiter.limit), items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failures.length > 0)
    return { ok: false, failures: failures.sort((left, right) => left.index - right.index) };
  return { ok: true, results };
}
