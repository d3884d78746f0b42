const FLOAT32 = 4;
const FLOAT64 = 8;

/**
 * The bytes of one vector in Redis: a width byte (4 or 8) then the values as little-endian
 * float32, or float64 when float32 would change a value. Vectors of float32 values (the common
 * case for anything that came back as float32) take half the space; every vector reads back bit
 * for bit as it was stored.
 *
 * @example
 * encodeVectorBytes([0.5, -1]).length; // 9: one width byte, two float32 values
 */
export function encodeVectorBytes(vector: readonly number[]): Buffer {
  const width = vector.every((value) => Math.fround(value) === value || Number.isNaN(value))
    ? FLOAT32
    : FLOAT64;
  const bytes = Buffer.alloc(1 + vector.length * width);
  bytes[0] = width;
  vector.forEach((value, position) => {
    if (width === FLOAT32) bytes.writeFloatLE(value, 1 + position * FLOAT32);
    else bytes.writeDoubleLE(value, 1 + position * FLOAT64);
  });
  return bytes;
}

/**
 * The vector in `bytes`, or undefined when they are not an `encodeVectorBytes` result.
 *
 * @example
 * decodeVectorBytes(encodeVectorBytes([0.1])); // [0.1]
 */
export function decodeVectorBytes(bytes: Uint8Array): number[] | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = buffer[0];
  if ((width !== FLOAT32 && width !== FLOAT64) || buffer.length < 1 + width) return undefined;
  if ((buffer.length - 1) % width !== 0) return undefined;
  const vector = new Array<number>((buffer.length - 1) / width);
  for (let position = 0; position < vector.length; position++) {
    const offset = 1 + position * width;
    vector[position] = width === FLOAT32 ? buffer.readFloatLE(offset) : buffer.readDoubleLE(offset);
  }
  return vector;
}
