import type { Stats } from "node:fs";
import { writeCompactedLog } from "./log-compaction.js";
import { damagedLogError, notALogError, writeFailedError } from "./log-errors.js";
import { LogFile } from "./log-file.js";
import { decodeFrame, type EncodedRecord, FRAME_PREFIX_BYTES, LOG_FILE_HEADER } from "./log-frame.js";
import { findRecordAfter, readRecords } from "./log-reader.js";
import { StoreState } from "./store-state.js";

// Below this, a log is small enough that rewriting it on open is not worth a pause.
const AUTO_COMPACTION_MIN_BYTES = 8 * 1024 * 1024;

/**
 * The log file and the state replayed from it, kept in step. `synchronize` replays what other
 * processes appended (or reloads after another process's compaction replaced the file); `append`,
 * `compact` and `reset` change the file and the state together. The caller serializes these calls
 * within the process, and holds the cross-process write lock for every change and when it passes
 * `holdingLock`.
 *
 * @example
 * const replica = new LogReplica("/data/memories.log");
 * await replica.synchronize(false);
 * replica.state.search(query, norm, filter, 10);
 */
export class LogReplica {
  state: StoreState;
  /** End of the records applied to `state`; 0 while the file has no complete header. */
  private position = 0;
  private reloadNeeded = false;
  /** The file (size and change time) when a torn tail was last found at `position`: not looked at again. */
  private tornTail: { size: number; changed: number } | undefined;
  private readonly log: LogFile;

  constructor(readonly file: string) {
    this.log = new LogFile(file);
    this.state = new StoreState(file);
  }

  /**
   * Brings the state up to date with the file. Bytes that are not a valid record are a torn tail
   * (a crash mid-append, ignored, and cut off when `holdingLock`) or an append in progress, unless
   * valid records follow them: then the file is damaged, which is reported (a StorageError
   * naming the offset) only when `holdingLock`, since without the lock a concurrent truncate and
   * append can look the same. Returns "suspect" in that case, for the caller to retry under the lock.
   */
  async synchronize(holdingLock: boolean): Promise<"current" | "suspect"> {
    const stats = this.log.current();
    if (stats === undefined) {
      // No file (yet, or deleted by hand): nothing is stored.
      if (this.log.isOpen || this.position > 0) await this.forget();
      return "current";
    }
    if (this.reloadNeeded || !this.log.isOpenOn(stats) || stats.size < this.position) {
      await this.log.open();
      this.state = new StoreState(this.file);
      this.position = 0;
    } else if (stats.size === this.position || (!holdingLock && this.isKnownTornTail(stats))) {
      return "current";
    }
    this.tornTail = undefined;
    // Until this replay succeeds: a record that failed halfway must not be applied twice.
    this.reloadNeeded = true;
    const outcome = await this.replay(holdingLock);
    this.reloadNeeded = false;
    return outcome;
  }

  /** Appends `records` in one write and one fsync, then applies them. The caller synchronized under the lock. */
  async append(records: readonly EncodedRecord[]): Promise<void> {
    if (!this.log.isOpen) await this.log.create();
    const start = this.position;
    const frames = records.map((record) => record.bytes);
    if (start === 0) frames.unshift(LOG_FILE_HEADER);
    try {
      await this.log.append(frames, start);
    } catch (error) {
      throw writeFailedError(this.file, error, await this.rollBack(start));
    }
    for (const record of records) this.state.apply(record.decoded, record.bytes);
    this.position = start + frames.reduce((sum, frame) => sum + frame.length, 0);
  }

  /** True when more than half of a log of several MB is dead (replaced, deleted or reset records). */
  compactionPays(): boolean {
    const size = this.position;
    return this.log.writable && size > AUTO_COMPACTION_MIN_BYTES && size - this.state.liveBytes > size / 2;
  }

  /** Rewrites the log with only the live memories and the history, and swaps it in. Under the lock. */
  async compact(): Promise<void> {
    if (!this.log.isOpen) return;
    const temporary = await writeCompactedLog(this.file, this.state);
    const stats = await this.log.replaceWith(temporary);
    this.position = stats.size;
    this.state.liveBytes = stats.size;
  }

  /** Replaces the log with an empty one (keeping the insertion sequence going). Under the lock. */
  async reset(): Promise<void> {
    const empty = new StoreState(this.file);
    empty.nextSequence = this.state.nextSequence;
    if (this.log.isOpen) {
      const stats = await this.log.replaceWith(await writeCompactedLog(this.file, empty));
      this.position = stats.size;
    }
    this.state = empty;
  }

  async close(): Promise<void> {
    await this.log.close();
  }

  private async replay(holdingLock: boolean): Promise<"current" | "suspect"> {
    const handle = this.log.handle;
    if (this.position === 0) {
      const header = Buffer.alloc(LOG_FILE_HEADER.length);
      const { bytesRead } = await handle.read(header, 0, header.length, 0);
      const start = header.subarray(0, bytesRead);
      if (!start.equals(LOG_FILE_HEADER.subarray(0, bytesRead))) throw notALogError(this.file, start);
      if (bytesRead < LOG_FILE_HEADER.length) {
        // Created by a process that died before its first write reached the disk: nothing was acknowledged.
        if (holdingLock && bytesRead > 0) await this.log.truncate(0);
        return "current";
      }
      this.position = LOG_FILE_HEADER.length;
    }
    const outcome = await readRecords(handle, this.position, (buffer, at, bodyLength, offset) => {
      try {
        this.state.apply(decodeFrame(buffer, at, bodyLength), buffer, offset);
      } catch (error) {
        throw damagedLogError(
          this.file,
          offset,
          `the record there cannot be used (${(error as Error).message})`,
          error,
        );
      }
      this.position = offset + FRAME_PREFIX_BYTES + bodyLength;
    });
    if (!outcome.damaged) return "current";
    const later = await findRecordAfter(handle, outcome.end);
    if (later !== undefined) {
      if (!holdingLock) return "suspect";
      throw damagedLogError(
        this.file,
        outcome.end,
        `the record there is cut short or fails its checksum, and valid records follow at byte ${later}`,
      );
    }
    if (holdingLock) await this.log.truncate(outcome.end);
    else {
      const stats = await handle.stat();
      this.tornTail = { size: stats.size, changed: stats.ctimeMs };
    }
    return "current";
  }

  private isKnownTornTail(stats: Stats): boolean {
    return this.tornTail?.size === stats.size && this.tornTail.changed === stats.ctimeMs;
  }

  // Cuts off whatever part of a failed append reached the file. Returns the problem if that failed too.
  private async rollBack(length: number): Promise<unknown> {
    try {
      await this.log.truncate(length);
      return undefined;
    } catch (error) {
      this.reloadNeeded = true;
      return error;
    }
  }

  private async forget(): Promise<void> {
    await this.log.close();
    this.state = new StoreState(this.file);
    this.position = 0;
  }
}
