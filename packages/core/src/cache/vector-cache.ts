/**
 * One vector to store under its content-addressed key.
 *
 * @example
 * const entry: VectorCacheEntry = { key: cacheKey(embedder.vectorIdentity("add"), "Alice likes tea"), vector };
 */
export interface VectorCacheEntry {
  /** A `cacheKey` result: 64 lowercase hex characters. */
  key: string;
  vector: readonly number[];
}

/**
 * Counters since the cache was opened, for reports and tests.
 *
 * @example
 * cache.stats; // { hits: 98, misses: 2, writes: 2 }
 */
export interface VectorCacheStats {
  /** Keys found by `getMany`. */
  hits: number;
  /** Keys not found (or found unreadable) by `getMany`. */
  misses: number;
  /** Entries stored by `setMany`. */
  writes: number;
}

/**
 * A store of vectors by content-addressed key (see `cacheKey`). Implementations return copies, so
 * a caller that changes a returned vector never changes what is cached.
 *
 * @example
 * const cache: VectorCache = new TieredVectorCache(new MemoryVectorCache({ maxEntries: 10_000 }), new FileVectorCache({ directory: ".cache/vectors" }));
 * const [vector] = await cache.getMany([key]); // undefined when not cached
 */
export interface VectorCache {
  /** One entry per key, in order: the vector, or undefined when it is not cached. */
  getMany(keys: readonly string[]): Promise<(number[] | undefined)[]>;
  setMany(entries: readonly VectorCacheEntry[]): Promise<void>;
  readonly stats: VectorCacheStats;
}
