import { fnv1a, mix32 } from "./fnv1a.js";
import { textFeatures, tokenizeWords } from "./text-features.js";

// Real embedding models are anisotropic: texts with nothing in common still score about 0.1-0.3, and
// similarity thresholds in apps (e.g. 0.1) are tuned to that. Mixing one fixed direction into every vector
// reproduces it: two texts with no shared feature get a cosine of about this value.
const sharedDirectionCosine = 0.2;

/**
 * Deterministic stand-in for a real embedding model: signed feature hashing of word unigrams and
 * character trigrams, plus a small shared direction. Texts that share words get a high cosine similarity;
 * unrelated texts land near 0.2.
 */
export function embedText(text: string, dimensions: number, options: { normalize: boolean }): number[] {
  const direction = withSharedDirection(lexicalDirection(text, dimensions));
  const length = options.normalize ? 1 : unnormalizedLength(text);
  // Seven significant digits is what a float32 carries; it keeps response bodies realistic in size.
  return Array.from(direction, (component) => Number((component * length).toPrecision(7)));
}

function lexicalDirection(text: string, dimensions: number): Float64Array {
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

function withSharedDirection(lexical: Float64Array): Float64Array {
  const lexicalWeight = Math.sqrt(1 - sharedDirectionCosine);
  const sharedWeight = Math.sqrt(sharedDirectionCosine / lexical.length);
  // The shared direction is a fixed ±1/sqrt(dimensions) sign pattern, so it touches every dimension equally.
  const mixed = lexical.map((component, index) => {
    const sign = mix32(index + 1) & 1 ? 1 : -1;
    return lexicalWeight * component + sign * sharedWeight;
  });
  const norm = euclideanNorm(mixed);
  return mixed.map((component) => component / norm);
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
