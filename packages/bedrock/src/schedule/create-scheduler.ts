import { CallScheduler } from "./call-scheduler.js";
import type { Clock } from "./clock.js";
import { RateController } from "./rate-controller.js";
import type { RateTuning } from "./rate-tuning.js";
import { TokenBucket } from "./token-bucket.js";

/**
 * The scheduling options of one embedder, validated.
 *
 * @example
 * const limits: ScheduleSettings = { adaptive: true, initialConcurrency: 4, maxConcurrency: 64, requestsPerMinute: 600, tokensPerMinute: undefined };
 */
export interface ScheduleSettings {
  adaptive: boolean;
  initialConcurrency: number;
  maxConcurrency: number;
  requestsPerMinute: number | undefined;
  tokensPerMinute: number | undefined;
}

/**
 * The scheduler of one embedder: an adaptive (or fixed) rate controller plus token buckets for
 * the configured budgets, each holding one second of its budget (a burst of at least one).
 *
 * @example
 * const scheduler = createScheduler({ adaptive: true, initialConcurrency: 4, maxConcurrency: 64, requestsPerMinute: undefined, tokensPerMinute: 300_000 }, realClock());
 */
export function createScheduler(
  settings: ScheduleSettings,
  clock: Clock,
  tuning: Partial<RateTuning> = {},
): CallScheduler {
  const { requestsPerMinute, tokensPerMinute } = settings;
  const controller = new RateController(
    {
      adaptive: settings.adaptive,
      initialConcurrency: settings.initialConcurrency,
      maxConcurrency: settings.maxConcurrency,
      maxRate: requestsPerMinute === undefined ? undefined : requestsPerMinute / 60,
    },
    tuning,
  );
  const now = clock.now();
  return new CallScheduler(controller, clock, {
    requests: requestsPerMinute === undefined ? undefined : budgetBucket(requestsPerMinute, now),
    tokens: tokensPerMinute === undefined ? undefined : budgetBucket(tokensPerMinute, now),
  });
}

/** One second of the budget as burst, at least one unit (a single call or token). */
export function budgetBucket(perMinute: number, now: number): TokenBucket {
  return new TokenBucket(perMinute, Math.max(1, perMinute / 60), now);
}
