import type { FileHandle } from "node:fs/promises";
import { FRAME_PREFIX_BYTES, inspectFrame, LOG_FILE_HEADER, RECORD_MARKER } from "./log-frame.js";

// Reads in large chunks: a 430 MB log is ~30 reads, and never one giant string or Buffer.
const CHUNK_BYTES = 16 * 1024 * 1024;

/**
 * Called for each whole, valid record: its body length and where it starts, in `buffer` and in the
 * file. The buffer is reused after the call returns.
 *
 * @example
 * const visit: RecordVisitor = (buffer, at, bodyLength, fileOffset) => apply(decodeFrame(buffer, at, bodyLength));
 */
export type RecordVisitor = (buffer: Buffer, at: number, bodyLength: number, fileOffset: number) => void;

/**
 * Where reading stopped: `end` is the end of the last whole, valid record (where the next record
 * belongs); `damaged` is set when bytes after it are not a whole valid record (a torn tail, an
 * append still in progress, or damage; `findRecordAfter` tells them apart).
 *
 * @example
 * const { end, damaged } = await readRecords(handle, position, visit);
 */
export interface ReadOutcome {
  end: number;
  damaged: boolean;
}

/**
 * Reads the records of a log from byte `from` (a record boundary) to the end of the file, in 16 MB
 * chunks (a record larger than that is read whole), calling `visit` for each.
 *
 * @example
 * await readRecords(handle, LOG_FILE_HEADER.length, (buffer, at, bodyLength) => { ... });
 */
export async function readRecords(
  handle: FileHandle,
  from: number,
  visit: RecordVisitor,
): Promise<ReadOutcome> {
  let buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  let bufferOffset = from;
  let filled = 0;
  let at = 0;
  let endOfFile = false;

  // Makes `needed` bytes from `at` available; false at the end of the file.
  const ensure = async (needed: number): Promise<boolean> => {
    if (filled - at >= needed) return true;
    if (endOfFile) return false;
    const target = needed > buffer.length ? Buffer.allocUnsafeSlow(needed) : buffer;
    buffer.copy(target, 0, at, filled);
    buffer = target;
    bufferOffset += at;
    filled -= at;
    at = 0;
    while (filled < needed) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, bufferOffset + filled);
      if (bytesRead === 0) {
        endOfFile = true;
        return false;
      }
      filled += bytesRead;
    }
    return true;
  };

  for (;;) {
    if (!(await ensure(FRAME_PREFIX_BYTES))) return { end: bufferOffset + at, damaged: filled > at };
    let status = inspectFrame(buffer, at, filled - at);
    if (status.kind === "incomplete") {
      if (!(await ensure(status.frameLength))) return { end: bufferOffset + at, damaged: true };
      status = inspectFrame(buffer, at, filled - at);
    }
    if (status.kind !== "complete") return { end: bufferOffset + at, damaged: true };
    visit(buffer, at, status.bodyLength, bufferOffset + at);
    at += FRAME_PREFIX_BYTES + status.bodyLength;
  }
}

/**
 * The offset of the first whole, valid record after the bad bytes at `offset`, or undefined when
 * none follows. A crash mid-append only ever leaves a bad tail with nothing valid after it, so a
 * valid record after bad bytes means the file is damaged.
 *
 * @example
 * const later = await findRecordAfter(handle, end);
 * if (later === undefined) { ... } // a torn tail: safe to ignore (and truncate under the lock)
 */
export async function findRecordAfter(handle: FileHandle, offset: number): Promise<number | undefined> {
  const size = (await handle.stat()).size;
  const chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  let position = offset + 1;
  for (;;) {
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
    if (bytesRead < RECORD_MARKER.length) return undefined;
    const view = chunk.subarray(0, bytesRead);
    for (
      let index = view.indexOf(RECORD_MARKER);
      index !== -1;
      index = view.indexOf(RECORD_MARKER, index + 1)
    ) {
      const candidate = position + index;
      // Records start 4-byte aligned (the file header is 32 bytes, records are multiples of 4).
      if ((candidate - LOG_FILE_HEADER.length) % 4 === 0 && (await isRecordAt(handle, candidate, size)))
        return candidate;
    }
    // Overlap the chunks so that a marker across their boundary is found.
    position += bytesRead - (RECORD_MARKER.length - 1);
  }
}

async function isRecordAt(handle: FileHandle, offset: number, size: number): Promise<boolean> {
  const prefix = Buffer.alloc(FRAME_PREFIX_BYTES);
  const { bytesRead } = await handle.read(prefix, 0, FRAME_PREFIX_BYTES, offset);
  const status = inspectFrame(prefix, 0, bytesRead);
  // A marker inside other data usually claims a length past the end of the file.
  if (status.kind !== "incomplete" || offset + status.frameLength > size) return false;
  const frame = Buffer.allocUnsafeSlow(status.frameLength);
  const read = await handle.read(frame, 0, status.frameLength, offset);
  return inspectFrame(frame, 0, read.bytesRead).kind === "complete";
}
