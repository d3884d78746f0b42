import { InputError } from "@bedrock-embeddings/core";
import type { KeyLimits, LimitDecision, LimitWindow } from "./rate-limit-store.js";

/** The length of one rate-limit window. */
export const WINDOW_MILLISECONDS = 60_000;

/**
 * The one-minute window a moment falls in: its number (minutes since the epoch) and the whole
 * seconds left in it (at least 1, so a retry-after is never 0).
 *
 * @example
 * currentWindow(90_500); // { index: 1, resetSeconds: 30 }
 */
export function currentWindow(nowMilliseconds: number): { index: number; resetSeconds: number } {
  const index = Math.floor(nowMilliseconds / WINDOW_MILLISECONDS);
  const endsAt = (index + 1) * WINDOW_MILLISECONDS;
  return { index, resetSeconds: Math.max(1, Math.ceil((endsAt - nowMilliseconds) / 1000)) };
}

/**
 * Requests and tokens counted in one key's current window.
 *
 * @example
 * const used: WindowUsage = { requests: 3, tokens: 1_200 };
 */
export interface WindowUsage {
  requests: number;
  tokens: number;
}

/**
 * The budget one more request of `tokens` tokens would overrun, or undefined when it fits both.
 * Requests are checked first, so a key over both budgets reads "requests".
 *
 * @example
 * exceededBudget({ requestsPerMinute: 2 }, { requests: 2, tokens: 0 }, 10); // "requests"
 */
export function exceededBudget(
  limits: KeyLimits,
  used: WindowUsage,
  tokens: number,
): "requests" | "tokens" | undefined {
  if (limits.requestsPerMinute !== undefined && used.requests + 1 > limits.requestsPerMinute)
    return "requests";
  if (limits.tokensPerMinute !== undefined && used.tokens + tokens > limits.tokensPerMinute) return "tokens";
  return undefined;
}

/**
 * The decision to hand back, from the usage after it (counted when allowed, unchanged when refused).
 *
 * @example
 * describeDecision({ requestsPerMinute: 2 }, { requests: 1, tokens: 5 }, undefined, 30);
 * // { allowed: true, requests: { limit: 2, remaining: 1, resetSeconds: 30 } }
 */
export function describeDecision(
  limits: KeyLimits,
  used: WindowUsage,
  exceeded: "requests" | "tokens" | undefined,
  resetSeconds: number,
): LimitDecision {
  const window = (limit: number | undefined, spent: number): LimitWindow | undefined =>
    limit === undefined ? undefined : { limit, remaining: Math.max(0, limit - spent), resetSeconds };
  const decision: LimitDecision = { allowed: exceeded === undefined };
  const requests = window(limits.requestsPerMinute, used.requests);
  const tokens = window(limits.tokensPerMinute, used.tokens);
  if (requests) decision.requests = requests;
  if (tokens) decision.tokens = tokens;
  if (exceeded) {
    decision.exceeded = exceeded;
    decision.retryAfterSeconds = resetSeconds;
  }
  return decision;
}

/**
 * Refuses arguments no store can count: budgets and token counts are whole numbers of 0 or more.
 *
 * @example
 * checkTakeArguments("key-hash", { requestsPerMinute: 60 }, 12); // passes
 */
export function checkTakeArguments(keyId: string, limits: KeyLimits, tokens: number): void {
  if (typeof keyId !== "string" || keyId === "") {
    throw new InputError("the rate-limit key id is empty.", { fix: "Pass the hash of the API key." });
  }
  const counts: [string, number | undefined][] = [
    ["requestsPerMinute", limits.requestsPerMinute],
    ["tokensPerMinute", limits.tokensPerMinute],
    ["tokens", tokens],
  ];
  for (const [name, value] of counts) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
      throw new InputError(`${name} must be a whole number of 0 or more, got ${value}.`);
    }
  }
}
