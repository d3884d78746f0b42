/**
 * A vector as OpenAI's `encoding_format: "base64"`: little-endian float32 values, base64.
 *
 * @example
 * encodeVectorBase64([1, 0]); // "AACAPwAAAAA="
 */
export function encodeVectorBase64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (const [position, value] of vector.entries()) bytes.writeFloatLE(value, position * 4);
  return bytes.toString("base64");
}
