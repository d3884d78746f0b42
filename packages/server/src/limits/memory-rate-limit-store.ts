import {
  checkTakeArguments,
  currentWindow,
  describeDecision,
  exceededBudget,
  type WindowUsage,
} from "./fixed-window.js";
import type { KeyLimits, LimitDecision, RateLimitStore } from "./rate-limit-store.js";

/**
 * Options of `MemoryRateLimitStore`.
 *
 * @example
 * const options: MemoryRateLimitStoreOptions = { now: () => Date.now() };
 */
export interface MemoryRateLimitStoreOptions {
  /** The clock in milliseconds since the epoch; tests pass a fake one. Defaults to Date.now. */
  now?: () => number;
}

/**
 * Per-key budgets in this process, in fixed one-minute windows: each replica counts on its own
 * (use `RedisRateLimitStore` to share budgets across replicas). Holds one small record per key id.
 *
 * @example
 * const store = new MemoryRateLimitStore();
 * const decision = await store.take(keyId, { requestsPerMinute: 60, tokensPerMinute: 10_000 }, 250);
 * decision.allowed; // true until the minute's budget is spent
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #now: () => number;
  readonly #windows = new Map<string, WindowUsage & { index: number }>();

  constructor(options: MemoryRateLimitStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  async take(keyId: string, limits: KeyLimits, tokens: number): Promise<LimitDecision> {
    checkTakeArguments(keyId, limits, tokens);
    const { index, resetSeconds } = currentWindow(this.#now());
    let usage = this.#windows.get(keyId);
    if (usage === undefined || usage.index !== index) {
      usage = { index, requests: 0, tokens: 0 };
      this.#windows.set(keyId, usage);
    }
    const exceeded = exceededBudget(limits, usage, tokens);
    if (exceeded === undefined) {
      usage.requests += 1;
      usage.tokens += tokens;
    }
    return describeDecision(limits, usage, exceeded, resetSeconds);
  }

  async close(): Promise<void> {
    this.#windows.clear();
  }
}
