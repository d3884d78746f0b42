import { checkVector, finishVector } from "@bedrock-embeddings/core";

/**
 * One segment's vector, checked as every returned vector is (core's `checkVector`: a non-empty
 * list of finite numbers, of the expected length when known; ResponseError otherwise) and made
 * unit length when `normalize` is on (a zero vector is a VectorError). Errors name `label`.
 *
 * @example
 * segmentVector([3, 4], "segment 0 of s3://bucket/out/embedding-text.jsonl", undefined, true, modelId); // [0.6, 0.8]
 */
export function segmentVector(
  raw: unknown,
  label: string,
  expected: number | undefined,
  normalize: boolean,
  modelId: string,
): number[] {
  const vector = checkVector(raw, undefined, expected, modelId, label);
  return finishVector(vector, undefined, normalize, false, label);
}

/** A finite number field, or undefined. */
export function optionalNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** A non-empty string field, or undefined. */
export function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The value as a plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
