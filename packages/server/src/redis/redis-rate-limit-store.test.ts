import { createServer, type Server } from "node:net";
import { StorageError } from "@bedrock-embeddings/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningRedis, startRedis } from "../testing/redis-fixture.js";
import { RedisRateLimitStore } from "./redis-rate-limit-store.js";

let redis: RunningRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

// 20 s into a minute, so every take in a test falls in one window.
const clock = () => 1_800_000_020_000;
let testNumber = 0;
/** Two stores on one Redis, as two replicas would be, with a prefix of their own per test. */
function replicas(): [RedisRateLimitStore, RedisRateLimitStore] {
  const prefix = `test-${++testNumber}:`;
  return [
    new RedisRateLimitStore({ url: redis.url, prefix, now: clock }),
    new RedisRateLimitStore({ url: redis.url, prefix, now: clock }),
  ];
}

describe("RedisRateLimitStore against a real redis-server", () => {
  it("shares one budget between two replicas and refuses with retry-after", async () => {
    const [first, second] = replicas();
    const limits = { requestsPerMinute: 3, tokensPerMinute: 100 };
    expect(await first.take("key", limits, 10)).toEqual({
      allowed: true,
      requests: { limit: 3, remaining: 2, resetSeconds: 40 },
      tokens: { limit: 100, remaining: 90, resetSeconds: 40 },
    });
    expect(await second.take("key", limits, 10)).toMatchObject({ requests: { remaining: 1 } });
    expect(await first.take("key", limits, 10)).toMatchObject({ allowed: true, requests: { remaining: 0 } });
    expect(await second.take("key", limits, 10)).toEqual({
      allowed: false,
      exceeded: "requests",
      retryAfterSeconds: 40,
      requests: { limit: 3, remaining: 0, resetSeconds: 40 },
      tokens: { limit: 100, remaining: 70, resetSeconds: 40 },
    });
    await Promise.all([first.close(), second.close()]);
  });

  it("does not count a refused request against either budget", async () => {
    const [first, second] = replicas();
    const limits = { requestsPerMinute: 5, tokensPerMinute: 100 };
    await first.take("key", limits, 90);
    expect(await second.take("key", limits, 20)).toMatchObject({
      allowed: false,
      exceeded: "tokens",
      requests: { remaining: 4 },
      tokens: { remaining: 10 },
    });
    expect(await second.take("key", limits, 10)).toMatchObject({ allowed: true, tokens: { remaining: 0 } });
    await Promise.all([first.close(), second.close()]);
  });

  it("never lets 50 parallel takes from two replicas exceed the limit", async () => {
    const [first, second] = replicas();
    const limits = { requestsPerMinute: 17 };
    const decisions = await Promise.all(
      Array.from({ length: 50 }, (_, index) => (index % 2 === 0 ? first : second).take("key", limits, 1)),
    );
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(17);
    const remaining = decisions
      .filter((decision) => decision.allowed)
      .map((decision) => decision.requests!.remaining);
    // Each allowed take saw its own count: 16, 15, ... 0 exactly once.
    expect(remaining.sort((left, right) => right - left)).toEqual(
      Array.from({ length: 17 }, (_, index) => 16 - index),
    );
    await Promise.all([first.close(), second.close()]);
  });

  it("starts a fresh budget in the next minute", async () => {
    let now = 1_800_000_059_000;
    const store = new RedisRateLimitStore({
      url: redis.url,
      prefix: `test-${++testNumber}:`,
      now: () => now,
    });
    expect((await store.take("key", { requestsPerMinute: 1 }, 0)).allowed).toBe(true);
    expect(await store.take("key", { requestsPerMinute: 1 }, 0)).toMatchObject({
      allowed: false,
      retryAfterSeconds: 1,
    });
    now += 1_000;
    expect(await store.take("key", { requestsPerMinute: 1 }, 0)).toMatchObject({
      allowed: true,
      requests: { remaining: 0, resetSeconds: 60 },
    });
    await store.close();
  });
});

describe("RedisRateLimitStore when Redis is not there", () => {
  it("fails with a StorageError naming the host, within the connect timeout, when nothing listens", async () => {
    const stopped = await startRedis();
    await stopped.stop();
    const store = new RedisRateLimitStore({
      url: `redis://:hunter2@127.0.0.1:${stopped.port}`,
      connectTimeoutMs: 300,
    });
    const started = Date.now();
    const error = await store.take("key", { requestsPerMinute: 1 }, 1).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(StorageError.isInstance(error)).toBe(true);
    expect((error as StorageError).message).toContain(`127.0.0.1:${stopped.port}`);
    expect((error as StorageError).message).not.toContain("hunter2");
    expect((error as StorageError).fix).toMatch(/server\.redis_url/);
    await store.close();
  });

  it("fails within the timeout when Redis accepts the connection but never answers", async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as { port: number }).port;
    const store = new RedisRateLimitStore({ url: `redis://127.0.0.1:${port}`, connectTimeoutMs: 300 });
    const started = Date.now();
    await expect(store.take("key", {}, 1)).rejects.toSatisfy(StorageError.isInstance);
    expect(Date.now() - started).toBeLessThan(2_000);
    await store.close();
    silent.close();
  });

  it("fails at once while Redis is gone and works again when it is back", async () => {
    const own = await startRedis();
    const store = new RedisRateLimitStore({ url: own.url, connectTimeoutMs: 300, commandTimeoutMs: 300 });
    await store.ping();
    expect((await store.take("key", { requestsPerMinute: 5 }, 1)).allowed).toBe(true);
    await own.stop();
    const started = Date.now();
    await expect(store.take("key", { requestsPerMinute: 5 }, 1)).rejects.toSatisfy(StorageError.isInstance);
    await expect(store.ping()).rejects.toSatisfy(StorageError.isInstance);
    expect(Date.now() - started).toBeLessThan(1_000);
    const again = await startRedis({ port: own.port });
    await expect
      .poll(() => store.take("key", { requestsPerMinute: 5 }, 1).catch(() => undefined), { timeout: 5_000 })
      .toMatchObject({ allowed: true });
    await store.close();
    await again.stop();
  });
});
