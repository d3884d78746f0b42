import type { FilterExpression } from "../filter/filter-expression.js";
import { matchesFilter } from "../filter/matches-filter.js";
import type { MemoryHistoryEntry } from "../memory-types.js";
import { encodeSequenceCursor } from "../sequence-cursor.js";
import type {
  VectorListPage,
  VectorStoreBinding,
  VectorStoreEntry,
  VectorStoreRecord,
} from "../vector-store.js";
import { HistoryBook } from "./history-book.js";
import { InsertionOrder } from "./insertion-order.js";
import { copyJson } from "./json-copy.js";
import type { DecodedFrame } from "./log-frame.js";
import type { LogRecord } from "./log-record.js";
import type { ParallelScorer } from "./parallel-scorer.js";
import { ScopeIndex } from "./scope-index.js";
import type { StoredEntry } from "./stored-entry.js";
import { TopHits } from "./top-hits.js";
import { VectorArena } from "./vector-arena.js";

/**
 * Everything the log says, in process memory: the binding, each live memory (vector in the arena,
 * payload, insertion sequence), the scope index, insertion order and every history entry. Replay
 * and writes change it through `apply` only, with the records the log holds, so a process that
 * writes and one that reads the file end up in the same state.
 *
 * @example
 * const state = new StoreState("/data/memories.log");
 * state.apply(encodeRecord({ kind: "bind", dimension: 2, modelId: "m" }).decoded, buffer);
 * state.search(query, queryNorm, filter, 10);
 */
export class StoreState {
  binding: VectorStoreBinding | undefined;
  /** The insertion sequence the next new memory gets (1 for the first). */
  nextSequence = 1;
  /** Estimated bytes of the log that the current state needs: compaction pays once the rest is most of it. */
  liveBytes = 0;
  private arena: VectorArena | undefined;
  private readonly entries = new Map<string, StoredEntry>();
  private slotOwners: (StoredEntry | undefined)[] = [];
  private readonly order = new InsertionOrder();
  private readonly scope = new ScopeIndex();
  private readonly historyBook: HistoryBook;

  /** `file` names the log in messages about damaged history. */
  constructor(file: string) {
    this.historyBook = new HistoryBook(file);
  }

  /** Number of live memories. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Applies one record, read from `buffer` (at file offset `offset`, for messages). Throws an Error
   * naming the problem when the record cannot follow the state (the caller reports the file and offset).
   */
  apply(frame: DecodedFrame, buffer: Buffer, offset = -1): void {
    const record = frame.record;
    switch (record.kind) {
      case "bind":
        this.bind(record);
        this.liveBytes += frame.headerBytes;
        break;
      case "put":
        this.put(record, frame, buffer);
        break;
      case "delete":
        this.remove(record);
        break;
      case "reset":
        this.clear();
        this.nextSequence = Math.max(this.nextSequence, record.nextSequence ?? 1);
        this.liveBytes += frame.headerBytes;
        break;
    }
    if (frame.history) this.historyBook.addEntries(frame.history);
    else if (frame.historyBytes > 0) {
      const end = frame.historyAt + frame.historyBytes;
      this.historyBook.addText(Buffer.from(buffer.subarray(frame.historyAt, end)), offset);
    }
    this.liveBytes += frame.historyBytes;
  }

  /** The live memory with `id`. */
  entry(id: string): StoredEntry | undefined {
    return this.entries.get(id);
  }

