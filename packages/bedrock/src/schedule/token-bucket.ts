const SHORTFALL_EPSILON = 1e-6;

/**
 * A token bucket for a configured budget (requests or tokens per minute): `capacity` tokens at
 * most, refilled at `perMinute / 60_000` tokens per millisecond. Taking more than is there is
 * allowed once the bucket is full (a single request larger than the bucket still goes out), and
 * leaves a debt that later refills pay back, so the long-run rate never exceeds the budget.
 *
 * @example
 * const bucket = new TokenBucket(600, 10, 0); // 600 per minute, bursts of 10
 * bucket.waitMs(1, 0); // 0
 * bucket.take(1, 0);
 */
export class TokenBucket {
  readonly #perMs: number;
  readonly capacity: number;
  #level: number;
  #updatedAt: number;

  constructor(perMinute: number, capacity: number, now: number) {
    if (!(perMinute > 0) || !(capacity > 0)) {
      throw new RangeError(`a token bucket needs a positive rate and capacity, got ${perMinute}/${capacity}`);
    }
    this.#perMs = perMinute / 60_000;
    this.capacity = capacity;
    this.#level = capacity;
    this.#updatedAt = now;
  }

  /** Tokens available at `now` (negative while a debt is being paid back). */
  level(now: number): number {
    this.#refill(now);
    return this.#level;
  }

  /** Milliseconds until `amount` can be taken: until the bucket holds it, or is full if it never can. */
  waitMs(amount: number, now: number): number {
    const needed = Math.min(amount, this.capacity) - this.level(now);
    // Refills are floating point: a shortfall this small is a whole token already.
    return needed <= SHORTFALL_EPSILON ? 0 : needed / this.#perMs;
  }

  take(amount: number, now: number): void {
    this.#refill(now);
    this.#level -= amount;
  }

  /** Corrects an estimate once the real amount is known (positive: more was used). */
  adjust(difference: number, now: number): void {
    this.#refill(now);
    this.#level = Math.min(this.capacity, this.#level - difference);
  }

  #refill(now: number): void {
    if (now > this.#updatedAt) {
      this.#level = Math.min(this.capacity, this.#level + (now - this.#updatedAt) * this.#perMs);
      this.#updatedAt = now;
    }
  }
}
