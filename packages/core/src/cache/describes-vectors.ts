import type { EmbeddingBase } from "../embedding-base.js";
import type { MemoryAction } from "../memory-action.js";

/**
 * Implemented by embedders whose vectors can be cached: they can say, as a stable string,
 * everything except the text that changes a vector (provider, model id, family, dimension,
 * normalization, the input type or purpose picked for the memory action, embedding type).
 *
 * @example
 * embedder.vectorIdentity("search"); // '{"dimensions":1024,"inputType":"search_query",...}'
 */
export interface DescribesVectors {
  vectorIdentity(memoryAction?: MemoryAction): string;
}

/**
 * True when `embedder` can describe its vectors, so `CachedEmbedder` can wrap it.
 *
 * @example
 * if (describesVectors(embedder)) cached = new CachedEmbedder(embedder, cache);
 */
export function describesVectors(embedder: EmbeddingBase): embedder is EmbeddingBase & DescribesVectors {
  return typeof (embedder as Partial<DescribesVectors>).vectorIdentity === "function";
}
