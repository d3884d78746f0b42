import { createHash } from "node:crypto";

/**
 * A digest of a vector's exact float64 values, or "" when the vector is missing or invalid (wrong
 * length, or a value that is not a finite number). Two digests are equal only when the vectors are
 * equal element for element, so runs can be compared without shipping the vectors between processes.
 *
 * @example
 * digestVector([0.1, 0.2], 2); // "5f1c..."; digestVector(undefined, 2) === ""
 */
export function digestVector(vector: readonly number[] | undefined, dimension: number): string {
  if (!Array.isArray(vector) || vector.length !== dimension) return "";
  const values = Float64Array.from(vector);
  for (const value of values) if (!Number.isFinite(value)) return "";
  return createHash("sha256").update(new Uint8Array(values.buffer)).digest("base64url").slice(0, 24);
}
