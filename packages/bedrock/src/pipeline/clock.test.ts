import { describe, expect, it } from "vitest";
import { VirtualClock } from "../schedule/virtual-time.test-helpers.js";
import { clocksFrom } from "./clock.js";

describe("clocksFrom", () => {
  it("uses one clock for pacing, back-off and timing when no older hook is set", () => {
    const clock = new VirtualClock();
    const { pacing, calls } = clocksFrom({ clock });
    expect(pacing).toBe(clock);
    expect(calls).toBe(clock);
    const wall = clocksFrom({});
    expect(wall.calls).toBe(wall.pacing);
  });

  it("lets the older sleep and now hooks replace the back-off's sleep and the timing only", async () => {
    const clock = new VirtualClock();
    const slept: number[] = [];
    const { pacing, calls } = clocksFrom({ clock, sleep: async (ms) => void slept.push(ms), now: () => 42 });
    await calls.sleep(100);
    expect(slept).toEqual([100]);
    expect(calls.now()).toBe(42);
    expect(pacing).toBe(clock);
  });
});
