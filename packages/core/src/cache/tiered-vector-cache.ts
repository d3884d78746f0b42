import type { VectorCache, VectorCacheEntry, VectorCacheStats } from "./vector-cache.js";

/**
 * A fast cache in front of a slower one, usually memory in front of disk: reads try the front
 * first and only ask the back for what the front lacks (copying those hits to the front);
 * writes go to both.
 *
 * @example
 * const cache = new TieredVectorCache(new MemoryVectorCache({ maxEntries: 10_000 }), new FileVectorCache({ directory: ".cache/vectors" }));
 */
export class TieredVectorCache implements VectorCache {
  readonly front: VectorCache;
  readonly back: VectorCache;
  readonly #stats = { hits: 0, misses: 0, writes: 0 };

  constructor(front: VectorCache, back: VectorCache) {
    this.front = front;
    this.back = back;
  }

  /** Hits in either tier, misses in both, entries written. */
  get stats(): VectorCacheStats {
    return { ...this.#stats };
  }

  async getMany(keys: readonly string[]): Promise<(number[] | undefined)[]> {
    const found = await this.front.getMany(keys);
    const missing = keys.flatMap((key, index) => (found[index] === undefined ? [{ key, index }] : []));
    if (missing.length > 0) {
      const fromBack = await this.back.getMany(missing.map((entry) => entry.key));
      const promoted: VectorCacheEntry[] = [];
      missing.forEach(({ key, index }, position) => {
        const vector = fromBack[position];
        if (vector === undefined) return;
        found[index] = vector;
        promoted.push({ key, vector });
      });
      if (promoted.length > 0) await this.front.setMany(promoted);
    }
    for (const vector of found) {
      if (vector === undefined) this.#stats.misses++;
      else this.#stats.hits++;
    }
    return found;
  }

  async setMany(entries: readonly VectorCacheEntry[]): Promise<void> {
    await Promise.all([this.front.setMany(entries), this.back.setMany(entries)]);
    this.#stats.writes += entries.length;
  }
}
