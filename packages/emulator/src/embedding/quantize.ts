/** The embedding encodings Cohere models can return. */
export type CohereEmbeddingType = "float" | "int8" | "uint8" | "binary" | "ubinary";

/** Converts a float vector into one of Cohere's encodings (per-vector scaling, bit-packed binary). */
export function encodeEmbedding(vector: readonly number[], type: CohereEmbeddingType): number[] {
  switch (type) {
    case "float":
      return [...vector];
    case "int8":
      return scaled(vector).map((value) => clamp(Math.round(value * 127), -128, 127));
    case "uint8":
      return scaled(vector).map((value) => clamp(Math.round((value + 1) * 127.5), 0, 255));
    case "ubinary":
      return packSignBits(vector);
    case "binary":
      // Cohere's signed binary is the unsigned packing shifted into the int8 range.
      return packSignBits(vector).map((byte) => byte - 128);
  }
}

/** One 0/1 per dimension, the way Titan Text Embeddings V2 reports `binary`. */
export function signBits(vector: readonly number[]): number[] {
  return vector.map((value) => (value > 0 ? 1 : 0));
}

function scaled(vector: readonly number[]): number[] {
  const largest = Math.max(...vector.map(Math.abs));
  return largest === 0 ? vector.map(() => 0) : vector.map((value) => value / largest);
}

function packSignBits(vector: readonly number[]): number[] {
  const bytes: number[] = [];
  for (let start = 0; start < vector.length; start += 8) {
    let byte = 0;
    for (let offset = 0; offset < 8; offset += 1) {
      byte = (byte << 1) | ((vector[start + offset] ?? 0) > 0 ? 1 : 0);
    }
    bytes.push(byte);
  }
  return bytes;
}

function clamp(value: number, minimum: number, maximum: number): number {
  return Math.min(maximum, Math.max(minimum, value));
}
