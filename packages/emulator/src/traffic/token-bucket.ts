// Refills are computed in floating point; this much shortfall still counts as a whole token.
const epsilon = 1e-9;

/**
 * A token bucket that starts full, holds `capacity` tokens and refills at `refillPerSecond`. Times are
 * milliseconds from any monotonic clock, passed in so tests can drive the clock.
 *
 * A request needing more than the capacity may go when the bucket is full and leaves it in debt, so large
 * requests are not starved and the long-run rate still holds.
 */
export class TokenBucket {
  readonly capacity: number;
  readonly refillPerSecond: number;
  #level: number;
  #updatedAt: number;

  constructor(capacity: number, refillPerSecond: number, nowMs: number) {
    this.capacity = capacity;
    this.refillPerSecond = refillPerSecond;
    this.#level = capacity;
    this.#updatedAt = nowMs;
  }

  /** Tokens in the bucket at `nowMs`; negative while a large request's debt is being repaid. */
  level(nowMs: number): number {
    this.#refill(nowMs);
    return this.#level;
  }

  canTake(amount: number, nowMs: number): boolean {
    return this.secondsUntilAvailable(amount, nowMs) === 0;
  }

  /** Removes `amount` tokens; call only after `canTake` said yes. */
  take(amount: number, nowMs: number): void {
    this.#refill(nowMs);
    this.#level -= amount;
  }

  /** Seconds until `amount` could be taken (0 when it can be now). */
  secondsUntilAvailable(amount: number, nowMs: number): number {
    this.#refill(nowMs);
    const missing = Math.min(amount, this.capacity) - this.#level;
    return missing <= epsilon ? 0 : missing / this.refillPerSecond;
  }

  #refill(nowMs: number): void {
    if (nowMs <= this.#updatedAt) return;
    const refilled = ((nowMs - this.#updatedAt) / 1000) * this.refillPerSecond;
    this.#level = Math.min(this.capacity, this.#level + refilled);
    this.#updatedAt = nowMs;
  }
}
