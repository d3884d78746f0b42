import type { LimitDecision } from "../limits/rate-limit-store.js";

/**
 * OpenAI's `x-ratelimit-*` headers for a key with limits: limit, remaining and reset (as `12s`)
 * for requests and for tokens, each only when that budget is set.
 *
 * @example
 * rateLimitHeaders({ allowed: true, requests: { limit: 60, remaining: 59, resetSeconds: 12 } });
 * // { "x-ratelimit-limit-requests": "60", "x-ratelimit-remaining-requests": "59", "x-ratelimit-reset-requests": "12s" }
 */
export function rateLimitHeaders(decision: LimitDecision): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const budget of ["requests", "tokens"] as const) {
    const window = decision[budget];
    if (!window) continue;
    headers[`x-ratelimit-limit-${budget}`] = String(window.limit);
    headers[`x-ratelimit-remaining-${budget}`] = String(Math.max(0, window.remaining));
    headers[`x-ratelimit-reset-${budget}`] = `${window.resetSeconds}s`;
  }
  return headers;
}
