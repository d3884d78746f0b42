/**
 * Per-minute budgets of one API key; absent = unlimited.
 *
 * @example
 * const limits: KeyLimits = { requestsPerMinute: 600, tokensPerMinute: 200_000 };
 */
export interface KeyLimits {
  requestsPerMinute?: number | undefined;
  tokensPerMinute?: number | undefined;
}

/**
 * One budget's state after a decision, for the x-ratelimit-* headers.
 *
 * @example
 * const window: LimitWindow = { limit: 600, remaining: 599, resetSeconds: 42 };
 */
export interface LimitWindow {
  limit: number;
  remaining: number;
  /** Whole seconds until the current one-minute window ends and the budget is full again. */
  resetSeconds: number;
}

/**
 * What a `RateLimitStore` decided about one request.
 *
 * @example
 * const decision: LimitDecision = { allowed: false, exceeded: "tokens", retryAfterSeconds: 17 };
 */
export interface LimitDecision {
  allowed: boolean;
  /** Present when requestsPerMinute is set. */
  requests?: LimitWindow | undefined;
  /** Present when tokensPerMinute is set. */
  tokens?: LimitWindow | undefined;
  /** Seconds until the refused budget frees up (for retry-after); set when !allowed. */
  retryAfterSeconds?: number | undefined;
  /** Which budget refused: "requests" | "tokens"; set when !allowed. */
  exceeded?: "requests" | "tokens" | undefined;
}

/**
 * Counts requests and tokens per API key in fixed one-minute windows (aligned to the clock's
 * minutes, so a key may spend up to twice its budget across a window boundary; simple and the same
 * on every replica).
 *
 * @example
 * const decision = await store.take(keyId, { requestsPerMinute: 60 }, 120);
 * if (!decision.allowed) respond(429, { "retry-after": String(decision.retryAfterSeconds) });
 */
export interface RateLimitStore {
  /**
   * Counts one request of `tokens` estimated tokens for `keyId` (a hash, never the key) against
   * `limits`; a refused request is not counted. Atomic across replicas for the Redis store.
   */
  take(keyId: string, limits: KeyLimits, tokens: number): Promise<LimitDecision>;
  close(): Promise<void>;
}
