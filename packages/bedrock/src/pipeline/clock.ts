import { realClock, type SchedulerClock } from "../schedule/clock.js";

/**
 * The one source of time of an embedder: the scheduler's pacing waits, the retry back-off and
 * every timing (`now`). Tests pass a virtual clock so nothing waits for real.
 *
 * @example
 * const clock: Clock = realClock();
 * await clock.sleep(200, signal);
 */
export type Clock = SchedulerClock;

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
  clock?: SchedulerClock | undefined;
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
