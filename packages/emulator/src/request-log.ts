import type { RecordedRequest } from "./emulator-types.js";

/**
 * Answered requests kept in arrival order. Requests are processed concurrently, so a small request that
 * arrives second can finish first; each record is slotted in by its arrival ticket instead of appended.
 */
export class RequestLog {
  readonly records: RecordedRequest[] = [];
  readonly #tickets: number[] = [];
  readonly #limit: number;
  #nextTicket = 0;
  #firstKeptTicket = 0;

  /** `keep`: true keeps every record, false none, a number the most recent ones (by arrival). */
  constructor(keep: boolean | number = true) {
    if (typeof keep === "number" && !(Number.isSafeInteger(keep) && keep >= 0)) {
      throw new RangeError(`recordRequests must be true, false or a whole number of 0 or more, got ${keep}`);
    }
    this.#limit = keep === true ? Number.POSITIVE_INFINITY : keep === false ? 0 : keep;
  }

  /** False when nothing is kept, so callers can skip building records. */
  get recording(): boolean {
    return this.#limit > 0;
  }

  /** Called when a request arrives; the ticket fixes its place in the log. */
  takeTicket(): number {
    const ticket = this.#nextTicket;
    this.#nextTicket += 1;
    return ticket;
  }

  add(ticket: number, record: RecordedRequest): void {
    // A request that arrived before clear() stays cleared even if it is answered afterwards.
    if (ticket < this.#firstKeptTicket || !this.recording) return;
    let index = this.#tickets.length;
    while (index > 0 && (this.#tickets[index - 1] ?? 0) > ticket) index -= 1;
    this.#tickets.splice(index, 0, ticket);
    this.records.splice(index, 0, record);
    const excess = this.records.length - this.#limit;
    if (excess > 0) {
      this.#tickets.splice(0, excess);
      this.records.splice(0, excess);
    }
  }

  clear(): void {
    this.records.length = 0;
    this.#tickets.length = 0;
    this.#firstKeptTicket = this.#nextTicket;
  }
}
