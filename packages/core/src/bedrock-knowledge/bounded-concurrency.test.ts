import { describe, expect, it } from "vitest";
import { createLimiter, runBounded } from "./bounded-concurrency.js";

describe("runBounded", () => {
  it("keeps results by index whatever order tasks finish in, and never exceeds the bound", async () => {
    let inFlight = 0;
    let peak = 0;
    const delays = [30, 5, 20, 1, 10, 0, 15];
    const results = await runBounded(delays.length, 3, async (index) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, delays[index]));
      inFlight--;
      return index * 10;
    });
    expect(results).toEqual(delays.map((_d, index) => ({ status: "fulfilled", value: index * 10 })));
    expect(peak).toBe(3);
  });

  it("records rejections and skips tasks once stopped", async () => {
    let stop = false;
    const results = await runBounded(
      5,
      1,
      async (index) => {
        if (index === 1) {
          stop = true;
          throw new Error("fatal");
        }
        return index;
      },
      () => stop,
    );
    expect(results[0]).toEqual({ status: "fulfilled", value: 0 });
    expect(results[1]).toMatchObject({ status: "rejected" });
    expect(results.slice(2)).toEqual([{ status: "skipped" }, { status: "skipped" }, { status: "skipped" }]);
  });
});

describe("createLimiter", () => {
  it("bounds tasks from several runs together and starts them first come, first served", async () => {
    const limiter = createLimiter(2);
    const started: string[] = [];
    let peak = 0;
    const task = (name: string) => async () => {
      started.push(name);
      peak = Math.max(peak, limiter.active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return name;
    };
    const results = await Promise.all([
      runBounded(3, limiter, (index) => task(`a${index}`)()),
      runBounded(3, limiter, (index) => task(`b${index}`)()),
    ]);
    expect(peak).toBe(2);
    expect(started).toEqual(["a0", "a1", "a2", "b0", "b1", "b2"]);
    expect(results[1]).toEqual([
      { status: "fulfilled", value: "b0" },
      { status: "fulfilled", value: "b1" },
      { status: "fulfilled", value: "b2" },
    ]);
    expect(limiter.active).toBe(0);
  });

  it("frees its slot when a task throws", async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error("x")))).rejects.toThrow("x");
    expect(await limiter.run(async () => 7)).toBe(7);
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});
