import { ConfigurationError } from "../errors/configuration-error.js";
import type { VectorCache, VectorCacheEntry, VectorCacheStats } from "./vector-cache.js";

/**
 * Options of `MemoryVectorCache`.
 *
 * @example
 * const options: MemoryVectorCacheOptions = { maxEntries: 10_000 };
 */
export interface MemoryVectorCacheOptions {
  /** Entries kept; the least recently used one is dropped to make room. */
  maxEntries: number;
}

/**
 * Counters of a `MemoryVectorCache`, with its size and evictions.
 *
 * @example
 * memory.stats.evictions; // 3
 */
export interface MemoryVectorCacheStats extends VectorCacheStats {
  /** Entries held now. */
  entries: number;
  /** Entries dropped because the cache was full. */
  evictions: number;
}

/**
 * An in-process LRU of vectors: a hit or a write makes the entry the most recently used, and
 * the least recently used entry goes when `maxEntries` is reached. Vectors are held as
 * Float64Array copies (exact values, about 8 bytes per dimension).
 *
 * @example
 * const cache = new MemoryVectorCache({ maxEntries: 10_000 });
 * await cache.setMany([{ key, vector }]);
 * const [again] = await cache.getMany([key]);
 */
export class MemoryVectorCache implements VectorCache {
  readonly maxEntries: number;
  // A Map iterates in insertion order; re-inserting on use keeps the least recently used first.
  readonly #entries = new Map<string, Float64Array>();
  readonly #stats = { hits: 0, misses: 0, writes: 0, evictions: 0 };

  constructor(options: MemoryVectorCacheOptions) {
    if (!Number.isSafeInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new ConfigurationError(
        `memoryEntries must be a whole number of 1 or more, got ${options.maxEntries}.`,
        {
          path: "cache.memoryEntries",
          fix: "Give the number of vectors to keep in memory, or leave the memory cache out (0 turns it off in config files).",
        },
      );
    }
    this.maxEntries = options.maxEntries;
  }

  get stats(): MemoryVectorCacheStats {
    return { ...this.#stats, entries: this.#entries.size };
  }

  async getMany(keys: readonly string[]): Promise<(number[] | undefined)[]> {
    return keys.map((key) => {
      const stored = this.#entries.get(key);
      if (stored === undefined) {
        this.#stats.misses++;
        return undefined;
      }
      this.#entries.delete(key);
      this.#entries.set(key, stored);
      this.#stats.hits++;
      return Array.from(stored);
    });
  }

  async setMany(entries: readonly VectorCacheEntry[]): Promise<void> {
    for (const { key, vector } of entries) {
      this.#entries.delete(key);
      this.#entries.set(key, Float64Array.from(vector));
      this.#stats.writes++;
      while (this.#entries.size > this.maxEntries) {
        const oldest = this.#entries.keys().next().value as string;
        this.#entries.delete(oldest);
        this.#stats.evictions++;
      }
    }
  }
}
