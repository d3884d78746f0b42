import { CachedEmbedder, cacheKey, StorageError } from "@bedrock-embeddings/core";
import { FakeEmbedder } from "@bedrock-embeddings/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningRedis, startRedis } from "../testing/redis-fixture.js";
import { RedisVectorCache } from "./redis-vector-cache.js";

let redis: RunningRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const key = (name: string) => cacheKey("test", name);
let testNumber = 0;
const freshPrefix = () => `cache-test-${++testNumber}:`;

describe("RedisVectorCache against a real redis-server", () => {
  it("returns vectors bit for bit, undefined for the rest, and counts", async () => {
    const cache = new RedisVectorCache({ url: redis.url, prefix: freshPrefix() });
    const float32 = Array.from(new Float32Array([0.25, -0.123456789, 3.4e38, -1e-40]));
    const float64 = [0.1, 1 / 3, -0.1234567, Number.MIN_VALUE];
    await cache.setMany([
      { key: key("float32"), vector: float32 },
      { key: key("float64"), vector: float64 },
    ]);
    const [first, second, absent] = await cache.getMany([key("float32"), key("float64"), key("absent")]);
    expect(new Float64Array(first!)).toEqual(new Float64Array(float32));
    expect(second!.every((value, index) => Object.is(value, float64[index]))).toBe(true);
    expect(absent).toBeUndefined();
    expect(cache.stats).toEqual({ hits: 2, misses: 1, writes: 2, unreadable: 0 });
    expect(await cache.getMany([])).toEqual([]);
    await cache.ping();
    await cache.close();
  });

  it("lets two instances (two replicas) see each other's entries", async () => {
    const prefix = freshPrefix();
    const replicaA = new RedisVectorCache({ url: redis.url, prefix });
    const replicaB = new RedisVectorCache({ url: redis.url, prefix });
    const vector = Array.from({ length: 1024 }, (_, index) => Math.sin(index) / 7);
    await replicaA.setMany([{ key: key("shared"), vector }]);
    expect(await replicaB.getMany([key("shared")])).toEqual([vector]);
    expect(replicaB.stats).toMatchObject({ hits: 1, writes: 0 });
    await Promise.all([replicaA.close(), replicaB.close()]);
  });

  it("serves core's CachedEmbedder: what one process embedded, another reads without embedding", async () => {
    const prefix = freshPrefix();
    const first = new FakeEmbedder();
    const second = new FakeEmbedder();
    const cacheA = new RedisVectorCache({ url: redis.url, prefix });
    const cacheB = new RedisVectorCache({ url: redis.url, prefix });
    const vectors = await new CachedEmbedder(first, cacheA).embedBatch(["tea", "coffee"], "add");
    expect(await new CachedEmbedder(second, cacheB).embedBatch(["coffee", "tea"], "add")).toEqual([
      vectors[1],
      vectors[0],
    ]);
    expect(first.calls).toHaveLength(1);
    expect(second.calls).toEqual([]);
    await Promise.all([cacheA.close(), cacheB.close()]);
  });

  it("hands out copies, so changing a returned vector never changes the cache", async () => {
    const cache = new RedisVectorCache({ url: redis.url, prefix: freshPrefix() });
    await cache.setMany([{ key: key("a"), vector: [0.5, 0.25] }]);
    const [first] = await cache.getMany([key("a")]);
    first![0] = 9;
    expect(await cache.getMany([key("a")])).toEqual([[0.5, 0.25]]);
    await cache.close();
  });

  it("drops entries after the TTL", async () => {
    const cache = new RedisVectorCache({ url: redis.url, prefix: freshPrefix(), ttlSeconds: 1 });
    await cache.setMany([{ key: key("short-lived"), vector: [1] }]);
    expect(await cache.getMany([key("short-lived")])).toEqual([[1]]);
    await expect
      .poll(() => cache.getMany([key("short-lived")]), { timeout: 3_000, interval: 200 })
      .toEqual([undefined]);
    await cache.close();
  });

  it("counts a value it did not write as an unreadable miss", async () => {
    const prefix = freshPrefix();
    const cache = new RedisVectorCache({ url: redis.url, prefix });
    const { createClient } = await import("redis");
    const client = await createClient({ url: redis.url }).connect();
    await client.set(`${prefix}vector:${key("foreign")}`, "not a vector");
    await client.close();
    expect(await cache.getMany([key("foreign")])).toEqual([undefined]);
    expect(cache.stats).toMatchObject({ misses: 1, unreadable: 1 });
    await cache.close();
  });

  it("refuses a TTL that is not a whole number of seconds", () => {
    expect(() => new RedisVectorCache({ url: redis.url, ttlSeconds: 0.5 })).toThrow(
      /whole number of seconds/,
    );
  });

  it("fails with a StorageError naming the host when Redis is down", async () => {
    const stopped = await startRedis();
    await stopped.stop();
    const cache = new RedisVectorCache({
      url: `redis://:hunter2@127.0.0.1:${stopped.port}`,
      connectTimeoutMs: 300,
    });
    const error = await cache.getMany([key("a")]).catch((caught: unknown) => caught);
    expect(StorageError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(`127.0.0.1:${stopped.port}`);
    expect((error as Error).message).toContain("vector cache");
    expect((error as Error).message).not.toContain("hunter2");
    await expect(cache.ping()).rejects.toSatisfy(StorageError.isInstance);
    await cache.close();
  });
});
