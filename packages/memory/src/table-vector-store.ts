import type {
  VectorListOptions,
  VectorSearchOptions,
  VectorStore,
  VectorStoreBinding,
  VectorStoreEntry,
  VectorStoreFilter,
  VectorStoreHit,
  VectorStoreRecord,
} from "./vector-store.js";
import type { VectorTable } from "./vector-table.js";

/**
 * A `VectorStore` over a `VectorTable`; subclasses decide where the table lives and how writes
 * are made durable.
 *
 * @example
 * class MyStore extends TableVectorStore { ... } // implement readTable, write, loadedTable
 */
export abstract class TableVectorStore implements VectorStore {
  /** The committed table (loaded on first use). */
  protected abstract readTable(): Promise<VectorTable>;
  /** Applies `change` to the table; resolves once the change is durable and visible. */
  protected abstract write<Result>(change: (table: VectorTable) => Result): Promise<Result>;
  /** The committed table if already loaded. */
  protected abstract loadedTable(): VectorTable | undefined;

  get dimension(): number | undefined {
    return this.loadedTable()?.binding?.dimension;
  }

  get modelId(): string | undefined {
    return this.loadedTable()?.binding?.modelId;
  }

  async initialize(binding: VectorStoreBinding): Promise<void> {
    await this.write((table) => table.bind(binding));
  }

  async insert(records: readonly VectorStoreRecord[]): Promise<void> {
    await this.write((table) => table.insert(records));
  }

  async upsert(records: readonly VectorStoreRecord[]): Promise<void> {
    await this.write((table) => table.upsert(records));
  }

  update(record: VectorStoreRecord): Promise<VectorStoreEntry | null> {
    return this.write((table) => table.update(record));
  }

  async search(vector: readonly number[], options: VectorSearchOptions): Promise<VectorStoreHit[]> {
    return (await this.readTable()).search(vector, options);
  }

  async get(id: string): Promise<VectorStoreRecord | null> {
    return (await this.readTable()).get(id);
  }

  async list(options?: VectorListOptions): Promise<VectorStoreEntry[]> {
    return (await this.readTable()).list(options);
  }

  delete(id: string): Promise<VectorStoreEntry | null> {
    return this.write((table) => table.delete(id));
  }

  deleteWhere(filter: VectorStoreFilter): Promise<VectorStoreEntry[]> {
    return this.write((table) => table.deleteWhere(filter));
  }

  async reset(): Promise<void> {
    await this.write((table) => table.clear());
  }
}
