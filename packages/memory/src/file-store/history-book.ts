import { isPlainObject } from "../json-value.js";
import type { MemoryHistoryEntry } from "../memory-types.js";
import { damagedLogError } from "./log-errors.js";

type Section = { text: Buffer; offset: number } | readonly MemoryHistoryEntry[];

/**
 * Every history entry of a store, by memory id. Replay keeps each record's history section as
 * bytes and parses them all, in log order, the first time history is asked for: opening a store
 * of 100,000 memories then parses half as much JSON and makes 100,000 fewer objects, and `Memory`
 * never reads history to add, search, update or delete.
 *
 * @example
 * const book = new HistoryBook("/data/memories.log");
 * book.addText(historyBytes, recordOffset);
 * book.of("m1"); // parses what is pending, then returns copies
 */
export class HistoryBook {
  private readonly byMemory = new Map<string, MemoryHistoryEntry[]>();
  private pending: Section[] = [];

  constructor(private readonly file: string) {}

  /** Adds entries this process wrote (already checked copies), after any still unparsed. */
  addEntries(entries: readonly MemoryHistoryEntry[]): void {
    if (entries.length === 0) return;
    if (this.pending.length > 0) this.pending.push(entries);
    else this.index(entries);
  }

  /** Adds a record's history section (a JSON array), read from the log at record offset `offset`. */
  addText(text: Buffer, offset: number): void {
    this.pending.push({ text, offset });
  }

  /** Every entry of one memory, oldest first, as copies. */
  of(memoryId: string): MemoryHistoryEntry[] {
    this.parsePending();
    return (this.byMemory.get(memoryId) ?? []).map((entry) => ({ ...entry }));
  }

  /** Every entry by memory id (not copies: for compaction). */
  all(): ReadonlyMap<string, readonly MemoryHistoryEntry[]> {
    this.parsePending();
    return this.byMemory;
  }

  clear(): void {
    this.byMemory.clear();
    this.pending = [];
  }

  private parsePending(): void {
    let parsed = 0;
    try {
      for (const section of this.pending) {
        this.index(
          Array.isArray(section)
            ? section
            : parseSection(section as { text: Buffer; offset: number }, this.file),
        );
        parsed++;
      }
    } finally {
      // A damaged section stays pending (and is reported again); those before it are indexed once.
      this.pending = this.pending.slice(parsed);
    }
  }

  private index(entries: readonly MemoryHistoryEntry[]): void {
    for (const entry of entries) {
      const list = this.byMemory.get(entry.memoryId);
      if (list) list.push(entry);
      else this.byMemory.set(entry.memoryId, [entry]);
    }
  }
}

function parseSection(section: { text: Buffer; offset: number }, file: string): MemoryHistoryEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(section.text.toString("utf8"));
  } catch (error) {
    throw damagedLogError(file, section.offset, `the history of the record there is not JSON`, error);
  }
  if (
    !Array.isArray(value) ||
    !value.every((entry) => isPlainObject(entry) && typeof entry["memoryId"] === "string")
  ) {
    throw damagedLogError(
      file,
      section.offset,
      "the history of the record there is not a list of history entries",
    );
  }
  return value as MemoryHistoryEntry[];
}
