import { type Stats, statSync } from "node:fs";
import { type FileHandle, mkdir, open, rename } from "node:fs/promises";
import { dirname } from "node:path";
import { syncDirectory } from "./sync-directory.js";

/**
 * The open log file of one store: which file (device and inode) the handle reads, so that a log
 * replaced by another process's compaction is noticed, and the few writes a log needs (append with
 * fsync, truncate a torn tail, swap in a compacted file). It never deletes the log.
 *
 * @example
 * const log = new LogFile("/data/memories.log");
 * const now = await log.current();
 * if (now && !log.isOpenOn(now)) await log.open();
 */
export class LogFile {
  private openHandle: FileHandle | undefined;
  private device = -1;
  private inode = -1;
  /** False when the file could only be opened read-only (writes will fail with the system's error). */
  writable = false;

  constructor(readonly path: string) {}

  /** The handle; only valid after `open` or `create`. */
  get handle(): FileHandle {
    if (!this.openHandle) throw new Error(`${this.path} is not open`);
    return this.openHandle;
  }

  get isOpen(): boolean {
    return this.openHandle !== undefined;
  }

  /**
   * The file now at the path, or undefined if there is none. Synchronous on purpose: every read and
   * write starts with it, and a stat takes microseconds where an async one costs a thread-pool round trip.
   */
  current(): Stats | undefined {
    return statSync(this.path, { throwIfNoEntry: false });
  }

  /** True when the open handle reads the file described by `stats`. */
  isOpenOn(stats: Stats): boolean {
    return this.openHandle !== undefined && stats.dev === this.device && stats.ino === this.inode;
  }

  /** Opens the file at the path (read-write if allowed), closing any previous handle; its stats. */
  async open(): Promise<Stats> {
    await this.close();
    let handle: FileHandle;
    try {
      handle = await open(this.path, "r+");
      this.writable = true;
    } catch (error) {
      if (!isPermissionError(error)) throw error;
      handle = await open(this.path, "r");
      this.writable = false;
    }
    return this.adopt(handle);
  }

  /** Creates the file (and its directory) for a first write; the caller holds the write lock. */
  async create(): Promise<void> {
    await this.close();
    const directory = dirname(this.path);
    const firstCreated = await mkdir(directory, { recursive: true });
    const handle = await open(this.path, "wx+", 0o600);
    this.writable = true;
    await this.adopt(handle);
    await syncDirectory(directory);
    // New directories must be recorded in their parents too, or a power loss could lose the path.
    if (firstCreated !== undefined) {
      for (let folder = directory; folder !== dirname(firstCreated); folder = dirname(folder)) {
        await syncDirectory(dirname(folder));
      }
    }
  }

  /** Writes `frames` at `position` and waits until they are on disk. */
  async append(frames: readonly Buffer[], position: number): Promise<void> {
    const expected = frames.reduce((sum, frame) => sum + frame.length, 0);
    const { bytesWritten } = await this.handle.writev([...frames], position);
    if (bytesWritten !== expected)
      throw new Error(`wrote ${bytesWritten} of ${expected} bytes to ${this.path}`);
    await this.handle.datasync();
  }

  /** Cuts the file at `length` (a torn tail, or a failed append) and waits until that is on disk. */
  async truncate(length: number): Promise<void> {
    await this.handle.truncate(length);
    await this.handle.datasync();
  }

  /** Renames a complete, synced file over the log and opens it. */
  async replaceWith(temporaryPath: string): Promise<Stats> {
    await rename(temporaryPath, this.path);
    await syncDirectory(dirname(this.path));
    return this.open();
  }

  async close(): Promise<void> {
    const handle = this.openHandle;
    this.openHandle = undefined;
    this.device = -1;
    this.inode = -1;
    await handle?.close();
  }

  private async adopt(handle: FileHandle): Promise<Stats> {
    this.openHandle = handle;
    const stats = await handle.stat();
    this.device = stats.dev;
    this.inode = stats.ino;
    return stats;
  }
}

function isPermissionError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "EACCES" || code === "EPERM" || code === "EROFS";
}
