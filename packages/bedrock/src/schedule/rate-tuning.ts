/**
 * Knobs of the adaptive send-rate controller. The defaults were tuned against a simulated
 * token-bucket quota (see rate-controller.simulation.test.ts); change them only with that
 * simulation at hand.
 *
 * @example
 * const tuning: RateTuning = { ...DEFAULT_RATE_TUNING, steadyCut: 0.85 };
 */
export interface RateTuning {
  /** Exponential growth of the send rate per second before the first throttle (ln 2: doubling). */
  startGrowth: number;
  /** Factor applied to the rate on the first throttle, when the probe overshot by an unknown amount. */
  startCut: number;
  /** Factor applied on later throttles, when the rate is known to be near the quota. */
  steadyCut: number;
  /** Below this share of the rate of the last throttle, the rate is recovering, not probing. */
  recoverBelow: number;
  /** Growth per second while well below the rate of the last throttle (recovering). */
  recoverGrowth: number;
  /** Growth per second near or above the rate of the last throttle (probing for more). */
  probeGrowth: number;
  /** At most this much probing growth per call sent, which slows probing at low rates. */
  probeGrowthPerCall: number;
  /** Seconds without a throttle after which probing runs twice as fast (four times after twice that). */
  probeAcceleration: number;
  /** The strongest single cut, whatever the estimate says. */
  hardestCut: number;
  /** The strongest first cut (the start phase can overshoot the quota many times over). */
  hardestStartCut: number;
  /** Share of an estimated quota rate to go to on a cut, leaving room for the estimate's error. */
  estimateMargin: number;
  /** Seconds of the quota's rate its initial burst is assumed to hold, for the first estimate. */
  assumedBurstSeconds: number;
  /** Throttles closer together than this form one episode of an empty server bucket. */
  episodeGapMs: number;
  /** Successes added to an episode's count, to keep small-count estimates on the high side. */
  estimatePrior: number;
  /** An episode shorter than this is too short to estimate the quota's rate from. */
  minEstimateSpanMs: number;
  /** Calls in flight allowed per call the rate and latency need. */
  concurrencyHeadroom: number;
  /** Weight of the newest latency sample in the moving average. */
  latencyWeight: number;
  /** Share of the gap per second by which a higher latency pulls the base (least) latency up. */
  baseLatencyDrift: number;
  /** Slowest send rate (calls per second) the controller goes down to. */
  minRate: number;
  /** How long sends are remembered for estimates and confirmations, in milliseconds. */
  historyMs: number;
  /** Fewest latest answers a throttle is judged among before it may cut. */
  confirmAnswers: number;
  /** Milliseconds of answers (at the current rate) a throttle is judged among, when more than `confirmAnswers`. */
  confirmWindowMs: number;
  /** Share of those answers that must be fresh throttles for a cut (and two at least). */
  confirmShare: number;
  /** Answers between two cuts, unless the overrun is plain (see `plainShare`, `grossBelow`). */
  callsBetweenCuts: number;
  /** A fresh-throttle share at which a cut may follow the last one at once... */
  plainShare: number;
  /** ...given at least this many fresh throttles (fewer could be strays by chance). */
  plainThrottles: number;
  /** An estimate of the quota below this share of the rate is a gross overrun, cut at once... */
  grossBelow: number;
  /** ...when the episode it comes from spans at least this many milliseconds. */
  soundEstimateMs: number;
}

export const DEFAULT_RATE_TUNING: RateTuning = {
  startGrowth: Math.LN2,
  startCut: 0.5,
  steadyCut: 0.9,
  recoverBelow: 0.85,
  recoverGrowth: 0.3,
  probeGrowth: 0.02,
  probeGrowthPerCall: 0.0005,
  probeAcceleration: 7,
  hardestCut: 0.25,
  hardestStartCut: 0.1,
  assumedBurstSeconds: 1,
  estimateMargin: 0.95,
  episodeGapMs: 1000,
  minEstimateSpanMs: 50,
  estimatePrior: 1,
  concurrencyHeadroom: 2,
  latencyWeight: 0.2,
  baseLatencyDrift: 0.05,
  minRate: 0.05,
  historyMs: 10_000,
  confirmAnswers: 20,
  confirmWindowMs: 500,
  confirmShare: 0.04,
  callsBetweenCuts: 100,
  plainShare: 0.2,
  plainThrottles: 4,
  grossBelow: 0.85,
  soundEstimateMs: 1000,
};
