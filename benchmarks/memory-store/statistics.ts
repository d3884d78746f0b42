/**
 * Percentiles of a list of timings (nearest rank).
 *
 * @example
 * summarize([3, 1, 2]); // { p50: 2, p95: 3, count: 3 }
 */
export function summarize(samples: readonly number[]): { p50: number; p95: number; count: number } {
  const sorted = [...samples].sort((left, right) => left - right);
  const at = (fraction: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
  return { p50: at(0.5), p95: at(0.95), count: sorted.length };
}

/**
 * Milliseconds since `start` (a `performance.now()` value).
 *
 * @example
 * const start = performance.now(); work(); elapsed(start);
 */
export function elapsed(start: number): number {
  return performance.now() - start;
}
