import { describe, expect, it } from "vitest";
import { DEFAULT_NOISE_TUNING, ThrottleNoise } from "./throttle-noise.js";

/** Answers `count` calls sent at `sentAt`, every `every`-th one throttled (0: none). */
function answer(noise: ThrottleNoise, sentAt: number, count: number, every: number): void {
  for (let call = 1; call <= count; call++) noise.answered(sentAt, every > 0 && call % every === 0);
}

describe("ThrottleNoise", () => {
  it("takes a cut back when the throttles come on at the same share after it, and learns that share", () => {
    const noise = new ThrottleNoise(DEFAULT_NOISE_TUNING);
    let undone = false;
    noise.cutMade({ from: 1000, triggerShare: 0.1, undo: () => (undone = true) });
    // Answers to calls sent before the cut are not the trial's.
    answer(noise, 900, 20, 2);
    expect(noise.onTrial).toBe(true);
    answer(noise, 1000, 20, 10);
    expect(undone).toBe(true);
    expect(noise.onTrial).toBe(false);
    expect(noise.share).toBeCloseTo(0.1, 1);
    // Strays at that share are noise now; a share well above it is an overrun.
    expect(noise.isOverrun(2, 20)).toBe(false);
    expect(noise.isOverrun(8, 20)).toBe(true);
  });

  it("keeps a cut after which the throttles stop: a quota, and no noise to allow for", () => {
    const noise = new ThrottleNoise(DEFAULT_NOISE_TUNING);
    let undone = false;
    noise.cutMade({ from: 1000, triggerShare: 0.3, undo: () => (undone = true) });
    answer(noise, 1000, DEFAULT_NOISE_TUNING.trialAnswers, 0);
    expect(undone).toBe(false);
    expect(noise.onTrial).toBe(false);
    expect(noise.share).toBe(0);
    expect(noise.isOverrun(1, 20)).toBe(true);
  });

  it("once the noise is known, a trial only refines it: it takes no cut back", () => {
    const noise = new ThrottleNoise(DEFAULT_NOISE_TUNING);
    noise.cutMade({ from: 0, triggerShare: 0.3, undo: () => undefined });
    answer(noise, 0, DEFAULT_NOISE_TUNING.trialAnswers, 20);
    let undone = false;
    noise.cutMade({ from: 5000, triggerShare: 0.15, undo: () => (undone = true) });
    answer(noise, 5000, DEFAULT_NOISE_TUNING.trialAnswers, 10);
    expect(undone).toBe(false);
    expect(noise.share).toBeGreaterThan(0.05);
    expect(noise.share).toBeLessThan(0.1);
  });

  it("the first cut: a run after a clean start is an overrun, the same share after a noisy start is not", () => {
    const plain = { throttles: 4, share: 0.2 };
    const clean = new ThrottleNoise(DEFAULT_NOISE_TUNING);
    answer(clean, 0, 40, 0);
    // The latest 20 answers (counted in the start too) with 4 throttles, the latest two in a row.
    answer(clean, 500, 16, 0);
    answer(clean, 500, 4, 1);
    expect(clean.isFirstOverrun(4, 20, true, plain)).toBe(true);

    const noisy = new ThrottleNoise(DEFAULT_NOISE_TUNING);
    answer(noisy, 0, 40, 5);
    answer(noisy, 500, 16, 0);
    answer(noisy, 500, 4, 1);
    expect(noisy.isFirstOverrun(4, 20, true, plain)).toBe(false);
  });

  it("the first cut: two throttles in a row among mostly successes, with nothing before them, are not enough", () => {
    const noise = new ThrottleNoise(DEFAULT_NOISE_TUNING);
    answer(noise, 0, 38, 0);
    answer(noise, 0, 2, 1);
    const plain = { throttles: 4, share: 0.2 };
    expect(noise.isFirstOverrun(2, 40, true, plain)).toBe(false);
    // Two in a row among few answers (a bucket drained at the very start) are.
    const early = new ThrottleNoise(DEFAULT_NOISE_TUNING);
    answer(early, 0, 6, 0);
    answer(early, 0, 2, 1);
    expect(early.isFirstOverrun(2, 8, true, plain)).toBe(true);
  });
});
