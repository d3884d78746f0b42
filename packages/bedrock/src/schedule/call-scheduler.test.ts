import { describe, expect, it } from "vitest";
import { type AttemptPermit, CallScheduler } from "./call-scheduler.js";
import { createScheduler } from "./create-scheduler.js";
import { RateController } from "./rate-controller.js";
import { VirtualClock } from "./virtual-time.test-helpers.js";

const fixed = (concurrency: number, maxRate?: number) =>
  new RateController({
    adaptive: false,
    initialConcurrency: concurrency,
    maxConcurrency: concurrency,
    maxRate,
  });

/** Acquires `count` permits, recording when each was granted; each is held for `holdMs`. */
async function drain(
  clock: VirtualClock,
  scheduler: CallScheduler,
  count: number,
  holdMs: number,
  tokens = 0,
) {
  const grantedAt: number[] = [];
  let peak = 0;
  await clock.run(
    Promise.all(
      Array.from({ length: count }, async (_unused, index) => {
        const permit = await scheduler.acquire({ tokens });
        grantedAt[index] = clock.now();
        peak = Math.max(peak, scheduler.inFlight);
        await clock.sleep(holdMs);
        permit.finish({ kind: "success" });
      }),
    ),
  );
  return { grantedAt, peak };
}

describe("CallScheduler", () => {
  it("never exceeds the concurrency and grants first come, first served", async () => {
    const clock = new VirtualClock();
    const scheduler = new CallScheduler(fixed(3), clock);
    const { grantedAt, peak } = await drain(clock, scheduler, 7, 100);
    expect(peak).toBe(3);
    expect(grantedAt).toEqual([0, 0, 0, 100, 100, 100, 200]);
    expect(scheduler.inFlight).toBe(0);
  });

  it("paces sends at the controller's rate", async () => {
    const clock = new VirtualClock();
    // 10 per second: one every 100 ms (a send may go up to 2 ms early for timer granularity).
    const scheduler = new CallScheduler(fixed(100, 10), clock);
    const { grantedAt } = await drain(clock, scheduler, 5, 1);
    const gaps = grantedAt.slice(1).map((time, index) => time - grantedAt[index]!);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(98);
    expect(grantedAt.at(-1)).toBeLessThanOrEqual(400);
  });

  it("keeps a configured requests-per-minute budget: one second of burst, then the rate", async () => {
    const clock = new VirtualClock();
    const scheduler = createScheduler(
      {
        adaptive: false,
        initialConcurrency: 50,
        maxConcurrency: 50,
        requestsPerMinute: 600,
        tokensPerMinute: undefined,
      },
      clock,
    );
    const { grantedAt } = await drain(clock, scheduler, 30, 1);
    // 600/min: 10 at once, then about 10 more each second.
    expect(grantedAt.filter((time) => time < 1000).length).toBeLessThanOrEqual(20);
    expect(grantedAt.at(-1)).toBeGreaterThanOrEqual(1900);
  });

  it("keeps a tokens-per-minute budget with the estimate each attempt declares", async () => {
    const clock = new VirtualClock();
    const scheduler = createScheduler(
      {
        adaptive: false,
        initialConcurrency: 50,
        maxConcurrency: 50,
        requestsPerMinute: undefined,
        tokensPerMinute: 6000,
      },
      clock,
    );
    // 6000 tokens a minute = 100 a second; calls of 50 tokens go two per second after the burst.
    const { grantedAt } = await drain(clock, scheduler, 10, 1, 50);
    expect(grantedAt.slice(0, 2)).toEqual([0, 0]);
    expect(grantedAt.at(-1)).toBeGreaterThanOrEqual(3900);
  });

  it("rejects waiting attempts when their signal aborts, and lets the others through", async () => {
    const clock = new VirtualClock();
    const scheduler = new CallScheduler(fixed(1), clock);
    const controller = new AbortController();
    const first = await scheduler.acquire();
    const aborted = Array.from({ length: 20 }, () => scheduler.acquire({ signal: controller.signal }));
    const other = scheduler.acquire();
    controller.abort(new Error("stop"));
    for (const waiting of aborted) await expect(waiting).rejects.toThrow("stop");
    expect(scheduler.waiting).toBe(1);
    first.finish({ kind: "success" });
    const next: AttemptPermit = await other;
    next.finish({ kind: "failed" });
    expect(scheduler.inFlight).toBe(0);
    await expect(scheduler.acquire({ signal: controller.signal })).rejects.toThrow("stop");
  });

  it("tells the controller about throttles, which slows the next sends", async () => {
    const clock = new VirtualClock();
    const controller = new RateController({ adaptive: true, initialConcurrency: 4, maxConcurrency: 64 });
    const scheduler = new CallScheduler(controller, clock);
    const permits = await Promise.all(Array.from({ length: 4 }, () => scheduler.acquire()));
    await clock.run(clock.sleep(60));
    for (const permit of permits.slice(0, 2)) permit.finish({ kind: "success" });
    const before = controller.rate;
    // Two throttles among four answers: an overrun, not a stray.
    permits[2]!.finish({ kind: "throttled" });
    permits[3]!.finish({ kind: "throttled" });
    expect(controller.rate).toBeLessThan(before);
  });
});
