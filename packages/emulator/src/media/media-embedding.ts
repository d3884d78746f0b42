import { fnv1a, mix32 } from "../embedding/fnv1a.js";

// Like the text model: unrelated inputs keep a small positive cosine (about this value), as real models do.
const sharedDirectionCosine = 0.2;
const chunkBytes = 64;
// Past this many chunks the input is sampled at a stride, so a 25 MB upload still embeds in milliseconds.
const maxHashedChunks = 16_384;

/**
 * A deterministic vector for media bytes: each 64-byte chunk is hashed (seeded by `salt`, which carries the
 * modality and options) into a signed feature-hashing vector. Identical bytes and options give identical
 * vectors; different bytes give nearly unrelated ones. Unit length, float32 precision.
 */
export function embedBytes(bytes: Uint8Array, dimensions: number, salt: string): number[] {
  const vector = new Float64Array(dimensions);
  const seed = fnv1a(`media:${salt}`);
  const chunkCount = Math.ceil(bytes.length / chunkBytes);
  const stride = Math.max(1, Math.ceil(chunkCount / maxHashedChunks));
  for (let chunk = 0; chunk < chunkCount; chunk += stride) {
    const start = chunk * chunkBytes;
    const hash = hashChunk(bytes, start, Math.min(bytes.length, start + chunkBytes), seed);
    addFeature(vector, hash);
  }
  // Empty input (or features that cancel out) still gets a stable non-zero vector.
  if (norm(vector) === 0) addFeature(vector, mix32(seed ^ 0x9e3779b9));
  return finish(vector);
}

/** The mean of several vectors (e.g. text and image of one request), rescaled to unit length. */
export function combineVectors(vectors: readonly (readonly number[])[]): number[] {
  const first = vectors[0];
  if (!first) throw new Error("combineVectors needs at least one vector");
  const sum = new Float64Array(first.length);
  for (const vector of vectors) {
    vector.forEach((value, index) => {
      sum[index] = (sum[index] ?? 0) + value;
    });
  }
  const length = norm(sum) || 1;
  return Array.from(sum, (value) => Number((value / length).toPrecision(7)));
}

function hashChunk(bytes: Uint8Array, start: number, end: number, seed: number): number {
  let hash = seed;
  for (let index = start; index < end; index += 1) {
    hash = Math.imul(hash ^ (bytes[index] ?? 0), 0x01000193);
  }
  return mix32(hash >>> 0);
}

function addFeature(vector: Float64Array, hash: number): void {
  const index = hash % vector.length;
  const sign = mix32(hash ^ 0x5bd1e995) & 1 ? 1 : -1;
  vector[index] = (vector[index] ?? 0) + sign;
}

function norm(vector: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < vector.length; index += 1) sum += (vector[index] ?? 0) ** 2;
  return Math.sqrt(sum);
}

function finish(vector: Float64Array): number[] {
  const length = norm(vector);
  const lexicalWeight = Math.sqrt(1 - sharedDirectionCosine);
  const sharedWeight = Math.sqrt(sharedDirectionCosine / vector.length);
  const mixed = Array.from(vector, (value, index) => {
    const sign = mix32(index + 1) & 1 ? 1 : -1;
    return lexicalWeight * (value / length) + sign * sharedWeight;
  });
  const mixedLength = norm(mixed);
  return mixed.map((value) => Number((value / mixedLength).toPrecision(7)));
}
