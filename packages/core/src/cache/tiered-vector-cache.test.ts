import { describe, expect, it } from "vitest";
import { cacheKey } from "./cache-key.js";
import { MemoryVectorCache } from "./memory-vector-cache.js";
import { TieredVectorCache } from "./tiered-vector-cache.js";

const key = (name: string) => cacheKey("test", name);

describe("TieredVectorCache", () => {
  it("asks the back only for what the front lacks, and copies those hits to the front", async () => {
    const front = new MemoryVectorCache({ maxEntries: 10 });
    const back = new MemoryVectorCache({ maxEntries: 10 });
    await back.setMany([{ key: key("disk"), vector: [2] }]);
    await front.setMany([{ key: key("memory"), vector: [1] }]);
    const tiered = new TieredVectorCache(front, back);

    expect(await tiered.getMany([key("memory"), key("disk"), key("none")])).toEqual([[1], [2], undefined]);
    expect(back.stats).toMatchObject({ hits: 1, misses: 1 });
    expect(await tiered.getMany([key("disk")])).toEqual([[2]]);
    expect(back.stats.hits).toBe(1);
    expect(tiered.stats).toEqual({ hits: 3, misses: 1, writes: 0 });
  });

  it("writes to both tiers", async () => {
    const front = new MemoryVectorCache({ maxEntries: 10 });
    const back = new MemoryVectorCache({ maxEntries: 10 });
    await new TieredVectorCache(front, back).setMany([{ key: key("a"), vector: [3] }]);
    expect(await front.getMany([key("a")])).toEqual([[3]]);
    expect(await back.getMany([key("a")])).toEqual([[3]]);
  });
});
