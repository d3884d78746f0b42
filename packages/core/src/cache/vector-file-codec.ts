import { createHash } from "node:crypto";

const MAGIC = "BEV1";
const HEADER_BYTES = 8;
const CHECKSUM_BYTES = 8;

/**
 * The bytes of one cached vector: `BEV1`, the count (uint32 LE), the values as float64 LE
 * (exact, so a cached vector equals the fresh one bit for bit), then the first 8 bytes of the
 * sha256 of everything before. The checksum lets a reader reject a file that a crash or a full
 * disk left short or zero-filled, without an fsync per write.
 *
 * @example
 * decodeVector(encodeVector([0.25, -0.5])); // [0.25, -0.5]
 */
export function encodeVector(vector: readonly number[]): Buffer {
  const bytes = Buffer.alloc(HEADER_BYTES + vector.length * 8 + CHECKSUM_BYTES);
  bytes.write(MAGIC, 0, "latin1");
  bytes.writeUInt32LE(vector.length, 4);
  vector.forEach((value, position) => {
    bytes.writeDoubleLE(value, HEADER_BYTES + position * 8);
  });
  const payloadEnd = bytes.length - CHECKSUM_BYTES;
  checksum(bytes.subarray(0, payloadEnd)).copy(bytes, payloadEnd);
  return bytes;
}

/**
 * The vector in `bytes`, or undefined when they are not a complete, intact `encodeVector` result.
 *
 * @example
 * decodeVector(Buffer.alloc(3)); // undefined
 */
export function decodeVector(bytes: Uint8Array): number[] | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < HEADER_BYTES + CHECKSUM_BYTES) return undefined;
  if (buffer.toString("latin1", 0, 4) !== MAGIC) return undefined;
  const count = buffer.readUInt32LE(4);
  if (buffer.length !== HEADER_BYTES + count * 8 + CHECKSUM_BYTES) return undefined;
  const payloadEnd = buffer.length - CHECKSUM_BYTES;
  if (!checksum(buffer.subarray(0, payloadEnd)).equals(buffer.subarray(payloadEnd))) return undefined;
  const vector = new Array<number>(count);
  for (let position = 0; position < count; position++) {
    vector[position] = buffer.readDoubleLE(HEADER_BYTES + position * 8);
  }
  return vector;
}

function checksum(bytes: Buffer): Buffer {
  return createHash("sha256").update(bytes).digest().subarray(0, CHECKSUM_BYTES);
}
