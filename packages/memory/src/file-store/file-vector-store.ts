import { join } from "node:path";
import { ConfigurationError, InputError } from "@bedrock-embeddings/core";
import { assertSameBinding, assertValidBinding } from "../binding-check.js";
import type { FilterExpression } from "../filter/filter-expression.js";
import type { MemoryHistoryEntry } from "../memory-types.js";
import { assertLimit, checkQueryVector, requireBinding } from "../record-checks.js";
import { decodeSequenceCursor } from "../sequence-cursor.js";
import type {
  HistoryOptions,
  VectorListOptions,
  VectorListPage,
  VectorSearchOptions,
  VectorStore,
  VectorStoreBinding,
  VectorStoreEntry,
  VectorStoreHit,
  VectorStoreRecord,
} from "../vector-store.js";
import { AsyncMutex } from "./async-mutex.js";
import { CheckedPut } from "./checked-put.js";
import { FileLock } from "./file-lock.js";
import { type CommitJob, GroupCommitQueue } from "./group-commit.js";
import { copyHistory } from "./history-copy.js";
import { copyJson } from "./json-copy.js";
import { closedStoreError } from "./log-errors.js";
import { type EncodedRecord, encodeRecord } from "./log-frame.js";
import { LogReplica } from "./log-replica.js";
import { ParallelScorer, type ParallelScorerOptions } from "./parallel-scorer.js";
import { PendingChanges } from "./pending-changes.js";
import { checkStoreOptions, type FileVectorStoreOptions } from "./store-options.js";

export type { FileVectorStoreOptions } from "./store-options.js";

// One group commit holds at most this many records (40 MB of vectors at 1024 d).
const LARGEST_BATCH_RECORDS = 10_000;

/** What a write does once checked against the latest state: the record to append (if any) and its result. */
interface PreparedWrite {
  encoded?: EncodedRecord;
  result: unknown;
}

type WriteJob = CommitJob & { resolve(value: unknown): void } & (
    | { exclusive: false; prepare(pending: PendingChanges): PreparedWrite }
    | { exclusive: true; run(): Promise<unknown> }
  );

/**
 * The embedded `VectorStore`: one append-only binary log per collection, `<directory>/<collection>.log`,
 * replayed into memory on open. Built for one machine and at least 100,000 memories of 1024 d.
 *
 * - Each write call is one record (JSON header + float32 vectors, with length and CRC-32), so a
 *   memory and its history are saved, or lost, together. A write resolves once it is fsynced.
 *   Concurrent writes are group-committed: one lock, one write() and one fsync for all of them.
 * - A crash (kill -9, power loss) mid-append leaves a torn last record: it is ignored, and cut off by
 *   the next writer. A damaged record with valid ones after it is a StorageError naming the byte
 *   offset; the file is never rewritten then.
 * - Several processes may use one directory: every write takes a short lock (`<log>.lock`), first
 *   replays what others appended, checks ids against that, appends and unlocks; every read first
 *   replays what the file gained. A lock left by a dead process is taken over at once.
 * - Search is exact cosine: over one scope's memories when the filter names a `user_id`, `agent_id`
 *   or `run_id`, over every vector otherwise. Vectors are kept as float32.
 * - `compact()` rewrites the log with only what is live; it also runs on open when more than half
 *   of a log of several MB is dead. Other processes notice the new file and reload it.
 *
 * @example
 * const store = new FileVectorStore({ directory: "/var/lib/my-app/memory" });
 * await store.initialize({ dimension: 1024, modelId: "amazon.titan-embed-text-v2:0" });
 * await store.insert([{ id, vector, payload: { data: "likes tea", user_id: "alice" } }], [addEntry]);
 * const hits = await store.search(queryVector, { filter: parseFilter({ user_id: "alice" }), limit: 5 });
 * await store.close();
 */
export class FileVectorStore implements VectorStore {
  /** The log file, `<directory>/<collection>.log`. */
  readonly file: string;
  private readonly where: string;
  private readonly replica: LogReplica;
  private readonly lock: FileLock;
  private readonly mutex = new AsyncMutex();
  private readonly scorer: ParallelScorer;
  private readonly queue: GroupCommitQueue<WriteJob>;
  private loaded = false;
  private readonly calls = new Set<Promise<unknown>>();
  private closing: Promise<void> | undefined;
  private released = false;
  private lockFailure: unknown;

  /** `scoring` tunes the helper threads of unscoped searches (tests use it; the defaults suit everyone else). */
  constructor(options: FileVectorStoreOptions, scoring: ParallelScorerOptions = {}) {
    const { directory, collection, lockTimeoutMilliseconds } = checkStoreOptions(options);
    this.scorer = new ParallelScorer(scoring);
    this.file = join(directory, `${collection}.log`);
    this.where = `the memory store ${this.file}`;
    this.replica = new LogReplica(this.file);
    this.lock = new FileLock(`${this.file}.lock`, {
      timeoutMilliseconds: lockTimeoutMilliseconds,
      description: this.where,
    });
    this.queue = new GroupCommitQueue((batch) => this.commit(batch), LARGEST_BATCH_RECORDS);
  }

