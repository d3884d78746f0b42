import { endianness } from "node:os";

// The log stores float32 little-endian. On little-endian machines (nearly all) bytes are copied as
// they are; the per-value path keeps the format portable to big-endian ones.
const LITTLE_ENDIAN_MACHINE = endianness() === "LE";

/**
 * Writes `values` into `target` at byte `at` as float32 little-endian.
 *
 * @example
 * writeFloat32Bytes(frame, 64, new Float32Array([0.6, 0.8]));
 */
export function writeFloat32Bytes(target: Buffer, at: number, values: Float32Array): void {
  if (LITTLE_ENDIAN_MACHINE) {
    target.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), at);
    return;
  }
  for (let position = 0; position < values.length; position++) {
    target.writeFloatLE(values[position]!, at + position * 4);
  }
}

/**
 * An arena chunk seen both as float32 values and as bytes (made once per chunk, so copying a vector
 * into it allocates nothing).
 *
 * @example
 * const values = new Float32Array(4096 * 1024);
 * const chunk: Float32Chunk = { values, bytes: new Uint8Array(values.buffer) };
 */
export interface Float32Chunk {
  values: Float32Array;
  bytes: Uint8Array;
}

/**
 * Reads `count` float32 little-endian values from `source` at byte `at` into `target` from index
 * `targetIndex`. Called for every vector on open.
 *
 * @example
 * readFloat32Bytes(frameBytes, 64, chunk, slotInChunk * dimension, dimension);
 */
export function readFloat32Bytes(
  source: Buffer,
  at: number,
  target: Float32Chunk,
  targetIndex: number,
  count: number,
): void {
  if (LITTLE_ENDIAN_MACHINE) {
    source.copy(target.bytes, targetIndex * 4, at, at + count * 4);
    return;
  }
  for (let position = 0; position < count; position++) {
    target.values[targetIndex + position] = source.readFloatLE(at + position * 4);
  }
}
