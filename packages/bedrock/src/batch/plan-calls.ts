/** One InvokeModel call's share of a batch: consecutive input indexes. */
export interface PlannedCall {
  indexes: number[];
}

/**
 * Splits `count` inputs into calls of at most `perCall`, in input order.
 *
 * @example
 * planCalls(200, 96).map((call) => call.indexes.length); // [96, 96, 8]
 */
export function planCalls(count: number, perCall: number): PlannedCall[] {
  if (!Number.isInteger(perCall) || perCall < 1)
    throw new RangeError(`perCall must be a positive integer, got ${perCall}`);
  const calls: PlannedCall[] = [];
  for (let start = 0; start < count; start += perCall) {
    const end = Math.min(count, start + perCall);
    calls.push({ indexes: Array.from({ length: end - start }, (_unused, offset) => start + offset) });
  }
  return calls;
}