  get dimension(): number | undefined {
    return this.replica.state.binding?.dimension;
  }

  get modelId(): string | undefined {
    return this.replica.state.binding?.modelId;
  }

  initialize(binding: VectorStoreBinding): Promise<void> {
    return this.tracked(async () => {
      assertValidBinding(binding);
      await this.refresh();
      const requested = { dimension: binding.dimension, modelId: binding.modelId };
      const location = { description: "The memory store", file: this.file };
      const bound = this.replica.state.binding;
      if (bound) return assertSameBinding(bound, requested, location);
      await this.write(0, (pending) => {
        if (pending.binding) {
          assertSameBinding(pending.binding, requested, location);
          return { result: undefined };
        }
        pending.binding = requested;
        return { encoded: encodeRecord({ kind: "bind", ...requested }), result: undefined };
      });
    });
  }

  insert(records: readonly VectorStoreRecord[], history?: readonly MemoryHistoryEntry[]): Promise<void> {
    return this.tracked(async () => {
      await this.load();
      const put = new CheckedPut(records, "insert", this.where, copyHistory(history));
      put.prepareFor(this.replica.state.binding);
      await this.write(weightOf(records), (pending) => {
        const { checked, encoded } = put.for(pending.binding);
        checked.forEach((record, index) => {
          if (pending.has(record.id)) {
            throw new InputError(`a record with id ${JSON.stringify(record.id)} already exists.`, {
              index,
              fix: "Use fresh ids for new records (or upsert to replace).",
            });
          }
        });
        for (const record of checked) pending.put(record.id, record.payload);
        return { encoded, result: undefined };
      });
    });
  }

  upsert(records: readonly VectorStoreRecord[], history?: readonly MemoryHistoryEntry[]): Promise<void> {
    return this.tracked(async () => {
      await this.load();
      const put = new CheckedPut(records, "upsert", this.where, copyHistory(history));
      put.prepareFor(this.replica.state.binding);
      await this.write(weightOf(records), (pending) => {
        const { checked, encoded } = put.for(pending.binding);
        for (const record of checked) pending.put(record.id, record.payload);
        return { encoded, result: undefined };
      });
    });
  }

  update(
    record: VectorStoreRecord,
    options: HistoryOptions<VectorStoreEntry> = {},
  ): Promise<VectorStoreEntry | null> {
    return this.tracked(async () => {
      await this.load();
      const put = new CheckedPut([record], "update", this.where);
      put.prepareFor(this.replica.state.binding);
      return this.write(1, (pending) => {
        const checked = put.for(pending.binding).checked[0]!;
        const previous = pending.get(checked.id);
        if (!previous) return { result: null };
        const history = copyHistory(options.history?.(pending.get(checked.id)!));
        pending.put(checked.id, checked.payload);
        const encoded = encodeRecord(
          { kind: "put", mode: "update", records: [{ id: checked.id, payload: checked.payload }] },
          history,
          [checked.vector],
        );
        return { encoded, result: previous };
      });
    });
  }

  search(vector: readonly number[], options: VectorSearchOptions): Promise<VectorStoreHit[]> {
    return this.tracked(async () => {
      await this.refresh();
      assertLimit(options?.limit, "limit");
      const query = checkQueryVector(vector, this.replica.state.binding, this.where);
      // Under the mutex: no replay may change the arena while helper threads read it.
      const hits = await this.mutex.run(() =>
        this.replica.state.search(query.vector, query.norm, options.filter, options.limit, this.scorer),
      );
      return hits.map(({ score, entry }) => ({ id: entry.id, payload: copyJson(entry.payload), score }));
    });
  }

  get(id: string): Promise<VectorStoreRecord | null> {
    return this.tracked(async () => {
      await this.refresh();
      return this.replica.state.record(id);
    });
  }

  list(options: VectorListOptions = {}): Promise<VectorListPage> {
    return this.tracked(async () => {
      await this.refresh();
      if (options.limit !== undefined) assertLimit(options.limit, "limit");
      const after = options.cursor === undefined ? 0 : decodeSequenceCursor(options.cursor);
      return this.replica.state.list(options.filter, options.limit ?? Number.POSITIVE_INFINITY, after);
    });
  }

  delete(id: string, options: HistoryOptions<VectorStoreEntry> = {}): Promise<VectorStoreEntry | null> {
    return this.tracked(async () => {
      await this.load();
      return this.write(1, (pending) => {
        const previous = pending.get(id);
        if (!previous) return { result: null };
        const history = copyHistory(options.history?.(pending.get(id)!));
        pending.remove(id);
        return { encoded: encodeRecord({ kind: "delete", ids: [id] }, history), result: previous };
      });
    });
  }

  deleteWhere(
    filter: FilterExpression,
    options: HistoryOptions<readonly VectorStoreEntry[]> = {},
  ): Promise<VectorStoreEntry[]> {
    return this.tracked(async () => {
      await this.load();
      return this.write(1, (pending) => {
        requireBinding(pending.binding, this.where);
        const removed = pending.matching(filter);
        if (removed.length === 0) return { result: [] };
        const history = copyHistory(
          options.history?.(removed.map((entry) => ({ ...entry, payload: copyJson(entry.payload) }))),
        );
        for (const entry of removed) pending.remove(entry.id);
        const ids = removed.map((entry) => entry.id);
        return { encoded: encodeRecord({ kind: "delete", ids }, history), result: removed };
      });
    });
  }

