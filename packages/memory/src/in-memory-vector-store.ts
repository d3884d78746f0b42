import { TableVectorStore } from "./table-vector-store.js";
import { VectorTable } from "./vector-table.js";

/**
 * A `VectorStore` that keeps everything in process memory (lost on exit): the default of a
 * `Memory` without `dataDirectory`, and handy in tests. Brute-force cosine search.
 *
 * @example
 * const memory = new Memory({ embedder, vectorStore: new InMemoryVectorStore() });
 */
export class InMemoryVectorStore extends TableVectorStore {
  private readonly table = new VectorTable({ description: "The in-memory vector store" });

  protected async readTable(): Promise<VectorTable> {
    return this.table;
  }

  // Table changes are synchronous and validate before they modify, so no queue is needed.
  protected async write<Result>(change: (table: VectorTable) => Result): Promise<Result> {
    return change(this.table);
  }

  protected loadedTable(): VectorTable {
    return this.table;
  }
}
