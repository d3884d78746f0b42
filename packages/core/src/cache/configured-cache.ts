import type { EmbeddingBase } from "../embedding-base.js";
import { CachedEmbedder } from "./cached-embedder.js";
import { FileVectorCache } from "./file-vector-cache.js";
import { MemoryVectorCache } from "./memory-vector-cache.js";
import { TieredVectorCache } from "./tiered-vector-cache.js";
import type { VectorCache } from "./vector-cache.js";

/**
 * The `cache` block of the embedder options: an in-memory LRU, a folder on disk, or both
 * (memory in front). Both are off unless given.
 *
 * @example
 * const options: VectorCacheOptions = { memoryEntries: 10_000, directory: ".cache/vectors" };
 */
export interface VectorCacheOptions {
  /** Vectors kept in memory (least recently used dropped first); 0 or absent turns the memory tier off. */
  memoryEntries?: number | undefined;
  /** Folder of the persistent cache; relative paths are resolved against the working directory. */
  directory?: string | undefined;
}

/**
 * The cache the options describe, or undefined when they turn every tier off.
 *
 * @example
 * createVectorCache({ directory: ".cache/vectors" }); // a FileVectorCache
 */
export function createVectorCache(options: VectorCacheOptions | undefined): VectorCache | undefined {
  const memoryEntries = options?.memoryEntries ?? 0;
  const memory = memoryEntries > 0 ? new MemoryVectorCache({ maxEntries: memoryEntries }) : undefined;
  const files =
    options?.directory === undefined ? undefined : new FileVectorCache({ directory: options.directory });
  if (memory && files) return new TieredVectorCache(memory, files);
  return memory ?? files;
}

/**
 * `embedder` behind the cache the options describe, or `embedder` itself when no cache is
 * configured. Providers call this so `cache` in a config file works for every embedder that
 * can describe its vectors.
 *
 * @example
 * const embedder = withVectorCache(new BedrockEmbedder(options), { directory: ".cache/vectors" });
 */
export function withVectorCache(
  embedder: EmbeddingBase,
  options: VectorCacheOptions | undefined,
): EmbeddingBase {
  const cache = createVectorCache(options);
  return cache === undefined ? embedder : new CachedEmbedder(embedder, cache);
}
