import { describeValueType } from "../errors/describe-value-type.js";
import { ResponseError } from "../errors/response-error.js";
import { VectorError } from "../errors/vector-error.js";
import { l2Normalize } from "../vector/vector-math.js";

/**
 * One returned vector, checked: a non-empty list of finite numbers of the expected length (when
 * known). Throws ResponseError naming the input's index otherwise. `subject` says whose vector it
 * is when no input index fits, e.g. "segment 2 of s3://bucket/out/embedding-text.jsonl".
 *
 * @example
 * checkVector([0.6, 0.8], 0, 2, "amazon.titan-embed-text-v2:0"); // [0.6, 0.8]
 */
export function checkVector(
  raw: unknown,
  index: number | undefined,
  expected: number | undefined,
  modelId: string,
  subject = `input ${index}`,
): number[] {
  const label = `The vector for ${subject}`;
  if (!Array.isArray(raw) || raw.length === 0) {
    const received = Array.isArray(raw) ? "an empty list" : describeValueType(raw);
    throw new ResponseError(`${label} is ${received}, not a list of numbers.`, {
      modelId,
      index,
      fix: "Check that the model id and family name an embedding model, and that the endpoint is Bedrock Runtime.",
    });
  }
  const position = firstNonFinite(raw);
  if (position !== undefined) {
    throw new ResponseError(
      `${label} has a non-finite value (${String(raw[position])}) at position ${position}.`,
      {
        modelId,
        index,
        fix: "The model returned invalid numbers; retry, and report the model id and input if it repeats.",
      },
    );
  }
  if (expected !== undefined && raw.length !== expected) {
    throw new ResponseError(`${label} has ${raw.length} dimensions, expected ${expected}.`, {
      modelId,
      index,
      expected,
      actual: raw.length,
      fix: "Check that family and dimensions match the model behind this model id.",
    });
  }
  return raw as number[];
}

/**
 * Makes `vector` unit length client-side when asked and the server did not. A zero vector is a
 * VectorError naming the input. When the server normalized, the vector is kept as returned.
 *
 * @example
 * finishVector([3, 4], 0, true, false); // [0.6, 0.8]
 */
export function finishVector(
  vector: number[],
  index: number | undefined,
  normalize: boolean,
  serverNormalized: boolean,
  subject = `input ${index}`,
): number[] {
  if (!normalize) return vector;
  try {
    if (serverNormalized) {
      if (vector.every((value) => value === 0)) l2Normalize(vector, subject);
      return vector;
    }
    return l2Normalize(vector, subject);
  } catch (error) {
    // Name the input on the error itself, so a batch failure can be traced without parsing text.
    if (!VectorError.isInstance(error)) throw error;
    throw new VectorError(error.message, { index, cause: error });
  }
}

// A plain loop: this runs over every component of every vector embedded.
function firstNonFinite(values: readonly unknown[]): number | undefined {
  for (let position = 0; position < values.length; position++) {
    const value = values[position];
    if (typeof value !== "number" || !Number.isFinite(value)) return position;
  }
  return undefined;
}
