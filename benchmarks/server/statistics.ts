/**
 * Percentiles of a list of timings (nearest rank), in the unit given.
 *
 * @example
 * percentiles([3, 1, 2]); // { p50: 2, p99: 3, count: 3 }
 */
export function percentiles(samples: readonly number[]): { p50: number; p99: number; count: number } {
  const sorted = [...samples].sort((left, right) => left - right);
  const at = (fraction: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
  return { p50: at(0.5), p99: at(0.99), count: sorted.length };
}

/**
 * The median of a list of numbers.
 *
 * @example
 * median([5, 1, 3]); // 3
 */
export function median(values: readonly number[]): number {
  return percentiles(values).p50;
}
