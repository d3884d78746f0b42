import { describe, expect, it } from "vitest";
import { RateController } from "./rate-controller.js";

const adaptive = () => new RateController({ adaptive: true, initialConcurrency: 4, maxConcurrency: 64 });

/** Sends `count` calls at `at` and answers them all successfully `latency` later. */
function succeed(controller: RateController, at: number, count: number, latency = 60, rateLimited = true) {
  const records = Array.from({ length: count }, () => controller.sent(at));
  for (const record of records) controller.onSuccess(record, at + latency, rateLimited);
}

describe("RateController", () => {
  it("starts unpaced at the initial concurrency, then paces at what that concurrency reached", () => {
    const controller = adaptive();
    expect(controller.rate).toBe(Number.POSITIVE_INFINITY);
    expect(controller.concurrency).toBe(4);
    succeed(controller, 0, 4);
    // 4 calls per 60 ms.
    expect(controller.rate).toBeCloseTo(66.7, 0);
  });

  it("doubles the rate about every second before the first throttle, but only while the rate limits", () => {
    const controller = adaptive();
    succeed(controller, 0, 4);
    const start = controller.rate;
    for (let time = 100; time <= 1100; time += 100) succeed(controller, time, 1);
    expect(controller.rate / start).toBeGreaterThan(1.8);
    expect(controller.rate / start).toBeLessThan(2.3);
    const held = controller.rate;
    for (let time = 1200; time <= 3000; time += 100) succeed(controller, time, 1, 60, false);
    expect(controller.rate).toBe(held);
  });

  it("grows concurrency with rate x latency, up to maxConcurrency", () => {
    const controller = adaptive();
    succeed(controller, 0, 4);
    for (let time = 100; time <= 8000; time += 20) succeed(controller, time, 1);
    expect(controller.rate).toBeGreaterThan(1000);
    expect(controller.concurrency).toBe(64);
  });

  it("cuts on an overrun, ignores echoes of the same overload, and cuts again for a fresh one", () => {
    const controller = adaptive();
    succeed(controller, 0, 4);
    const throttle = (sentAt: number, answeredAt: number) =>
      controller.onThrottle(controller.sent(sentAt), answeredAt);
    throttle(70, 130);
    throttle(75, 135);
    const afterFirst = controller.rate;
    expect(afterFirst).toBeLessThan(66.7);
    expect(controller.throttled).toBe(true);
    // Sent before the cut (or within a latency of it): the same overload, no second cut.
    throttle(80, 140);
    throttle(150, 210);
    expect(controller.rate).toBe(afterFirst);
    // Sent well after the cut and mostly throttled: plainly still too high, cut again at once.
    for (let time = 400; time < 460; time += 10) throttle(time, time + 60);
    expect(controller.rate).toBeLessThan(afterFirst);
  });

  it("spaces cuts for throttles that keep coming at a low share (strays), so they cannot drag the rate down", () => {
    const controller = adaptive();
    succeed(controller, 0, 4);
    const throttle = (sentAt: number) => controller.onThrottle(controller.sent(sentAt), sentAt + 60);
    throttle(70);
    throttle(75);
    const afterFirst = controller.rate;
    // 10% strays: two in every twenty answers, for fewer answers than `callsBetweenCuts`.
    let time = 300;
    for (let round = 0; round < 4; round++) {
      for (let call = 0; call < 18; call++, time += 20) succeed(controller, time, 1, 60, false);
      time += 20;
      throttle(time);
      time += 20;
      throttle(time);
    }
    expect(controller.rate).toBe(afterFirst);
    // Strays at the same share after enough answers are noise by now: still no cut...
    for (let call = 0; call < 40; call++, time += 20) succeed(controller, time, 1, 60, false);
    time += 20;
    throttle(time);
    time += 20;
    throttle(time);
    expect(controller.rate).toBe(afterFirst);
    // ...but throttles far above that share are an overrun and cut.
    for (let call = 0; call < 8; call++, time += 20) throttle(time);
    expect(controller.rate).toBeLessThan(afterFirst);
  });

  it("a stray throttle among many successes does not cut", () => {
    const controller = adaptive();
    succeed(controller, 0, 4);
    for (let time = 60; time < 2000; time += 20) succeed(controller, time, 1);
    const before = controller.rate;
    controller.onThrottle(controller.sent(2000), 2060);
    expect(controller.rate).toBe(before);
    expect(controller.throttled).toBe(false);
  });

  it("cuts straight to the quota a grossly overshooting start revealed", () => {
    const controller = adaptive();
    // A quota of 10/s with a bucket of 10: 4 at once, then 66/s until the bucket runs dry.
    succeed(controller, 0, 4);
    for (let time = 60; time <= 160; time += 15) succeed(controller, time, 1);
    controller.onThrottle(controller.sent(175), 235);
    controller.onThrottle(controller.sent(190), 250);
    // 12 successes in 0.19 s plus a 1 s burst: about 10/s, and a little under it.
    expect(controller.rate).toBeGreaterThan(8);
    expect(controller.rate).toBeLessThan(11);
  });

  it("with adaptive off keeps maxConcurrency and the configured rate whatever happens", () => {
    const controller = new RateController({
      adaptive: false,
      initialConcurrency: 4,
      maxConcurrency: 9,
      maxRate: 5,
    });
    expect(controller.concurrency).toBe(9);
    const record = controller.sent(0);
    controller.onThrottle(record, 10);
    succeed(controller, 20, 10);
    expect(controller.rate).toBe(5);
    expect(controller.concurrency).toBe(9);
  });

  it("never paces above a configured requests-per-minute ceiling", () => {
    const controller = new RateController({
      adaptive: true,
      initialConcurrency: 4,
      maxConcurrency: 64,
      maxRate: 20,
    });
    succeed(controller, 0, 4);
    for (let time = 100; time <= 5000; time += 50) succeed(controller, time, 1);
    expect(controller.rate).toBe(20);
  });
});
