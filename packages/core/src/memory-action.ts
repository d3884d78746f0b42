/**
 * What a memory layer is doing with a text, in mem0's words. Embedders use it to pick an
 * asymmetric mode: documents are embedded for indexing, queries for retrieval.
 *
 * @example
 * await embedder.embed("where does Alice live?", "search");
 */
export type MemoryAction = "add" | "update" | "search";

export const MEMORY_ACTIONS: readonly MemoryAction[] = ["add", "update", "search"];

/** True when the text is a query (retrieval side) rather than a document (index side). */
export function isQueryAction(action: MemoryAction | undefined): boolean {
  return action === "search";
}
