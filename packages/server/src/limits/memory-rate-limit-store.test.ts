import { InputError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { MemoryRateLimitStore } from "./memory-rate-limit-store.js";

/** A clock the test moves by hand, starting 20 s into a minute. */
function manualClock(start = 1_800_000_020_000) {
  let now = start;
  return { now: () => now, advance: (milliseconds: number) => (now += milliseconds) };
}

describe("MemoryRateLimitStore", () => {
  it("allows up to the request budget, then refuses with retry-after until the minute ends", async () => {
    const clock = manualClock();
    const store = new MemoryRateLimitStore({ now: clock.now });
    const limits = { requestsPerMinute: 2 };
    expect(await store.take("key", limits, 5)).toEqual({
      allowed: true,
      requests: { limit: 2, remaining: 1, resetSeconds: 40 },
    });
    expect((await store.take("key", limits, 5)).requests?.remaining).toBe(0);
    expect(await store.take("key", limits, 5)).toEqual({
      allowed: false,
      exceeded: "requests",
      retryAfterSeconds: 40,
      requests: { limit: 2, remaining: 0, resetSeconds: 40 },
    });
    clock.advance(39_500);
    expect((await store.take("key", limits, 5)).retryAfterSeconds).toBe(1);
    clock.advance(500);
    expect(await store.take("key", limits, 5)).toEqual({
      allowed: true,
      requests: { limit: 2, remaining: 1, resetSeconds: 60 },
    });
  });

  it("refuses a request that would overrun the token budget and does not count it", async () => {
    const store = new MemoryRateLimitStore({ now: manualClock().now });
    const limits = { tokensPerMinute: 100 };
    expect((await store.take("key", limits, 80)).tokens).toEqual({
      limit: 100,
      remaining: 20,
      resetSeconds: 40,
    });
    const refused = await store.take("key", limits, 30);
    expect(refused).toMatchObject({ allowed: false, exceeded: "tokens", retryAfterSeconds: 40 });
    expect(refused.tokens?.remaining).toBe(20);
    // The refused 30 were not counted: 20 still fit.
    expect(await store.take("key", limits, 20)).toMatchObject({ allowed: true, tokens: { remaining: 0 } });
  });

  it("checks both budgets before counting either", async () => {
    const store = new MemoryRateLimitStore({ now: manualClock().now });
    const limits = { requestsPerMinute: 3, tokensPerMinute: 10 };
    await store.take("key", limits, 8);
    const refused = await store.take("key", limits, 5);
    expect(refused).toMatchObject({ allowed: false, exceeded: "tokens" });
    // The refused request used no request budget either.
    expect(refused.requests?.remaining).toBe(2);
    expect(await store.take("key", limits, 2)).toMatchObject({
      allowed: true,
      requests: { remaining: 1 },
      tokens: { remaining: 0 },
    });
    expect(await store.take("key", limits, 0)).toMatchObject({ allowed: true, requests: { remaining: 0 } });
    expect(await store.take("key", limits, 0)).toMatchObject({ allowed: false, exceeded: "requests" });
  });

  it("keeps keys apart and leaves keys without limits unlimited", async () => {
    const store = new MemoryRateLimitStore({ now: manualClock().now });
    await store.take("first", { requestsPerMinute: 1 }, 1);
    expect((await store.take("first", { requestsPerMinute: 1 }, 1)).allowed).toBe(false);
    expect((await store.take("second", { requestsPerMinute: 1 }, 1)).allowed).toBe(true);
    for (let request = 0; request < 1_000; request++) {
      expect(await store.take("unlimited", {}, 1_000_000)).toEqual({ allowed: true });
    }
  });

  it("refuses counts that are not whole numbers of 0 or more", async () => {
    const store = new MemoryRateLimitStore();
    await expect(store.take("key", {}, -1)).rejects.toSatisfy(InputError.isInstance);
    await expect(store.take("key", { requestsPerMinute: 1.5 }, 1)).rejects.toThrow(/requestsPerMinute/);
    await expect(store.take("", {}, 1)).rejects.toThrow(/key id is empty/);
  });
});