  history(memoryId: string): Promise<MemoryHistoryEntry[]> {
    return this.tracked(async () => {
      await this.refresh();
      return this.replica.state.history(memoryId);
    });
  }

  reset(): Promise<void> {
    return this.tracked(async () => {
      await this.load();
      await this.exclusive(() => this.replica.reset());
    });
  }

  /**
   * Rewrites the log with only the live memories and all history, and swaps it in atomically
   * (other processes reload it on their next call). Runs by itself on open when more than half of
   * a log of several MB is dead.
   *
   * @example
   * await store.compact();
   */
  compact(): Promise<void> {
    return this.tracked(async () => {
      await this.load();
      await this.exclusive(() => this.replica.compact());
    });
  }

  /** Waits for the calls already made, then closes the log. Later calls throw a ConfigurationError. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.allSettled([...this.calls]);
      await this.queue.idle();
      await this.mutex.run(async () => {
        this.released = true;
        await this.replica.close();
      });
      await this.scorer.close();
    })();
    return this.closing;
  }

  // Runs a public call, refused once the store is closing; close() waits for the ones already made.
  private tracked<Result>(body: () => Promise<Result>): Promise<Result> {
    const call = (async () => {
      this.assertUsable();
      return body();
    })();
    this.calls.add(call);
    const forget = () => this.calls.delete(call);
    call.then(forget, forget);
    return call;
  }

  /** Replays what the log gained since the last call (the first call loads it). */
  private async refresh(): Promise<void> {
    const outcome = await this.mutex.run(() => this.synchronize(false));
    // Bad bytes followed by good ones: decide under the lock, where no append or truncation is in flight.
    if (outcome === "suspect") await this.exclusive(async () => undefined);
    if (!this.loaded) {
      this.loaded = true;
      if (this.replica.compactionPays()) {
        await this.exclusive(async () => {
          if (this.replica.compactionPays()) await this.replica.compact();
        });
      }
    }
  }

  // Writes check against the latest state under the lock anyway; loading first lets the expensive
  // checks run outside it, against the binding known by then.
  private async load(): Promise<void> {
    if (!this.loaded) await this.refresh();
  }

  private synchronize(holdingLock: boolean): Promise<"current" | "suspect"> {
    if (this.released) throw closedStoreError(this.where);
    return this.replica.synchronize(holdingLock);
  }

  private write<Result>(
    weight: number,
    prepare: (pending: PendingChanges) => PreparedWrite,
  ): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({
        weight,
        exclusive: false,
        prepare,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
    });
  }

  private exclusive<Result>(run: () => Promise<Result>): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({
        weight: 0,
        exclusive: true,
        run,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
    });
  }

  // One batch: lock, catch up with the log, check each write against the state plus the writes
  // before it, append all records with one write() and one fsync, apply them, unlock, then settle.
  // A write whose check fails is rejected alone; a failed append rejects the whole batch.
  private async commit(batch: WriteJob[]): Promise<void> {
    await this.lock.acquire();
    const resolutions: (() => void)[] = [];
    const refusals: (() => void)[] = [];
    try {
      await this.mutex.run(async () => {
        await this.synchronize(true);
        const prepared: { job: WriteJob; write: PreparedWrite }[] = [];
        const pending = new PendingChanges(this.replica.state);
        for (const job of batch) {
          if (job.exclusive) {
            const result = await job.run();
            resolutions.push(() => job.resolve(result));
            continue;
          }
          try {
            prepared.push({ job, write: job.prepare(pending) });
          } catch (error) {
            refusals.push(() => job.reject(error));
          }
        }
        const records = prepared.flatMap(({ write }) => (write.encoded ? [write.encoded] : []));
        if (records.length > 0) await this.replica.append(records);
        for (const { job, write } of prepared) resolutions.push(() => job.resolve(write.result));
      });
    } finally {
      await this.releaseLock();
      // Refusals are reported with the rest of the batch, so a caller awaiting them all sees every
      // outcome at once (and with their own error even when the append failed).
      for (const refuse of refusals) refuse();
    }
    for (const resolve of resolutions) resolve();
  }

  // The writes are on disk and must resolve; a lock that cannot be removed is reported by the next call.
  private async releaseLock(): Promise<void> {
    try {
      await this.lock.release();
    } catch (error) {
      this.lockFailure = error;
    }
  }

  private assertUsable(): void {
    if (this.closing) throw closedStoreError(this.where);
    if (this.lockFailure !== undefined) {
      throw new ConfigurationError(`${this.where} could not remove its lock file ${this.lock.path}.`, {
        file: this.lock.path,
        cause: this.lockFailure,
        fix: `If no program uses the store, delete ${this.lock.path}, then open the store again.`,
      });
    }
  }
}

function weightOf(records: unknown): number {
  return Array.isArray(records) ? records.length : 0;
}
