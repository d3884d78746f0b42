export { cacheKey, describeVectorIdentity, isCacheKey } from "./cache-key.js";
export {
  type CachedEmbedBatchDetailed,
  CachedEmbedder,
  type CachedEmbedderOptions,
} from "./cached-embedder.js";
export { createVectorCache, type VectorCacheOptions, withVectorCache } from "./configured-cache.js";
export { type DescribesVectors, describesVectors } from "./describes-vectors.js";
export {
  type CacheFileSystem,
  FileVectorCache,
  type FileVectorCacheOptions,
  type FileVectorCacheStats,
} from "./file-vector-cache.js";
export {
  MemoryVectorCache,
  type MemoryVectorCacheOptions,
  type MemoryVectorCacheStats,
} from "./memory-vector-cache.js";
export { TieredVectorCache } from "./tiered-vector-cache.js";
export type { VectorCache, VectorCacheEntry, VectorCacheStats } from "./vector-cache.js";
