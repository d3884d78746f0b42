import { ConfigurationError } from "@bedrock-embeddings/core";

const FULL_STORES =
  "Use a store of @bedrock-embeddings/memory (the file store or pgvector) for get, getAll, update, delete, " +
  "deleteAll and reset on memories written before this process started, or start the adapter on an empty " +
  "LangChain store (a new collection or index).";

/**
 * The error for an operation on a record the adapter cannot see: LangChain cannot read a record
 * by id, and the store held memories before the adapter started.
 *
 * @example
 * throw unknownRecordError("get", id, "the LangChain store (pgvector)");
 */
export function unknownRecordError(operation: string, id: string, storeName: string): ConfigurationError {
  return new ConfigurationError(
    `${operation}(${JSON.stringify(id)}) cannot be answered: LangChain's VectorStore API cannot read a record ` +
      `by id, and ${storeName} already held memories when the adapter started, so it only knows the records ` +
      "it wrote since.",
    { fix: FULL_STORES },
  );
}

/**
 * The error for an operation over every record (list, delete by filter, reset) on a store that
 * held memories before the adapter started.
 *
 * @example
 * throw partialViewError("list", "the LangChain store (pgvector)");
 */
export function partialViewError(operation: string, storeName: string): ConfigurationError {
  return new ConfigurationError(
    `${operation} cannot be answered: LangChain's VectorStore API cannot list or delete by filter, and ` +
      `${storeName} already held memories when the adapter started, so it only knows the records it wrote since.`,
    { fix: FULL_STORES },
  );
}

/**
 * Calls the store's `delete({ ids })`, turning LangChain's "Not implemented" (stores without it,
 * like MemoryVectorStore) into a ConfigurationError naming the operation that needed it.
 *
 * @example
 * await deleteByIds(store, ["m1"], "update", "the LangChain store (memory)");
 */
export async function deleteByIds(
  store: { delete(parameters: { ids: string[] }): Promise<void> },
  ids: string[],
  operation: string,
  storeName: string,
): Promise<void> {
  try {
    await store.delete({ ids });
  } catch (error) {
    // LangChain's base VectorStore.delete throws "Not implemented." for stores that cannot delete:
    // that is the store's limit, which the caller must hear about as such.
    if (error instanceof Error && /not implemented/i.test(error.message)) {
      throw new ConfigurationError(
        `${operation} needs the LangChain store's delete({ ids }), which ${storeName} does not implement.`,
        { cause: error, fix: `Use a LangChain store that deletes by id, or skip ${operation} on this one.` },
      );
    }
    throw error;
  }
}
