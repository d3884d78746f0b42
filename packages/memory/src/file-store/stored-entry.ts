import type { JsonObject } from "../json-value.js";

/**
 * One live memory as the store holds it in process memory. The object is kept (and changed in
 * place) when the memory is updated, so indexes that hold it stay valid; a deleted memory's object
 * is marked `removed` and never reused.
 *
 * @example
 * const entry: StoredEntry = { id: "m1", slot: 0, payload: {}, sequence: 1, bytes: 4200, removed: false };
 */
export interface StoredEntry {
  readonly id: string;
  /** Where its vector is in the arena. */
  slot: number;
  payload: JsonObject;
  /** Insertion order, kept across updates; the list cursor is built from it. */
  readonly sequence: number;
  /** Bytes of the log this version keeps alive, to decide when compaction pays. */
  bytes: number;
  removed: boolean;
}