  /** The record with `id`, vector included, as a copy. */
  record(id: string): VectorStoreRecord | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    return { id, vector: Array.from(this.arena!.vector(entry.slot)), payload: copyJson(entry.payload) };
  }

  /** The vector of a live entry (a view into the arena, not a copy). */
  vectorOf(entry: StoredEntry): Float32Array {
    return this.arena!.vector(entry.slot);
  }

  /** Every history entry of one memory, oldest first (copies). */
  history(memoryId: string): MemoryHistoryEntry[] {
    return this.historyBook.of(memoryId);
  }

  /** Every memory id with history, and its entries (not copies: for compaction). */
  allHistory(): ReadonlyMap<string, readonly MemoryHistoryEntry[]> {
    return this.historyBook.all();
  }

  /** Live entries in insertion order (not copies: for compaction). */
  ordered(): IterableIterator<StoredEntry> {
    return this.order.after(0);
  }

  /**
   * The `limit` entries most similar to `query` among those matching `filter`, best first. A
   * filter on a scope id looks only at that scope's entries; otherwise every vector is scored, on
   * several cores through `scorer`. The caller keeps the state from changing until it resolves.
   */
  async search(
    query: Float32Array,
    queryNorm: number,
    filter: FilterExpression | undefined,
    limit: number,
    scorer: ParallelScorer,
  ): Promise<{ score: number; entry: StoredEntry }[]> {
    const arena = this.arena;
    if (!arena) return [];
    const top = new TopHits<StoredEntry>(limit);
    const candidates = this.scope.candidates(filter);
    if (candidates) {
      for (const entry of candidates) {
        if (matchesFilter(entry.payload, filter)) {
          top.offer(arena.cosine(entry.slot, query, queryNorm), entry.sequence, entry);
        }
      }
      return top.best().map(({ score, item }) => ({ score, entry: item }));
    }
    // Filter first, then score the eligible vectors in tight loops (shared with helper threads).
    const owners = this.slotOwners;
    const slots = arena.slotLimit;
    const eligible = new Uint8Array(new SharedArrayBuffer(slots));
    for (let slot = 0; slot < slots; slot++) {
      const entry = owners[slot];
      if (entry !== undefined && (filter === undefined || matchesFilter(entry.payload, filter)))
        eligible[slot] = 1;
    }
    const scores = new Float64Array(new SharedArrayBuffer(slots * 8));
    await scorer.score(arena, query, queryNorm, eligible, scores);
    for (let slot = 0; slot < slots; slot++) {
      if (eligible[slot] === 1) top.offer(scores[slot]!, owners[slot]!.sequence, owners[slot]!);
    }
    return top.best().map(({ score, item }) => ({ score, entry: item }));
  }

  /** Up to `limit` entries matching `filter` after insertion sequence `after`, as copies. */
  list(filter: FilterExpression | undefined, limit: number, after: number): VectorListPage {
    const entries: VectorStoreEntry[] = [];
    let last = after;
    for (const entry of this.inOrder(filter, after)) {
      if (!matchesFilter(entry.payload, filter)) continue;
      if (entries.length >= limit) return { entries, nextCursor: encodeSequenceCursor(last) };
      entries.push({ id: entry.id, payload: copyJson(entry.payload) });
      last = entry.sequence;
    }
    return { entries };
  }

  /**
   * In insertion order, the live entries that may match `filter` (a superset: the caller filters),
   * after sequence `after`.
   */
  *inOrder(filter: FilterExpression | undefined, after = 0): IterableIterator<StoredEntry> {
    const candidates = this.scope.candidates(filter);
    if (!candidates) {
      yield* this.order.after(after);
      return;
    }
    const sorted = [...candidates].sort((left, right) => left.sequence - right.sequence);
    for (const entry of sorted) if (entry.sequence > after) yield entry;
  }

  private bind(record: Extract<LogRecord, { kind: "bind" }>): void {
    const bound = this.binding;
    if (!bound) {
      this.binding = { dimension: record.dimension, modelId: record.modelId };
      this.arena = new VectorArena(record.dimension);
      return;
    }
    if (bound.dimension !== record.dimension || bound.modelId !== record.modelId) {
      throw new Error(
        `it binds ${record.dimension}-dimensional vectors of "${record.modelId}" to a store already bound to ` +
          `${bound.dimension}-dimensional vectors of "${bound.modelId}"`,
      );
    }
  }

  private put(record: Extract<LogRecord, { kind: "put" }>, frame: DecodedFrame, buffer: Buffer): void {
    const arena = this.arena;
    if (!arena) {
      if (record.records.length > 0) throw new Error("it adds memories before any bind record");
      return;
    }
    const vectorBytes = arena.dimension * 4;
    if (frame.vectorBytes !== record.records.length * vectorBytes) {
      throw new Error(
        `it holds ${frame.vectorBytes} bytes of vectors for ${record.records.length} memories of ${arena.dimension} dimensions`,
      );
    }
    const bytesEach = vectorBytes + frame.headerBytes / Math.max(1, record.records.length);
    record.records.forEach((item, index) => {
      const at = frame.vectorsAt + index * vectorBytes;
      const existing = this.entries.get(item.id);
      if (existing) {
        this.scope.remove(existing);
        this.liveBytes -= existing.bytes;
        existing.payload = item.payload;
        existing.bytes = bytesEach;
        arena.store(existing.slot, buffer, at);
        this.scope.add(existing);
        this.liveBytes += existing.bytes;
        return;
      }
      const sequence = item.sequence ?? this.nextSequence;
      this.nextSequence = Math.max(this.nextSequence, sequence + 1);
      const slot = arena.allocate();
      arena.store(slot, buffer, at);
      const entry: StoredEntry = {
        id: item.id,
        slot,
        payload: item.payload,
        sequence,
        bytes: bytesEach,
        removed: false,
      };
      this.entries.set(item.id, entry);
      this.slotOwners[slot] = entry;
      this.order.append(entry);
      this.scope.add(entry);
      this.liveBytes += entry.bytes;
    });
  }

  private remove(record: Extract<LogRecord, { kind: "delete" }>): void {
    for (const id of record.ids) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      this.entries.delete(id);
      entry.removed = true;
      this.scope.remove(entry);
      this.order.noteRemoved();
      this.arena!.release(entry.slot);
      this.slotOwners[entry.slot] = undefined;
      this.liveBytes -= entry.bytes;
    }
  }

  private clear(): void {
    this.binding = undefined;
    this.arena = undefined;
    this.entries.clear();
    this.slotOwners = [];
    this.order.clear();
    this.scope.clear();
    this.historyBook.clear();
    this.liveBytes = 0;
  }
}
