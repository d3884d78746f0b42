/**
 * How the noise learner judges cuts; see `ThrottleNoise`.
 *
 * @example
 * const tuning: NoiseTuning = { ...DEFAULT_NOISE_TUNING, trialAnswers: 60 };
 */
export interface NoiseTuning {
  /** Answers after a cut that settle whether it helped. */
  trialAnswers: number;
  /** Fewest answers after a cut that may already show it did not help. */
  earlyAnswers: number;
  /** A cut did not help when the throttle share after it is at least this share of the share before. */
  keptShare: number;
  /** The most of the throttles taken for noise: a share above this is an overrun whatever it does. */
  maxNoiseShare: number;
  /** Standard deviations above the noise a throttle count must reach to tell of an overrun. */
  significance: number;
  /** The same for the first cut, judged against the answers of the start. */
  firstSignificance: number;
  /** Answers the noise is learned from at most (older trials fade). */
  sampleAnswers: number;
}

/**
 * A cut on trial: what it was made on and how to take it back.
 *
 * @example
 * noise.cutMade({ from: 1060, triggerShare: 0.3, undo: () => restore() });
 */
export interface CutTrial {
  /** Calls sent from this time on were sent at the new rate. */
  from: number;
  /** Share of throttles among the answers the cut was made on. */
  triggerShare: number;
  /** Puts the rate back where it was before the cut. */
  undo: () => void;
}

/**
 * Tells a quota from noise. Quota throttles depend on the rate (a token bucket throttles what
 * goes over it, so a cut below it ends them); capacity throttles (Bedrock's on-demand "Too many
 * requests" at random) come at a share no rate changes. Three tests follow from that:
 * - the first cut needs throttles clearly above the share the start saw at its lower rates (a
 *   quota's start is clean, noise throttles it as much), and a run of them or a plain share;
 * - every cut is a trial: the share of throttles among calls sent after it is the noise. While
 *   none is known yet, a cut after which the throttles came on as before (at least `keptShare`
 *   of the share it was made on) is taken back;
 * - a later cut needs a throttle count clearly above what that noise explains among the same
 *   answers. A throttle within the noise is only a retry, never a reason to slow the batch.
 *
 * @example
 * const noise = new ThrottleNoise(DEFAULT_NOISE_TUNING);
 * if (noise.isOverrun(throttles, answers)) { cut(); noise.cutMade({ from, triggerShare, undo }); }
 * noise.answered(record.sentAt, true);
 */
export class ThrottleNoise {
  readonly #tuning: NoiseTuning;
  /**
   * Answers that tell the noise: those to calls sent just after cuts, at a rate that ended an
   * overrun or showed there was none; older trials fade past `sampleAnswers`. Answers in between
   * are left out: they hold the overruns that led to the cuts.
   */
  #sample = { answers: 0, throttles: 0 };
  #trial: (CutTrial & { answers: number; throttles: number }) | undefined;
  /** Every answer until a cut is kept: what the start looked like, before any overrun was known. */
  #start: { answers: number; throttles: number } | undefined = { answers: 0, throttles: 0 };

  constructor(tuning: NoiseTuning) {
    this.#tuning = tuning;
  }

  /** The share of calls throttled whatever the rate, as learned so far. */
  get share(): number {
    const { answers, throttles } = this.#sample;
    return answers === 0 ? 0 : Math.min(this.#tuning.maxNoiseShare, throttles / answers);
  }

  /** True while a cut waits for its verdict: no further cut unless the overrun is plain. */
  get onTrial(): boolean {
    return this.#trial !== undefined;
  }

  /** Whether `throttles` among `answers` are more than the learned noise explains. */
  isOverrun(throttles: number, answers: number): boolean {
    return this.#significant(throttles, answers, this.share);
  }

  /**
   * Whether `throttles` among the latest `answers` warrant the first cut: a run of throttles
   * (`inARow`: the latest answers all throttled, as when an overshoot drains the bucket) or a
   * plain share, and clearly more than the answers before them saw at the lower rates of the
   * start, as noise throttles those just as much.
   */
  isFirstOverrun(
    throttles: number,
    answers: number,
    inARow: boolean,
    plain: { throttles: number; share: number },
  ): boolean {
    // A run among mostly successes is as likely noise: a draining bucket throttles a good share.
    const run = inARow && throttles >= (answers * plain.share) / 2;
    if (!run && (throttles < plain.throttles || throttles < answers * plain.share)) return false;
    const start = this.#start;
    if (!start) return true;
    const earlierAnswers = start.answers - answers;
    // Too few answers before them to compare with: only a run tells of a draining bucket.
    if (earlierAnswers < this.#tuning.earlyAnswers) return inARow;
    // Half a throttle more than seen: a short clean start proves little about the noise.
    const earlierShare = (Math.max(0, start.throttles - throttles) + 0.5) / (earlierAnswers + 1);
    // Strict, as a wrong first cut is costly; a quota's start is clean, so this costs it little.
    return this.#significant(throttles, answers, earlierShare, this.#tuning.firstSignificance);
  }

  #significant(
    throttles: number,
    answers: number,
    share: number,
    deviations = this.#tuning.significance,
  ): boolean {
    const expected = answers * share;
    const spread = Math.sqrt(expected * (1 - share));
    return throttles >= expected + deviations * spread + 1;
  }

  /** A cut was made: its outcome is judged on the answers to calls sent from `trial.from`. */
  cutMade(trial: CutTrial): void {
    this.#trial = { ...trial, answers: 0, throttles: 0 };
  }

  /** The answer to a call sent at `sentAt`; `throttled` when it was. */
  answered(sentAt: number, throttled: boolean): void {
    const trial = this.#trial;
    if (!trial && this.#start) {
      this.#start.answers++;
      if (throttled) this.#start.throttles++;
    }
    if (!trial || sentAt < trial.from) return;
    trial.answers++;
    if (throttled) trial.throttles++;
    const tuning = this.#tuning;
    const share = trial.throttles / trial.answers;
    const plain = share > tuning.maxNoiseShare;
    // Once the noise is known, a cut's trial tells nothing new: throttles after a cut come at the
    // noise's share whether the cut ended an overrun or followed a chance run of noise.
    const learning = this.#sample.answers === 0;
    const kept = learning && !plain && trial.throttles >= 2 && share >= trial.triggerShare * tuning.keptShare;
    if (kept && trial.answers >= tuning.earlyAnswers) {
      // The throttles came on as before at the lower rate: they are not ours to prevent.
      this.#trial = undefined;
      this.#learn(trial);
      trial.undo();
      return;
    }
    if (trial.answers < tuning.trialAnswers) return;
    this.#trial = undefined;
    this.#start = undefined;
    // The cut helped, and what still comes is the noise; an overrun it did not end says nothing of it.
    if (!plain) this.#learn(trial);
  }

  #learn(trial: { answers: number; throttles: number }): void {
    const answers = this.#sample.answers + trial.answers;
    // Older trials fade once there are enough answers, so the noise may change over a long run.
    const keep = Math.min(1, this.#tuning.sampleAnswers / answers);
    this.#sample = { answers: answers * keep, throttles: (this.#sample.throttles + trial.throttles) * keep };
  }
}

export const DEFAULT_NOISE_TUNING: NoiseTuning = {
  trialAnswers: 40,
  earlyAnswers: 12,
  keptShare: 0.5,
  maxNoiseShare: 0.2,
  significance: 2,
  firstSignificance: 3,
  sampleAnswers: 200,
};
