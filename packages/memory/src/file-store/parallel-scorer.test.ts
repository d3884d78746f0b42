import { afterEach, describe, expect, it } from "vitest";
import { ParallelScorer } from "./parallel-scorer.js";
import { VectorArena } from "./vector-arena.js";

const scorers: ParallelScorer[] = [];

afterEach(async () => {
  for (const scorer of scorers.splice(0)) await scorer.close();
});

// An arena of `count` vectors over several chunks, every third slot left out of the search.
function fixture(count: number, dimension: number) {
  const arena = new VectorArena(dimension);
  for (let index = 0; index < count; index++) {
    const vector = Float32Array.from({ length: dimension }, (_, position) => Math.sin(index * 7 + position));
    arena.store(arena.allocate(), Buffer.from(vector.buffer), 0);
  }
  const eligible = new Uint8Array(new SharedArrayBuffer(count));
  for (let slot = 0; slot < count; slot++) eligible[slot] = slot % 3 === 0 ? 0 : 1;
  const query = Float32Array.from({ length: dimension }, (_, position) => Math.cos(position));
  return { arena, eligible, query, queryNorm: Math.hypot(...query) };
}

describe("ParallelScorer", () => {
  it("scores with a helper thread exactly as the calling thread alone does", async () => {
    const { arena, eligible, query, queryNorm } = fixture(9000, 16);
    const alone = new Float64Array(new SharedArrayBuffer(9000 * 8));
    arena.scoreRange(query, queryNorm, eligible, alone, 0, 9000);
    const scorer = new ParallelScorer({ minimumSlots: 0, helperCount: 1 });
    scorers.push(scorer);
    for (let round = 0; round < 2; round++) {
      const shared = new Float64Array(new SharedArrayBuffer(9000 * 8));
      await scorer.score(arena, query, queryNorm, eligible, shared);
      expect([...shared]).toEqual([...alone]);
    }
    expect(String(scorer.helperFailure)).toBe("undefined");
    expect(scorer.helpedScans).toBe(2);
  });

  it("stays on the calling thread for small scans", async () => {
    const { arena, eligible, query, queryNorm } = fixture(100, 4);
    const scorer = new ParallelScorer({ minimumSlots: 1000, helperCount: 1 });
    scorers.push(scorer);
    const scores = new Float64Array(new SharedArrayBuffer(100 * 8));
    await scorer.score(arena, query, queryNorm, eligible, scores);
    expect(scores[1]).toBeCloseTo(arena.cosine(1, query, queryNorm), 12);
    expect(scorer.helpedScans).toBe(0);
  });
});
