import { crc32 } from "node:zlib";
import { InputError } from "@bedrock-embeddings/core";
import type { MemoryHistoryEntry } from "../memory-types.js";
import { writeFloat32Bytes } from "./float32-bytes.js";
import { type LogRecord, parseLogRecord } from "./log-record.js";

/** The first bytes of every log file: the format and its version, readable with `head -c 32`. */
export const LOG_FILE_HEADER = Buffer.from("BEDROCK-EMBEDDINGS-MEMORY-LOG 1\n", "latin1");
/** Starts every record, so that a reader can look past a damaged region for later records. */
export const RECORD_MARKER = Buffer.from("REC1", "latin1");
/** Marker, body length and checksum (each a little-endian uint32) before each record's body. */
export const FRAME_PREFIX_BYTES = 12;
/** The largest record body; one write must stay under it (a Buffer and one read must hold a record). */
export const MAX_BODY_BYTES = 1024 ** 3;
// The two section lengths and "{}", padded to 4 bytes.
const MIN_BODY_BYTES = 12;
const MARKER_VALUE = RECORD_MARKER.readUInt32LE(0);
const SECTION_LENGTHS_BYTES = 8;

/**
 * A record as replay sees it: its header, and where its history (JSON, parsed only when history is
 * asked for) and vectors (float32 little-endian) are in the buffer it was decoded from. A record
 * encoded by this process also carries its history entries, so they need no parsing.
 *
 * @example
 * const { record, vectorsAt } = decodeFrame(buffer, at, bodyLength);
 */
export interface DecodedFrame {
  record: LogRecord;
  /** Bytes of the JSON header (for the estimate of live data). */
  headerBytes: number;
  historyAt: number;
  historyBytes: number;
  history?: readonly MemoryHistoryEntry[];
  vectorsAt: number;
  vectorBytes: number;
}

/**
 * A record ready to append: its bytes, and the same record as replay would decode it (so a write
 * applies exactly what a reader of the file will apply).
 *
 * @example
 * const { bytes, decoded } = encodeRecord({ kind: "bind", dimension: 1024, modelId });
 */
export interface EncodedRecord {
  bytes: Buffer;
  decoded: DecodedFrame;
}

/**
 * Encodes one record: `REC1`, body length, CRC-32 (of the length and the body), then the body: the
 * byte lengths of the JSON header and of the history JSON, the JSON header, the history (a JSON
 * array, or nothing), zero padding to a multiple of 4, and the vectors as float32 little-endian.
 * Records stay 4-byte aligned. History has its own section so that opening a store need not parse it.
 *
 * @example
 * const encoded = encodeRecord({ kind: "put", mode: "insert", records }, history, vectors);
 */
export function encodeRecord(
  record: LogRecord,
  history: readonly MemoryHistoryEntry[] = [],
  vectors: readonly Float32Array[] = [],
): EncodedRecord {
  const header = JSON.stringify(record);
  const historyText = history.length > 0 ? JSON.stringify(history) : "";
  const headerBytes = Buffer.byteLength(header, "utf8");
  const historyBytes = Buffer.byteLength(historyText, "utf8");
  const vectorsStart = alignToFour(SECTION_LENGTHS_BYTES + headerBytes + historyBytes);
  const vectorBytes = vectors.reduce((sum, vector) => sum + vector.byteLength, 0);
  const bodyLength = vectorsStart + vectorBytes;
  if (bodyLength > MAX_BODY_BYTES) {
    throw new InputError(`one write would take ${bodyLength} bytes, more than a log record may hold.`, {
      limit: MAX_BODY_BYTES,
      actual: bodyLength,
      fix: "Write fewer records per call (for example batches of 10,000).",
    });
  }
  const bytes = Buffer.allocUnsafeSlow(FRAME_PREFIX_BYTES + bodyLength);
  const bodyStart = FRAME_PREFIX_BYTES;
  const headerAt = bodyStart + SECTION_LENGTHS_BYTES;
  bytes.writeUInt32LE(MARKER_VALUE, 0);
  bytes.writeUInt32LE(bodyLength, 4);
  bytes.writeUInt32LE(headerBytes, bodyStart);
  bytes.writeUInt32LE(historyBytes, bodyStart + 4);
  bytes.write(header, headerAt, "utf8");
  bytes.write(historyText, headerAt + headerBytes, "utf8");
  bytes.fill(0, headerAt + headerBytes + historyBytes, bodyStart + vectorsStart);
  let at = bodyStart + vectorsStart;
  for (const vector of vectors) {
    writeFloat32Bytes(bytes, at, vector);
    at += vector.byteLength;
  }
  bytes.writeUInt32LE(frameChecksum(bytes, 0, bodyLength), 8);
  return {
    bytes,
    decoded: {
      record,
      headerBytes,
      historyAt: headerAt + headerBytes,
      historyBytes,
      history,
      vectorsAt: bodyStart + vectorsStart,
      vectorBytes,
    },
  };
}

