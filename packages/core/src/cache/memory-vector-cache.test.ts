import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../errors/configuration-error.js";
import { cacheKey } from "./cache-key.js";
import { MemoryVectorCache } from "./memory-vector-cache.js";

const key = (name: string) => cacheKey("test", name);

describe("MemoryVectorCache", () => {
  it("returns what was stored, undefined for the rest, and counts", async () => {
    const cache = new MemoryVectorCache({ maxEntries: 10 });
    await cache.setMany([{ key: key("a"), vector: [0.1, 1 / 3] }]);
    expect(await cache.getMany([key("a"), key("b")])).toEqual([[0.1, 1 / 3], undefined]);
    expect(cache.stats).toEqual({ hits: 1, misses: 1, writes: 1, entries: 1, evictions: 0 });
  });

  it("evicts the least recently used entry, where reads count as use", async () => {
    const cache = new MemoryVectorCache({ maxEntries: 2 });
    await cache.setMany([
      { key: key("a"), vector: [1] },
      { key: key("b"), vector: [2] },
    ]);
    await cache.getMany([key("a")]); // b is now the least recently used
    await cache.setMany([{ key: key("c"), vector: [3] }]);
    expect(await cache.getMany([key("a"), key("b"), key("c")])).toEqual([[1], undefined, [3]]);
    // Order of use is now a, c; writing d pushes a out.
    await cache.setMany([{ key: key("d"), vector: [4] }]);
    expect(await cache.getMany([key("a"), key("c"), key("d")])).toEqual([undefined, [3], [4]]);
    expect(cache.stats.evictions).toBe(2);
    expect(cache.stats.entries).toBe(2);
  });

  it("rewriting a key makes it the most recent without growing", async () => {
    const cache = new MemoryVectorCache({ maxEntries: 2 });
    await cache.setMany([
      { key: key("a"), vector: [1] },
      { key: key("b"), vector: [2] },
      { key: key("a"), vector: [1] },
      { key: key("c"), vector: [3] },
    ]);
    expect(await cache.getMany([key("a"), key("b"), key("c")])).toEqual([[1], undefined, [3]]);
  });

  it("hands out copies, so changing a vector never changes the cache", async () => {
    const cache = new MemoryVectorCache({ maxEntries: 2 });
    const stored = [0.5, 0.25];
    await cache.setMany([{ key: key("a"), vector: stored }]);
    stored[0] = 9;
    const [first] = await cache.getMany([key("a")]);
    first![1] = 9;
    expect(await cache.getMany([key("a")])).toEqual([[0.5, 0.25]]);
  });

  it("rejects a size below 1 with the config path", () => {
    for (const maxEntries of [0, -1, 1.5]) {
      expect(() => new MemoryVectorCache({ maxEntries })).toThrow(
        expect.objectContaining({ path: "cache.memoryEntries", code: "CONFIGURATION" }),
      );
    }
    expect(ConfigurationError.isInstance(catchError(() => new MemoryVectorCache({ maxEntries: 0 })))).toBe(
      true,
    );
  });
});

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}
