import { VectorError } from "@bedrock-embeddings/core";

/**
 * A float32 vector in pgvector's text form. Nine significant digits identify every float32 value,
 * so the server stores exactly these values (shorter than the 17 digits of a double).
 *
 * @example
 * toVectorText(Float32Array.of(0.1, -2)); // "[0.100000001,-2.00000000]"
 */
export function toVectorText(vector: Float32Array, label = "the vector"): string {
  const parts = new Array<string>(vector.length);
  for (let position = 0; position < vector.length; position++) {
    const value = vector[position]!;
    if (!Number.isFinite(value)) {
      throw new VectorError(`${label} has a value beyond the float32 range at position ${position}.`, {
        fix: "Vectors are stored as float32 (at most about 3.4e38 in size); normalize the vector.",
      });
    }
    parts[position] = value.toPrecision(9);
  }
  return `[${parts.join(",")}]`;
}

/**
 * The components of pgvector's text form, each the float32 value the server holds.
 *
 * @example
 * parseVectorText("[0.1,-2]"); // [Math.fround(0.1), -2]
 */
export function parseVectorText(text: string): number[] {
  if (!text.startsWith("[") || !text.endsWith("]")) {
    throw new VectorError(`PostgreSQL returned ${JSON.stringify(text.slice(0, 40))}, not a pgvector vector.`);
  }
  const inner = text.slice(1, -1);
  if (inner === "") return [];
  return inner.split(",").map((part) => Math.fround(Number(part)));
}
