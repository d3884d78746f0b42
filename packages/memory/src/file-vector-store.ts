import { defaultFileSystem, type StoreFileSystem } from "./atomic-write.js";
import { readStoreFile, writeStoreFile } from "./store-files.js";
import { TableVectorStore } from "./table-vector-store.js";
import { parseVectorTable, serializeVectorTable } from "./vector-file-format.js";
import { VectorTable } from "./vector-table.js";
import { WriteQueue } from "./write-queue.js";

/**
 * Options of `FileVectorStore`.
 *
 * @example
 * new FileVectorStore({ file: "/data/memories.json" });
 */
export interface FileVectorStoreOptions {
  /** The JSON file the store lives in; its directory is created on first write. */
  file: string;
  /** File functions to use instead of `node:fs/promises` (to simulate failures in tests). */
  fileSystem?: StoreFileSystem;
}

/**
 * A `VectorStore` persisted to one JSON file, the default of a `Memory` with `dataDirectory`.
 * Every write replaces the file atomically (temp file, fsync, rename, directory fsync), so a crash
 * never leaves a half-written file, and a write resolves only once it is on disk. Concurrent writes
 * of the process are queued and saved together. A file that cannot be parsed is reported with its
 * name and never overwritten. One process per file: there is no cross-process locking.
 *
 * @example
 * const store = new FileVectorStore({ file: "/data/memories.json" });
 * await store.initialize({ dimension: 1024, modelId: "amazon.titan-embed-text-v2:0" });
 */
export class FileVectorStore extends TableVectorStore {
  readonly file: string;
  private readonly fileSystem: StoreFileSystem;
  private committed: VectorTable | undefined;
  private loading: Promise<VectorTable> | undefined;
  private readonly queue: WriteQueue<VectorTable>;

  constructor(options: FileVectorStoreOptions) {
    super();
    this.file = options.file;
    this.fileSystem = options.fileSystem ?? defaultFileSystem;
    this.queue = new WriteQueue<VectorTable>({
      base: () => this.readTable(),
      clone: (table) => table.clone(),
      changed: (draft, base) => draft.revision !== base.revision,
      persist: (draft) => writeStoreFile(this.file, serializeVectorTable(draft), this.fileSystem),
      commit: (draft) => {
        this.committed = draft;
      },
    });
  }

  protected readTable(): Promise<VectorTable> {
    if (this.committed) return Promise.resolve(this.committed);
    this.loading ??= this.load().then(
      (table) => {
        this.committed ??= table;
        return this.committed;
      },
      (error: unknown) => {
        // Let a later call retry (for example after the file was fixed or moved aside).
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  protected write<Result>(change: (table: VectorTable) => Result): Promise<Result> {
    return this.queue.run(change);
  }

  protected loadedTable(): VectorTable | undefined {
    return this.committed;
  }

  private async load(): Promise<VectorTable> {
    const location = { description: "The memory store", file: this.file };
    const text = await readStoreFile(this.file, this.fileSystem);
    return text === undefined ? new VectorTable(location) : parseVectorTable(text, location);
  }
}
