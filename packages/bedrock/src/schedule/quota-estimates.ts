/**
 * One send as the controller tracks it, from `sent` until its outcome is reported.
 *
 * @example
 * const record = controller.sent(now);
 * controller.onSuccess(record, later, true);
 */
export interface SendRecord {
  readonly sentAt: number;
  outcome: "pending" | "success" | "throttled" | "other";
}

/**
 * A lower bound on the quota's rate at the first throttle. The quota let every success so far
 * through: at most its initial burst plus its rate over the time elapsed; taking the burst as
 * `burstSeconds` of the rate gives this bound. Calls sent before `sentAt` and still out were let
 * through too (their answers lag), so they count.
 *
 * @example
 * firstThrottleBound(records, 12, 0, 175, 1); // about 10 (calls per second)
 */
export function firstThrottleBound(
  records: readonly SendRecord[],
  successes: number,
  firstSentAt: number,
  sentAt: number,
  burstSeconds: number,
): number {
  const elapsedSeconds = (sentAt - firstSentAt) / 1000;
  const outstanding = records.filter(
    (record) => record.sentAt < sentAt && record.outcome === "pending",
  ).length;
  return (successes + outstanding) / (elapsedSeconds + burstSeconds);
}

/**
 * The quota's rate from an episode of throttles: with the server's bucket empty from the first
 * throttle (`start`) to the latest (`end`), only the quota's rate got through in between, so the
 * calls sent in that span that succeeded (or are still out, which keeps the estimate on the high
 * side, as does `prior`) over the span estimate it. Undefined for a span under `minSpanMs`.
 *
 * @example
 * episodeEstimate(records, 1000, 2000, 1, 50); // calls per second
 */
export function episodeEstimate(
  records: readonly SendRecord[],
  start: number,
  end: number,
  prior: number,
  minSpanMs: number,
): number | undefined {
  // Sends older than the records kept cannot be counted, so the span starts no earlier.
  const from = Math.max(start, records[0]?.sentAt ?? start);
  const span = end - from;
  if (span < minSpanMs) return undefined;
  let passed = 0;
  for (const record of records) {
    if (record.sentAt <= from || record.sentAt >= end) continue;
    if (record.outcome === "success" || record.outcome === "pending") passed++;
  }
  return ((passed + prior) / span) * 1000;
}

/**
 * Calls sent per second over the last `windowMs` (records in send order), or undefined with
 * fewer than `minCount` sends to tell from.
 *
 * @example
 * sentRate(records, now, 250, 8); // calls per second
 */
export function sentRate(
  records: readonly SendRecord[],
  now: number,
  windowMs: number,
  minCount: number,
): number | undefined {
  let count = 0;
  for (let position = records.length - 1; position >= 0; position--) {
    if (records[position]!.sentAt < now - windowMs) break;
    count++;
  }
  return count < minCount ? undefined : (count / windowMs) * 1000;
}
