import { fnv1a, mix32 } from "./fnv1a.js";
import { textFeatures, tokenizeWords } from "./text-features.js";

/**
 * Deterministic stand-in for a real embedding model: signed feature hashing of word unigrams and
 * character trigrams. Texts that share words get a high cosine similarity; unrelated texts land near 0.
 */
export function embedText(text: string, dimensions: number, options: { normalize: boolean }): number[] {
  const direction = unitDirection(text, dimensions);
  const length = options.normalize ? 1 : unnormalizedLength(text);
  // Seven significant digits is what a float32 carries; it keeps response bodies realistic in size.
  return Array.from(direction, (component) => Number((component * length).toPrecision(7)));
}

function unitDirection(text: string, dimensions: number): Float64Array {
  const vector = hashFeatures(text, dimensions);
  let norm = euclideanNorm(vector);
  if (norm === 0) {
    // No features (empty or punctuation-only text) or features that cancelled out: still answer with a
    // stable non-zero vector so clients never divide by zero.
    addFeature(vector, `empty:${text}`, 1);
    norm = euclideanNorm(vector);
  }
  return vector.map((component) => component / norm);
}

function hashFeatures(text: string, dimensions: number): Float64Array {
  const vector = new Float64Array(dimensions);
  for (const { feature, weight } of textFeatures(text)) addFeature(vector, feature, weight);
  return vector;
}

function addFeature(vector: Float64Array, feature: string, weight: number): void {
  const hash = fnv1a(feature);
  const index = hash % vector.length;
  const sign = mix32(hash) & 1 ? 1 : -1;
  vector[index] = (vector[index] ?? 0) + sign * weight;
}

function euclideanNorm(vector: Float64Array): number {
  let sumOfSquares = 0;
  for (const component of vector) sumOfSquares += component * component;
  return Math.sqrt(sumOfSquares);
}

/** Models without server-side normalization return longer vectors for longer texts, between 2 and 50. */
export function unnormalizedLength(text: string): number {
  return Math.min(50, 2 + 3 * Math.log2(1 + tokenizeWords(text).length));
}
