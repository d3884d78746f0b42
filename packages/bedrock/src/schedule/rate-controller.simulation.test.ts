import { describe, expect, it } from "vitest";
import { BedrockEmbedder } from "../bedrock-embedder.js";
import type { BedrockCallEvent } from "../events.js";
import { bucketClient, seededRandom, tokenBucketServer, VirtualClock } from "./virtual-time.test-helpers.js";

// The whole embedder (retry layer, scheduler, controller) against a simulated quota like the
// emulator's: a token bucket of one second's capacity refilled at the quota's rate, 60 ms per
// answer. Time is virtual, so the figures do not depend on how busy the machine is.
async function simulate(
  perSecond: number,
  texts: number,
  options: { jitterMs?: number; seed?: number; randomThrottleShare?: number } = {},
) {
  const clock = new VirtualClock();
  const jitter = seededRandom(options.seed ?? 7);
  const faults = seededRandom((options.seed ?? 7) + 100);
  const server = tokenBucketServer(clock, {
    perSecond,
    capacity: perSecond,
    latencyMs: 60,
    jitterMs: () => jitter() * (options.jitterMs ?? 0),
    randomThrottles:
      options.randomThrottleShare === undefined
        ? undefined
        : { share: options.randomThrottleShare, random: faults },
  });
  const fake = bucketClient(server);
  const events: BedrockCallEvent[] = [];
  const embedder = new BedrockEmbedder(
    {
      model: "amazon.titan-embed-text-v2:0",
      dimensions: 256,
      client: fake.client,
      onCall: (event) => events.push(event),
    },
    { clock, sleep: clock.sleep, now: clock.now, random: seededRandom(options.seed ?? 3) },
  );
  const inputs = Array.from({ length: texts }, (_unused, index) => `text ${index}`);
  const { vectors, usage } = await clock.run(embedder.embedBatchDetailed(inputs));
  const elapsedSeconds = clock.now() / 1000;
  const warm = server.stats.successTimes.filter((time) => time >= 5000);
  const steadyRate = (warm.length - 1) / ((warm.at(-1)! - warm[0]!) / 1000);
  return {
    vectors,
    usage,
    events,
    peakInFlight: fake.peakInFlight(),
    inputs,
    stats: server.stats,
    // The benchmark's measure: texts over the time the quota alone would need.
    elapsedSeconds,
    optimumRatio: texts / perSecond / elapsedSeconds,
    steadyRatio: steadyRate / perSecond,
    throttledShare: server.stats.throttled / server.stats.requests,
  };
}

describe("adaptive scheduling against a simulated token-bucket quota (60 ms latency)", () => {
  it.each([
    [10, 600],
    [200, 6000],
  ])(
    "a %i/s bucket: at least 0.95 of its rate after warm-up, under 5 percent throttled, nothing lost",
    async (perSecond, texts) => {
      const run = await simulate(perSecond, texts, { jitterMs: 10 });
      if (process.env["PRINT_FIGURES"])
        console.log(perSecond, run.optimumRatio, run.steadyRatio, run.throttledShare);
      expect(run.steadyRatio).toBeGreaterThanOrEqual(0.95);
      expect(run.optimumRatio).toBeGreaterThanOrEqual(0.95);
      expect(run.throttledShare).toBeLessThan(0.05);
      // Every text embedded, in order: the fake puts each text's length in component 0.
      expect(run.vectors.map((vector) => vector[0])).toEqual(run.inputs.map((text) => text.length));
      // Usage counts every throttled answer, retried ones included.
      expect(run.usage.throttles).toBe(run.stats.throttled);
      expect(run.usage.calls).toBe(run.stats.requests);
      expect(run.usage.retries).toBe(run.stats.throttled);
    },
  );

  it("learns a quota it was never told: the concurrency grows past the initial 4 when the quota allows", async () => {
    // 200/s at 60 ms needs about 12 calls in flight; 4 would cap the rate near 66/s (a third).
    const run = await simulate(200, 3000);
    expect(run.optimumRatio).toBeGreaterThan(0.9);
    expect(run.peakInFlight).toBeGreaterThanOrEqual(12);
    expect(run.peakInFlight).toBeLessThanOrEqual(64);
  });

  it("a gross overshoot at the start is brought down within a second", async () => {
    const run = await simulate(10, 300);
    const early = run.stats.successTimes.filter((time) => time < 1000).length;
    // The start sends 4 at once and paces at ~66/s until the first throttle; the bucket's 10
    // plus one second of refill is all that can pass, and the throttles stop soon after.
    expect(early).toBeLessThanOrEqual(21);
    expect(run.stats.throttled).toBeLessThan(15);
  });
});

describe("adaptive scheduling under random throttles that are not a quota (60 ms latency)", () => {
  // Bedrock's on-demand capacity answers "Too many requests" at random, whatever the rate. Before
  // the scheduler told that from a quota, these 500 texts took 66 s here instead of about 3 s.
  it("10 percent random throttles and no quota: about as fast as with no throttles at all, nothing lost", async () => {
    // The reference is the same embedder with no throttles: both ramp up from 4 calls in flight.
    const unlimited = 1_000_000;
    const clean = await simulate(unlimited, 500);
    const noisy = await simulate(unlimited, 500, { randomThrottleShare: 0.1 });
    if (process.env["PRINT_FIGURES"])
      console.log(
        "noise",
        clean.elapsedSeconds,
        noisy.elapsedSeconds,
        noisy.stats.throttled,
        noisy.peakInFlight,
      );
    expect(noisy.elapsedSeconds).toBeLessThanOrEqual(clean.elapsedSeconds * 1.2);
    expect(noisy.vectors.map((vector) => vector[0])).toEqual(noisy.inputs.map((text) => text.length));
  });

  // Before: 0.33 of the optimum, the noise read as a quota far below the real one.
  it("5 percent random throttles over a 50/s quota: at least 0.90 of the quota-bound optimum, nothing lost", async () => {
    const run = await simulate(50, 2000, { jitterMs: 10, randomThrottleShare: 0.05 });
    if (process.env["PRINT_FIGURES"]) console.log("quota+noise", run.optimumRatio, run.throttledShare);
    expect(run.optimumRatio).toBeGreaterThanOrEqual(0.9);
    expect(run.vectors.map((vector) => vector[0])).toEqual(run.inputs.map((text) => text.length));
  });
});
