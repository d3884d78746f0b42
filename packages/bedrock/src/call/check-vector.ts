import { assertFiniteVector, l2Normalize, ResponseError, VectorError } from "@bedrock-embeddings/core";
import { describeValue } from "../families/response-shape.js";

/**
 * One returned vector, checked: a non-empty list of finite numbers of the expected length
 * (when known). Throws ResponseError naming the input's index otherwise.
 */
export function checkVector(
  raw: unknown,
  index: number,
  expected: number | undefined,
  modelId: string,
): number[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ResponseError(
      `The vector for input ${index} is ${describeValue(raw)}, not a list of numbers.`,
      {
        modelId,
        index,
      },
    );
  }
  try {
    assertFiniteVector(raw, `The vector for input ${index}`);
  } catch (error) {
    if (!VectorError.isInstance(error)) throw error;
    throw new ResponseError(error.message, { modelId, index, cause: error, fix: error.fix });
  }
  if (expected !== undefined && raw.length !== expected) {
    throw new ResponseError(
      `The vector for input ${index} has ${raw.length} dimensions, expected ${expected}.`,
      {
        modelId,
        index,
        expected,
        actual: raw.length,
        fix: "Check that family and dimensions match the model behind this model id.",
      },
    );
  }
  return raw as number[];
}

/**
 * Makes `vector` unit length client-side when asked and the server did not. A zero vector is a
 * VectorError naming the input. When the server normalized, the vector is kept as returned.
 */
export function finishVector(
  vector: number[],
  index: number,
  normalize: boolean,
  serverNormalized: boolean,
): number[] {
  if (!normalize) return vector;
  try {
    if (serverNormalized) {
      if (vector.every((value) => value === 0)) l2Normalize(vector, `input ${index}`);
      return vector;
    }
    return l2Normalize(vector, `input ${index}`);
  } catch (error) {
    // Name the input on the error itself, so a batch failure can be traced without parsing text.
    if (!VectorError.isInstance(error)) throw error;
    throw new VectorError(error.message, { index, cause: error });
  }
}
