/** `--format`: floats as a JSON array, or little-endian float32 bytes in base64. */
export type VectorFormat = "json" | "base64";

/** How `embed` writes a vector: `--format` and, for JSON, `--precision` (decimal places). */
export interface VectorEncoding {
  format: VectorFormat;
  precision: number | undefined;
}

/**
 * One output line of `embed`: `{"index":0,"line":1,"dimension":1024,"vector":[...]}` (`line`
 * only for stdin input), or with `--format base64` `"vectorBase64":"..."` in place of `vector`
 * (little-endian float32, 4 bytes a number: numpy `frombuffer(b64decode(s), "<f4")`).
 *
 * @example
 * vectorLine(0, 1, [0.123456789, -0.5], { format: "json", precision: 4 });
 * // '{"index":0,"line":1,"dimension":2,"vector":[0.1235,-0.5]}\n'
 */
export function vectorLine(
  index: number,
  line: number | undefined,
  vector: readonly number[],
  encoding: VectorEncoding,
): string {
  const where = { index, ...(line === undefined ? {} : { line }), dimension: vector.length };
  const written =
    encoding.format === "base64"
      ? { vectorBase64: float32Base64(vector) }
      : { vector: encoding.precision === undefined ? vector : rounded(vector, encoding.precision) };
  return `${JSON.stringify({ ...where, ...written })}\n`;
}

function rounded(vector: readonly number[], decimals: number): number[] {
  const scale = 10 ** decimals;
  // Dividing the rounded integer gives the double nearest the short decimal, which JSON prints short.
  return vector.map((value) => Math.round(value * scale) / scale);
}

function float32Base64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, position) => {
    bytes.writeFloatLE(value, position * 4);
  });
  return bytes.toString("base64");
}
