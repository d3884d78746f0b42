import type { FilterExpression } from "../filter/filter-expression.js";
import type { VectorStore, VectorStoreEntry } from "../vector-store.js";

/** Entries per `list` call when a caller does not say. */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * Every entry matching `filter`, one `list` page at a time, so a store of any size is read with
 * one page in memory.
 *
 * @example
 * for await (const page of storePages(store, { pageSize: 500 })) await copy(page);
 */
export async function* storePages(
  store: VectorStore,
  options: { filter?: FilterExpression; pageSize?: number } = {},
): AsyncGenerator<VectorStoreEntry[]> {
  let cursor: string | undefined;
  do {
    const page = await store.list({
      limit: options.pageSize ?? DEFAULT_PAGE_SIZE,
      ...(options.filter === undefined ? {} : { filter: options.filter }),
      ...(cursor === undefined ? {} : { cursor }),
    });
    if (page.entries.length > 0) yield page.entries;
    cursor = page.nextCursor;
  } while (cursor !== undefined);
}
