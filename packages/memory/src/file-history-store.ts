import { defaultFileSystem, type StoreFileSystem } from "./atomic-write.js";
import type { HistoryStore } from "./history.js";
import { isPlainObject } from "./json-value.js";
import type { MemoryHistoryEntry } from "./memory-types.js";
import { parseStoreDocument, type StoreDocumentKind, serializeStoreDocument } from "./store-document.js";
import { corruptFileError, readStoreFile, writeStoreFile } from "./store-files.js";
import { WriteQueue } from "./write-queue.js";

const KIND: StoreDocumentKind = { format: "bedrock-embeddings/memory-history", version: 1 };
const EVENTS: readonly unknown[] = ["ADD", "UPDATE", "DELETE"];

interface HistoryLog {
  entries: MemoryHistoryEntry[];
  revision: number;
}

/**
 * Options of `FileHistoryStore`.
 *
 * @example
 * new FileHistoryStore({ file: "/data/memories.history.json" });
 */
export interface FileHistoryStoreOptions {
  file: string;
  /** File functions to use instead of `node:fs/promises` (to simulate failures in tests). */
  fileSystem?: StoreFileSystem;
}

/**
 * A `HistoryStore` persisted to one JSON file with the same guarantees as `FileVectorStore`:
 * atomic replacement, queued writes, and a clear error (never an overwrite) for a corrupted file.
 *
 * @example
 * const history = new FileHistoryStore({ file: "/data/memories.history.json" });
 * await history.list("m1");
 */
export class FileHistoryStore implements HistoryStore {
  readonly file: string;
  private readonly fileSystem: StoreFileSystem;
  private committed: HistoryLog | undefined;
  private loading: Promise<HistoryLog> | undefined;
  private readonly queue: WriteQueue<HistoryLog>;

  constructor(options: FileHistoryStoreOptions) {
    this.file = options.file;
    this.fileSystem = options.fileSystem ?? defaultFileSystem;
    this.queue = new WriteQueue<HistoryLog>({
      base: () => this.read(),
      clone: (log) => ({ entries: [...log.entries], revision: log.revision }),
      changed: (draft, base) => draft.revision !== base.revision,
      persist: (draft) => writeStoreFile(this.file, serializeHistory(draft.entries), this.fileSystem),
      commit: (draft) => {
        this.committed = draft;
      },
    });
  }

  async append(entries: readonly MemoryHistoryEntry[]): Promise<void> {
    const copies = entries.map((entry) => ({ ...entry }));
    await this.queue.run((log) => {
      if (copies.length === 0) return;
      log.entries.push(...copies);
      log.revision++;
    });
  }

  async list(memoryId: string): Promise<MemoryHistoryEntry[]> {
    const log = await this.read();
    return log.entries.filter((entry) => entry.memoryId === memoryId).map((entry) => ({ ...entry }));
  }

  async reset(): Promise<void> {
    await this.queue.run((log) => {
      if (log.entries.length === 0) return;
      log.entries = [];
      log.revision++;
    });
  }

  private read(): Promise<HistoryLog> {
    if (this.committed) return Promise.resolve(this.committed);
    this.loading ??= this.load().then(
      (log) => {
        this.committed ??= log;
        return this.committed;
      },
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    return this.loading;
  }

  private async load(): Promise<HistoryLog> {
    const text = await readStoreFile(this.file, this.fileSystem);
    return { entries: text === undefined ? [] : parseHistory(text, this.file), revision: 0 };
  }
}

function serializeHistory(entries: readonly MemoryHistoryEntry[]): string {
  return serializeStoreDocument(KIND, {}, "entries", entries);
}

function parseHistory(text: string, file: string): MemoryHistoryEntry[] {
  const { items: entries } = parseStoreDocument(text, file, KIND, "entries");
  return entries.map((entry: unknown, index) => {
    if (!isHistoryEntry(entry)) throw corruptFileError(file, `history entry ${index} is not a valid entry`);
    return entry;
  });
}

function isHistoryEntry(value: unknown): value is MemoryHistoryEntry {
  if (!isPlainObject(value)) return false;
  const nullableString = (field: unknown) => field === null || typeof field === "string";
  return (
    typeof value["id"] === "string" &&
    typeof value["memoryId"] === "string" &&
    nullableString(value["previousValue"]) &&
    nullableString(value["newValue"]) &&
    EVENTS.includes(value["event"]) &&
    typeof value["createdAt"] === "string"
  );
}