/**
 * What the bytes at `at` hold: a whole valid record (`complete`), the start of one whose rest is not
 * there yet (`incomplete`, with its full length), too few bytes to tell (`short`), or something that
 * is not a record (`invalid`: wrong marker, impossible length or wrong checksum).
 *
 * @example
 * const status = inspectFrame(buffer, 0, bytesRead);
 */
export type FrameStatus =
  | { kind: "complete"; bodyLength: number }
  | { kind: "incomplete"; frameLength: number }
  | { kind: "short" }
  | { kind: "invalid" };

/**
 * Checks the record that starts at `at` in `buffer`, of which `available` bytes were read.
 *
 * @example
 * if (inspectFrame(buffer, at, filled - at).kind === "complete") decodeFrame(buffer, at);
 */
export function inspectFrame(buffer: Buffer, at: number, available: number): FrameStatus {
  if (available < FRAME_PREFIX_BYTES) return { kind: "short" };
  if (buffer.readUInt32LE(at) !== MARKER_VALUE) return { kind: "invalid" };
  const bodyLength = buffer.readUInt32LE(at + 4);
  if (bodyLength < MIN_BODY_BYTES || bodyLength > MAX_BODY_BYTES || bodyLength % 4 !== 0) {
    return { kind: "invalid" };
  }
  if (available < FRAME_PREFIX_BYTES + bodyLength) {
    return { kind: "incomplete", frameLength: FRAME_PREFIX_BYTES + bodyLength };
  }
  if (buffer.readUInt32LE(at + 8) !== frameChecksum(buffer, at, bodyLength)) return { kind: "invalid" };
  return { kind: "complete", bodyLength };
}

/**
 * Decodes a record that `inspectFrame` found complete (its history stays unparsed). Throws an Error
 * naming the problem if its header is not a record this version understands.
 *
 * @example
 * const decoded = decodeFrame(buffer, at, status.bodyLength);
 */
export function decodeFrame(buffer: Buffer, at: number, bodyLength: number): DecodedFrame {
  const bodyStart = at + FRAME_PREFIX_BYTES;
  const headerBytes = buffer.readUInt32LE(bodyStart);
  const historyBytes = buffer.readUInt32LE(bodyStart + 4);
  const sections = SECTION_LENGTHS_BYTES + headerBytes + historyBytes;
  if (sections > bodyLength) throw new Error("its header and history are longer than the record");
  const headerAt = bodyStart + SECTION_LENGTHS_BYTES;
  let header: unknown;
  try {
    header = JSON.parse(buffer.toString("utf8", headerAt, headerAt + headerBytes));
  } catch (error) {
    throw new Error(`its header is not JSON (${(error as Error).message})`, { cause: error });
  }
  const vectorsAt = bodyStart + alignToFour(sections);
  return {
    record: parseLogRecord(header),
    headerBytes,
    historyAt: headerAt + headerBytes,
    historyBytes,
    vectorsAt,
    vectorBytes: bodyStart + bodyLength - vectorsAt,
  };
}

function frameChecksum(buffer: Buffer, at: number, bodyLength: number): number {
  const bodyStart = at + FRAME_PREFIX_BYTES;
  return crc32(buffer.subarray(bodyStart, bodyStart + bodyLength), crc32(buffer.subarray(at + 4, at + 8)));
}

function alignToFour(length: number): number {
  return (length + 3) & ~3;
}
