import { describe, expect, it } from "vitest";
import { addUsage, emptyUsage } from "./usage.js";

describe("addUsage", () => {
  it("adds the counters and the optional ones only when a side has them", () => {
    const total = addUsage(emptyUsage(), { inputTokens: 5, calls: 1, retries: 1, throttles: 1 });
    expect(total).toEqual({ inputTokens: 5, calls: 1, retries: 1, throttles: 1 });
    addUsage(total, {
      inputTokens: 2,
      calls: 1,
      retries: 0,
      throttles: 0,
      estimatedCostUsd: 0.5,
      cacheHits: 3,
    });
    addUsage(total, {
      inputTokens: 0,
      calls: 0,
      retries: 0,
      throttles: 0,
      estimatedCostUsd: 0.25,
      cacheMisses: 1,
    });
    expect(total).toEqual({
      inputTokens: 7,
      calls: 2,
      retries: 1,
      throttles: 1,
      estimatedCostUsd: 0.75,
      cacheHits: 3,
      cacheMisses: 1,
    });
  });

  it("keeps summed cost estimates free of binary noise", () => {
    const total = emptyUsage();
    for (let call = 0; call < 2000; call++) {
      addUsage(total, { inputTokens: 24, calls: 1, retries: 0, throttles: 0, estimatedCostUsd: 4.8e-7 });
    }
    expect(total.estimatedCostUsd).toBe(0.00096);
  });
});
