import { InputError } from "@bedrock-embeddings/core";

/**
 * The cursor of a `list` page for stores that number records in insertion order: the sequence
 * number of the last entry returned, as an opaque string.
 *
 * @example
 * encodeSequenceCursor(42); // "s42"
 */
export function encodeSequenceCursor(sequence: number): string {
  return `s${sequence}`;
}

/**
 * The sequence number in a cursor from `encodeSequenceCursor`; anything else is an InputError.
 *
 * @example
 * decodeSequenceCursor("s42"); // 42
 */
export function decodeSequenceCursor(cursor: unknown): number {
  const match = typeof cursor === "string" ? /^s(\d{1,15})$/.exec(cursor) : null;
  if (!match) {
    throw new InputError(
      `cursor ${JSON.stringify(cursor) ?? String(cursor)} is not a cursor this store returned.`,
      {
        fix: "Pass the nextCursor of the previous page unchanged, or omit cursor to start from the first page.",
      },
    );
  }
  return Number(match[1]);
}
