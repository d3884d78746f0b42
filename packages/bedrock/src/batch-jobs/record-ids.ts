const RECORD_ID = /^R[0-9a-z]{10}$/;

/**
 * The record id of input `index`: `R` and the index in base 36, zero-padded to Bedrock's
 * 11-character alphanumeric record id, so it maps back to the input without a lookup table.
 *
 * @example
 * recordIdFor(0); // "R0000000000"
 * recordIdFor(1295); // "R00000000zz"
 */
export function recordIdFor(index: number): string {
  return `R${index.toString(36).padStart(10, "0")}`;
}

/**
 * The input index a record id made by `recordIdFor` stands for, or undefined for any other id.
 *
 * @example
 * indexOfRecordId("R00000000zz"); // 1295
 */
export function indexOfRecordId(recordId: unknown): number | undefined {
  if (typeof recordId !== "string" || !RECORD_ID.test(recordId)) return undefined;
  return Number.parseInt(recordId.slice(1), 36);
}
