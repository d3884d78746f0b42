import { describe, expect, it } from "vitest";
import { TopHits } from "./top-hits.js";

describe("TopHits", () => {
  it("keeps the best items, best first, whatever order they come in", () => {
    const top = new TopHits<string>(3);
    const scores = [0.1, 0.9, -0.5, 0.7, 0.3, 0.8, 0.2];
    for (const [index, score] of scores.entries()) top.offer(score, index, `item${index}`);
    expect(top.best().map((hit) => hit.item)).toEqual(["item1", "item5", "item3"]);
  });

  it("ranks equal scores (to 1e-9) by insertion sequence, lowest first", () => {
    const top = new TopHits<string>(3);
    top.offer(0.5, 7, "late");
    top.offer(0.5 + 1e-12, 3, "early");
    top.offer(0.4, 1, "lower");
    top.offer(0.5, 5, "middle");
    expect(top.best().map((hit) => hit.item)).toEqual(["early", "middle", "late"]);
  });

  it("clamps scores to [-1, 1]", () => {
    const top = new TopHits<string>(2);
    top.offer(1.0000001, 1, "a");
    top.offer(-1.2, 2, "b");
    expect(top.best().map((hit) => hit.score)).toEqual([1, -1]);
  });
});
