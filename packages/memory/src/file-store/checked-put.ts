import type { MemoryHistoryEntry } from "../memory-types.js";
import { type CheckedRecord, checkRecords } from "../record-checks.js";
import type { VectorStoreBinding, VectorStoreRecord } from "../vector-store.js";
import { type EncodedRecord, encodeRecord } from "./log-frame.js";

type PutMode = "insert" | "upsert" | "update";

/**
 * Records that passed the checks, and their put record when its history was given.
 *
 * @example
 * const { checked, encoded } = put.for(binding);
 */
export interface CheckedOutcome {
  checked: CheckedRecord[];
  encoded: EncodedRecord | undefined;
}

/**
 * The records of one put, checked (and, when its history is known up front, encoded) once per
 * binding. The work (copying payloads, converting vectors, JSON) is done before the write lock is
 * taken, against the binding known then, and reused under the lock unless another process changed
 * the binding meanwhile: the lock is held only for the checks that need the latest state.
 *
 * @example
 * const put = new CheckedPut(records, "insert", where, history);
 * put.prepareFor(state.binding); // outside the lock; never throws
 * const { checked, encoded } = put.for(pending.binding); // under the lock; throws what the check threw
 */
export class CheckedPut {
  private binding: VectorStoreBinding | undefined;
  private outcome: CheckedOutcome | { error: unknown } | undefined;

  /** `history` undefined: it depends on the replaced record, and the caller encodes under the lock. */
  constructor(
    private readonly records: readonly VectorStoreRecord[],
    private readonly mode: PutMode,
    private readonly where: string,
    private readonly history?: readonly MemoryHistoryEntry[],
  ) {}

  /** Checks and encodes against `binding`, keeping the result or the error for `for`. */
  prepareFor(binding: VectorStoreBinding | undefined): void {
    this.binding = binding;
    try {
      const checked = checkRecords(this.records, binding, this.where);
      const history = this.history;
      const encoded =
        history &&
        encodeRecord(
          { kind: "put", mode: this.mode, records: checked.map(({ id, payload }) => ({ id, payload })) },
          history,
          checked.map((record) => record.vector),
        );
      this.outcome = { checked, encoded };
    } catch (error) {
      // Kept, not swallowed: `for` throws it if the binding is still the one it was checked against.
      this.outcome = { error };
    }
  }

  /** The checked records and their encoded record for `binding`; throws if they are invalid. */
  for(binding: VectorStoreBinding | undefined): CheckedOutcome {
    if (this.outcome === undefined || !sameBinding(this.binding, binding)) this.prepareFor(binding);
    const outcome = this.outcome!;
    if ("error" in outcome) throw outcome.error;
    return outcome;
  }
}

function sameBinding(left: VectorStoreBinding | undefined, right: VectorStoreBinding | undefined): boolean {
  return left?.dimension === right?.dimension && left?.modelId === right?.modelId;
}
