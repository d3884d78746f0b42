/** One InvokeModel call's share of a batch: positions in the list that was planned. */
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

/**
 * How full one call may get.
 *
 * @example
 * const limits: PackingLimits = { textsPerCall: 96, bytesPerCall: 8_000_000, tokensPerCall: 5000 };
 */
export interface PackingLimits {
  /** Texts the model takes in one call. */
  textsPerCall: number;
  /** UTF-8 bytes of text per call, well under the service's request size limit. */
  bytesPerCall?: number | undefined;
  /** Estimated input tokens per call (set from a tokens-per-minute budget, so one call fits it). */
  tokensPerCall?: number | undefined;
}

/**
 * Text bytes per call by default: Bedrock caps a request body (Cohere v4 documents about 20 MB);
 * staying far below it leaves room for JSON escaping and other fields.
 */
export const DEFAULT_BYTES_PER_CALL = 8_000_000;

const encoder = new TextEncoder();

/**
 * A rough input-token estimate (about four characters a token, rounded up), for pacing a
 * tokens-per-minute budget before the service reports the real count.
 *
 * @example
 * estimateTokens("hello world"); // 4
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4) + 1;
}

/**
 * Packs texts into as few calls as the model allows, in input order: a call closes when one more
 * text would exceed the count, byte or token limit. A single text over a size limit still gets
 * a call of its own (the service decides about it, and only that text can fail).
 *
 * @example
 * packCalls(["a", "b", "c"], { textsPerCall: 2 }).map((call) => call.indexes); // [[0, 1], [2]]
 */
export function packCalls(texts: readonly string[], limits: PackingLimits): PlannedCall[] {
  const { textsPerCall } = limits;
  if (!Number.isInteger(textsPerCall) || textsPerCall < 1)
    throw new RangeError(`textsPerCall must be a positive integer, got ${textsPerCall}`);
  const maxBytes = limits.bytesPerCall ?? DEFAULT_BYTES_PER_CALL;
  const maxTokens = limits.tokensPerCall ?? Number.POSITIVE_INFINITY;
  const calls: PlannedCall[] = [];
  let current: number[] = [];
  let bytes = 0;
  let tokens = 0;
  texts.forEach((text, index) => {
    // Single-text families never need the byte count.
    const size = textsPerCall === 1 ? 0 : encoder.encode(text).length;
    const estimate = estimateTokens(text);
    const full =
      current.length >= textsPerCall ||
      (current.length > 0 && (bytes + size > maxBytes || tokens + estimate > maxTokens));
    if (full) {
      calls.push({ indexes: current });
      current = [];
      bytes = 0;
      tokens = 0;
    }
    current.push(index);
    bytes += size;
    tokens += estimate;
  });
  if (current.length > 0) calls.push({ indexes: current });
  return calls;
}
