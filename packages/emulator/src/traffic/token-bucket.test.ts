import { describe, expect, it } from "vitest";
import { mulberry32 } from "./mulberry32.js";
import { TokenBucket } from "./token-bucket.js";

describe("TokenBucket", () => {
  it("starts full, holds its capacity and refills at its rate", () => {
    // 600 requests per minute: 10 in the bucket, 10 more per second.
    const bucket = new TokenBucket(10, 10, 0);
    for (let taken = 0; taken < 10; taken++) {
      expect(bucket.canTake(1, 0)).toBe(true);
      bucket.take(1, 0);
    }
    expect(bucket.canTake(1, 0)).toBe(false);
    expect(bucket.secondsUntilAvailable(1, 0)).toBeCloseTo(0.1);
    expect(bucket.canTake(1, 99)).toBe(false);
    expect(bucket.canTake(1, 100)).toBe(true);
    // Never more than the capacity, however long it idles.
    expect(bucket.level(60_000)).toBe(10);
  });

  it("serves a request larger than the capacity only from a full bucket, then repays the debt", () => {
    // 600 tokens per minute: 10 tokens in the bucket; a 25-token text must still get through.
    const bucket = new TokenBucket(10, 10, 0);
    bucket.take(1, 0);
    expect(bucket.canTake(25, 0)).toBe(false);
    expect(bucket.secondsUntilAvailable(25, 0)).toBeCloseTo(0.1);
    expect(bucket.canTake(25, 100)).toBe(true);
    bucket.take(25, 100);
    expect(bucket.level(100)).toBeCloseTo(-15);
    // The debt keeps the long-run rate: nothing, not even one token, until 1.6 s later (to climb from -15 to 1).
    expect(bucket.canTake(1, 1_699)).toBe(false);
    expect(bucket.canTake(1, 1_700)).toBe(true);
  });

  it("does not drift below a whole token through floating-point refills", () => {
    const bucket = new TokenBucket(0.1, 0.1, 0);
    bucket.take(1, 0);
    const random = mulberry32(3);
    let now = 0;
    while (now < 10_000) now += random() * 7;
    // 10 s at 0.1 per second repays the 0.9 debt and refills to 0.1, however the steps fell.
    expect(bucket.canTake(1, now)).toBe(true);
  });

  it("ignores a clock that steps backwards", () => {
    const bucket = new TokenBucket(1, 1, 1_000);
    bucket.take(1, 1_000);
    expect(bucket.level(500)).toBe(0);
    expect(bucket.level(1_500)).toBeCloseTo(0.5);
  });
});
