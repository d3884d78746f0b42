import { type Clock, realClock } from "../schedule/clock.js";

/**
 * The clocks of an embedder from its timing hooks. Without the older `sleep` and `now` hooks
 * there is one clock, `runtime.clock` or the wall clock, for pacing, back-off and timing alike;
 * where a test still sets those hooks, they replace the back-off's sleep and the events' timing
 * (so a stubbed back-off never turns the scheduler's pacing into a busy loop).
 *
 * @example
 * const { pacing, calls } = clocksFrom({ clock: virtualClock }); // pacing === calls
 */
export function clocksFrom(hooks: {
  clock?: Clock | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  now?: (() => number) | undefined;
}): { pacing: Clock; calls: Clock } {
  const pacing = hooks.clock ?? realClock();
  const { sleep, now } = hooks;
  if (sleep === undefined && now === undefined) return { pacing, calls: pacing };
  return {
    pacing,
    calls: {
      now: now ?? (() => pacing.now()),
      sleep: sleep === undefined ? (ms, signal) => pacing.sleep(ms, signal) : (ms) => sleep(ms),
    },
  };
}
