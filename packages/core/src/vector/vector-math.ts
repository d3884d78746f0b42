import { VectorError } from "../errors/vector-error.js";

/** Any numeric vector the helpers accept: plain arrays and float typed arrays. */
export type NumericVector = ArrayLike<number>;

/**
 * Throws a VectorError unless every component is a finite number.
 *
 * @example
 * assertFiniteVector([0.1, 0.2]); // ok
 */
export function assertFiniteVector(vector: NumericVector, label = "vector"): void {
  for (let position = 0; position < vector.length; position++) {
    const value = vector[position];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new VectorError(`${label} has a non-finite value (${String(value)}) at position ${position}.`, {
        fix: "The model returned invalid numbers; retry, and report the model id and input if it repeats.",
      });
    }
  }
}

/** Euclidean length. */
export function vectorNorm(vector: NumericVector): number {
  let sum = 0;
  for (let position = 0; position < vector.length; position++) {
    const value = vector[position]!;
    sum += value * value;
  }
  return Math.sqrt(sum);
}

/**
 * A copy of `vector` scaled to unit length. NaN, infinities and the zero vector are errors:
 * a zero vector has no direction, and silently returning it would corrupt cosine search.
 *
 * @example
 * l2Normalize([3, 4]); // [0.6, 0.8]
 */
export function l2Normalize(vector: NumericVector, label = "vector"): number[] {
  assertFiniteVector(vector, label);
  const norm = vectorNorm(vector);
  if (norm === 0) {
    throw new VectorError(`${label} is all zeros and cannot be normalized.`, {
      fix: "Check that the input text is not empty; a zero vector carries no meaning.",
    });
  }
  return Array.from(vector, (value) => value / norm);
}

/**
 * Sum of products. Both vectors must have the same length.
 *
 * @example
 * dotProduct([1, 2], [3, 4]); // 11
 */
export function dotProduct(left: NumericVector, right: NumericVector): number {
  assertSameLength(left, right);
  let sum = 0;
  for (let position = 0; position < left.length; position++) sum += left[position]! * right[position]!;
  if (!Number.isFinite(sum))
    throw new VectorError("The dot product is not finite; a vector holds NaN or an infinity.");
  return sum;
}

/**
 * Cosine of the angle between two vectors, in [-1, 1].
 *
 * @example
 * cosineSimilarity([1, 0], [1, 1]); // 0.7071...
 */
export function cosineSimilarity(left: NumericVector, right: NumericVector): number {
  assertFiniteVector(left, "left vector");
  assertFiniteVector(right, "right vector");
  const product = dotProduct(left, right);
  const norms = vectorNorm(left) * vectorNorm(right);
  if (norms === 0) throw new VectorError("Cosine similarity is undefined for a zero vector.");
  return Math.max(-1, Math.min(1, product / norms));
}

function assertSameLength(left: NumericVector, right: NumericVector): void {
  if (left.length !== right.length) {
    throw new VectorError(`Vector lengths differ: ${left.length} and ${right.length}.`, {
      fix: "Compare vectors from the same model and dimension setting.",
    });
  }
}
