import { assertFiniteVector, l2Normalize, ResponseError, VectorError } from "@bedrock-embeddings/core";

/**
 * One segment's vector, checked (a non-empty list of finite numbers, of the expected length when
 * known) and made unit length when `normalize` is on. Throws ResponseError naming `label`.
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
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ResponseError(`${label} has no embedding list.`, {
      modelId,
      fix: "The output is not in the documented shape; check the model id and the output location.",
    });
  }
  if (expected !== undefined && raw.length !== expected) {
    throw new ResponseError(`${label} has ${raw.length} dimensions, expected ${expected}.`, {
      modelId,
      expected,
      actual: raw.length,
    });
  }
  try {
    assertFiniteVector(raw, label);
    return normalize ? l2Normalize(raw, label) : (raw as number[]);
  } catch (error) {
    if (!VectorError.isInstance(error)) throw error;
    throw new ResponseError(error.message, { modelId, cause: error, fix: error.fix });
  }
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
