import { episodeEstimate, firstThrottleBound, type SendRecord, sentRate } from "./quota-estimates.js";
import { DEFAULT_RATE_TUNING, type RateTuning } from "./rate-tuning.js";
import { DEFAULT_NOISE_TUNING, ThrottleNoise } from "./throttle-noise.js";

/** Sends remembered at most, whatever the history time says (about 10 s at 400 calls a second). */
const MAX_RECORDS = 4096;

/**
 * How the controller starts and where it may go.
 *
 * @example
 * const limits: RateLimits = { initialConcurrency: 4, maxConcurrency: 64, adaptive: true, maxRate: 50 };
 */
export interface RateLimits {
  initialConcurrency: number;
  maxConcurrency: number;
  /** Off: a fixed `maxConcurrency` and `maxRate`, nothing learned. */
  adaptive: boolean;
  /** A hard ceiling in calls per second (from a configured requests-per-minute budget). */
  maxRate?: number | undefined;
}

/**
 * Learns how fast calls can go without being throttled, from nothing but the outcomes: a
 * send-rate controller in the spirit of TCP congestion control, for quotas that behave like
 * token buckets (Bedrock's requests and tokens per minute).
 *
 * - Start: no pacing, `initialConcurrency` calls; once latency is known the rate doubles each
 *   second while work is waiting, until the first throttle. A full server bucket absorbs the
 *   overshoot, so this phase costs no time against the quota.
 * - On throttles of calls sent at least a latency after the last cut (two at least, and a few
 *   percent of the latest answers): cut the rate, by `startCut` the first time and `steadyCut`
 *   later, or straight to just under the quota's rate when the throttles so far reveal it (see
 *   quota-estimates.ts). Throttles of calls sent before that are echoes of the same overload.
 * - Cuts are spaced (`callsBetweenCuts`) unless the overrun is plain: throttles that keep coming
 *   at a steady share whatever the rate are strays (faults), and must not drag the rate down.
 * - Quota or noise: throttles that come at the same share whatever the rate (Bedrock's on-demand
 *   capacity throttling at random) are learned as noise (throttle-noise.ts) and left to the retry
 *   layer; only throttles clearly above that share cut, and a cut after which the throttles went
 *   on as before is taken back.
 * - Between throttles: grow quickly back towards the rate of the last throttle, then slowly
 *   past it, slightly faster the longer no throttle comes. A gentle cut keeps the server's
 *   bucket from ever filling, so no quota is wasted while the rate recovers.
 * - Concurrency follows rate x base latency (with headroom), up to `maxConcurrency`. The base
 *   latency is the least seen (drifting up slowly): queueing in a busy process does not count,
 *   or concurrency chasing latency would feed on itself.
 *
 * @example
 * const controller = new RateController({ initialConcurrency: 4, maxConcurrency: 64, adaptive: true });
 * const record = controller.sent(now);
 * controller.onSuccess(record, later, true);
 * controller.rate; // calls per second, Infinity while unpaced
 */
export class RateController {
  readonly #limits: RateLimits;
  readonly #tuning: RateTuning;
  #rate = Number.POSITIVE_INFINITY;
  #concurrency: number;
  #latencyMs: number | undefined;
  /** The least latency seen, drifting up slowly: the service's own time, without queueing. */
  #baseLatencyMs: number | undefined;
  #baseUpdatedAt: number | undefined;
  #started = false;
  #throttled = false;
  /** Calls sent before this time were already answered for by a cut. */
  #lastCutAt = Number.NEGATIVE_INFINITY;
  /** The quota's rate as last estimated, or the rate the last cut was made from. */
  #ceiling = Number.POSITIVE_INFINITY;
  #grownAt: number | undefined;
  /** When the first call went out, and how many succeeded since: what the quota allowed so far. */
  #firstSentAt: number | undefined;
  #successes = 0;
  /** The paced rate sending started at, once the first latency was known. */
  #startRate: number | undefined;
  /** Recent sends in send order, for estimating the quota from an episode of throttles. */
  #records: SendRecord[] = [];
  /** The current run of throttles: the server's bucket has been empty since `start`. */
  #episode: { start: number; lastThrottleAt: number } | undefined;
  /** Answers since the last cut, to space cuts for throttles that may be strays. */
  #answersSinceCut = 0;
  /** Which throttles come whatever the rate (noise), learned by putting every cut on trial. */
  readonly #noise = new ThrottleNoise(DEFAULT_NOISE_TUNING);

  constructor(limits: RateLimits, tuning: Partial<RateTuning> = {}) {
    this.#limits = limits;
    this.#tuning = { ...DEFAULT_RATE_TUNING, ...tuning };
    this.#concurrency = limits.adaptive
      ? Math.min(limits.initialConcurrency, limits.maxConcurrency)
      : limits.maxConcurrency;
    if (limits.maxRate !== undefined) this.#rate = limits.maxRate;
  }

  /** Calls per second to pace sends at; Infinity when not paced. */
  get rate(): number {
    return this.#rate;
  }

  /** Calls allowed in flight at once. */
  get concurrency(): number {
    return this.#concurrency;
  }

  /** Moving average of successful call latency, once one has been seen. */
  get latencyMs(): number | undefined {
    return this.#latencyMs;
  }

  /** True once a throttle has been seen: the rate is now a learned estimate of the quota. */
  get throttled(): boolean {
    return this.#throttled;
  }

  /** A call goes out at `now`; report its outcome with the returned record. */
  sent(now: number): SendRecord {
    const record: SendRecord = { sentAt: now, outcome: "pending" };
    if (!this.#limits.adaptive) return record;
    this.#firstSentAt ??= now;
    this.#records.push(record);
    // Kept long enough for an episode's estimate and a confirmation window; trimmed in chunks.
    const horizon = now - this.#tuning.historyMs;
    let drop = 0;
    while (drop < this.#records.length && this.#records[drop]!.sentAt < horizon) drop++;
    if (this.#records.length - drop > MAX_RECORDS) drop = this.#records.length - MAX_RECORDS;
    if (drop > 256) this.#records = this.#records.slice(drop);
    return record;
  }

  /**
   * The call of `record` succeeded at `now`. `rateLimited` when the rate was what held calls
   * back (work was waiting and concurrency had room): only then has the rate been tested.
   */
  onSuccess(record: SendRecord, now: number, rateLimited: boolean): void {
    record.outcome = "success";
    if (!this.#limits.adaptive) return;
    this.#noise.answered(record.sentAt, false);
    this.#answersSinceCut++;
    this.#successes++;
    const latency = Math.max(0, now - record.sentAt);
    const weight = this.#tuning.latencyWeight;
    this.#latencyMs =
      this.#latencyMs === undefined ? latency : this.#latencyMs * (1 - weight) + latency * weight;
    this.#updateBaseLatency(latency, now);
    // Pacing starts at the rate the initial concurrency reaches at the latency seen (from the
    // first success); before any throttle it never falls below that, as latency settles once
    // connections are warm.
    const initial = Math.min(this.#concurrency, this.#limits.initialConcurrency);
    const reached = (initial / Math.max(this.#baseLatencyMs!, 1)) * 1000;
    if (!this.#started || (!this.#throttled && this.#rate < reached)) {
      this.#started = true;
      this.#grownAt = now;
      this.#setRate(reached);
      if (!this.#throttled) this.#startRate = Math.max(this.#startRate ?? 0, this.#rate);
      return;
    }
    const since = now - (this.#grownAt ?? now);
    this.#grownAt = now;
    // Growing while nothing is waiting would claim a rate never tried.
    if (!rateLimited || since <= 0) return;
    this.#setRate(this.#rate * Math.exp(this.#growthExponent(now, Math.min(since, 1000) / 1000)));
  }

  /** The call of `record` failed at `now` for a reason that says nothing about the rate. */
  onOtherFailure(record: SendRecord): void {
    record.outcome = "other";
  }

  /** The call of `record` was throttled at `now`. */
  onThrottle(record: SendRecord, now: number): void {
    record.outcome = "throttled";
    if (!this.#limits.adaptive) return;
    this.#noise.answered(record.sentAt, true);
    this.#answersSinceCut++;
    const episode = this.#continueEpisode(record.sentAt, now);
    // Throttles of calls sent before the last cut, or within a latency after it (calls already on
    // their way, in a busy process), are echoes of the overload that cut answered.
    const freshSince = this.#lastCutAt + (this.#latencyMs ?? 0);
    if (record.sentAt < freshSince) return;
    const fresh = this.#freshThrottles(freshSince, now);
    if (fresh === undefined) return;
    const first = !this.#throttled;
    const estimate = first
      ? undefined
      : episodeEstimate(
          this.#records,
          episode.start,
          record.sentAt,
          this.#tuning.estimatePrior,
          this.#tuning.minEstimateSpanMs,
        );
    // An estimate over a long episode is sound enough to overrule the spacing of cuts.
    const sound = estimate !== undefined && record.sentAt - episode.start >= this.#tuning.soundEstimateMs;
    if (first) {
      const plain = { throttles: this.#tuning.plainThrottles, share: this.#tuning.plainShare };
      const inARow = this.#latestAnswersThrottled(2);
      if (!this.#noise.isFirstOverrun(fresh.throttles, fresh.answers, inARow, plain)) return;
    } else if (!this.#mayCutAgain(fresh, sound ? estimate : undefined)) return;
    const before = { rate: this.#rate, ceiling: this.#ceiling, throttled: this.#throttled };
    this.#throttled = true;
    // Cut from what was really sent: the nominal rate may not have been reached.
    const sent = this.#sentRate(now);
    const nominal = Number.isFinite(this.#rate) ? this.#rate : this.#unpacedRate();
    const current = nominal === undefined ? sent : sent === undefined ? nominal : Math.min(nominal, sent);
    this.#lastCutAt = now;
    this.#grownAt = now;
    if (current === undefined) {
      // Throttled before any latency is known: all that can shrink is concurrency.
      this.#concurrency = Math.max(1, Math.floor(this.#concurrency / 2));
      return;
    }
    const tuning = this.#tuning;
    this.#answersSinceCut = 0;
    if (first) {
      this.#setRate(this.#firstCut(current, record.sentAt));
    } else {
      this.#ceiling = estimate ?? current;
      const gentle = current * tuning.steadyCut;
      // An estimate below the gentle cut means a gross overshoot: go to just under it at once.
      const target = estimate === undefined ? gentle : Math.min(gentle, estimate * tuning.estimateMargin);
      this.#setRate(Math.max(current * tuning.hardestCut, target));
    }
    this.#noise.cutMade({
      from: now,
      triggerShare: fresh.throttles / Math.max(1, fresh.answers),
      undo: () => {
        this.#ceiling = before.ceiling;
        this.#throttled = before.throttled;
        this.#setRate(before.rate);
      },
    });
  }

  /**
   * The first cut. The quota let through every success so far: at most its initial burst plus
   * its rate over the time elapsed. Taking the burst as `assumedBurstSeconds` of the rate gives
   * a lower bound on the rate, which is the rate itself when the sends never fell below it (the
   * bucket never overflowed): true when the bound is below the rate sending started at. Then
   * cut straight to it; otherwise halve, but not below the bound.
   */
  #firstCut(current: number, sentAt: number): number {
    const tuning = this.#tuning;
    const bound =
      this.#firstSentAt === undefined
        ? undefined
        : firstThrottleBound(
            this.#records,
            this.#successes,
            this.#firstSentAt,
            sentAt,
            tuning.assumedBurstSeconds,
          );
    this.#ceiling = current;
    if (bound === undefined) return current * tuning.startCut;
    if (bound <= (this.#startRate ?? 0)) {
      this.#ceiling = bound;
      return Math.max(current * tuning.hardestStartCut, bound * tuning.estimateMargin);
    }
    return Math.max(bound, current * tuning.startCut);
  }

  /**
   * Another cut so soon after the last one must be earned: throttles that keep coming at a share
   * no cut changes are strays (faults), and cutting for each would drag the rate to nothing. So
   * a cut comes at most once per `callsBetweenCuts` answers, unless the overrun is plain: at
   * least `plainThrottles` fresh throttles making `plainShare` of the latest answers (an overrun
   * grows with the rate; strays do not), or an estimate of the quota far below the rate.
   */
  #mayCutAgain(fresh: { throttles: number; answers: number }, estimate: number | undefined): boolean {
    const tuning = this.#tuning;
    const plainShare = tuning.plainShare + this.#noise.share;
    const plain = fresh.throttles >= tuning.plainThrottles && fresh.throttles >= fresh.answers * plainShare;
    if (plain) return true;
    // A cut on trial is judged before another is made for the same kind of throttles.
    if (this.#noise.onTrial) return false;
    if (this.#answersSinceCut >= tuning.callsBetweenCuts) return true;
    const rate = Number.isFinite(this.#rate) ? this.#rate : undefined;
    return estimate !== undefined && rate !== undefined && estimate < rate * tuning.grossBelow;
  }

  /**
   * A quota overrun throttles a growing share of calls; a stray throttle (a fault, a neighbour's
   * burst) is one among many successes. So a fresh throttle counts only when the fresh throttles
   * are at least two and `confirmShare` of the latest answers: an overrun gets there within a few
   * calls, while strays at a steady low rate (about 1%) rarely do. Returns the counts then.
   */
  #freshThrottles(freshSince: number, now: number): { throttles: number; answers: number } | undefined {
    const tuning = this.#tuning;
    // The answers to calls sent over the last window (and at least `confirmAnswers` of them).
    const since = now - tuning.confirmWindowMs - (this.#latencyMs ?? 0);
    let answers = 0;
    let throttles = 0;
    for (let position = this.#records.length - 1; position >= 0; position--) {
      const record = this.#records[position]!;
      if (answers >= tuning.confirmAnswers && record.sentAt < since) break;
      if (record.outcome === "pending") continue;
      answers++;
      if (record.outcome === "throttled" && record.sentAt >= freshSince) throttles++;
    }
    const overrun =
      throttles >= Math.max(2, Math.ceil(answers * tuning.confirmShare)) &&
      this.#noise.isOverrun(throttles, answers);
    return overrun ? { throttles, answers } : undefined;
  }

  /** Whether the latest `count` answers, in send order, were all throttles. */
  #latestAnswersThrottled(count: number): boolean {
    let seen = 0;
    for (let position = this.#records.length - 1; position >= 0 && seen < count; position--) {
      const outcome = this.#records[position]!.outcome;
      if (outcome === "pending") continue;
      if (outcome !== "throttled") return false;
      seen++;
    }
    return seen === count;
  }

  /**
   * Throttles that follow each other closely belong to one episode during which the server's
   * bucket stayed empty; a throttle after a quiet spell starts a new one.
   */
  #continueEpisode(sentAt: number, now: number): { start: number; lastThrottleAt: number } {
    const episode = this.#episode;
    if (episode && now - episode.lastThrottleAt <= this.#tuning.episodeGapMs) {
      episode.lastThrottleAt = now;
      return episode;
    }
    this.#episode = { start: sentAt, lastThrottleAt: now };
    return this.#episode;
  }

  /**
   * How much to grow on one success `seconds` after the previous one. Probing grows no faster
   * than `probeGrowthPerCall` per call, so at low rates a probing cycle still spans enough calls
   * that its one throttle is a small share of them.
   */
  #growthExponent(now: number, seconds: number): number {
    const tuning = this.#tuning;
    if (!this.#throttled) return tuning.startGrowth * seconds;
    if (this.#rate < this.#ceiling * tuning.recoverBelow) return tuning.recoverGrowth * seconds;
    const quietSeconds = (now - this.#lastCutAt) / 1000;
    const perSecond = Math.min(tuning.probeGrowth, tuning.probeGrowthPerCall * this.#rate);
    // Probing speeds up the longer no throttle comes (quadratically, like CUBIC's far side): a rate
    // left low by a harsh cut or a busy spell recovers in seconds, a rate near the quota creeps.
    return perSecond * seconds * (1 + (quietSeconds / tuning.probeAcceleration) ** 2);
  }

  /**
   * The base latency follows a new low at once and a rise slowly (by `baseLatencyDrift` of the
   * gap per second), so queueing in a busy moment does not read as a slower service.
   */
  #updateBaseLatency(latency: number, now: number): void {
    const base = this.#baseLatencyMs;
    const seconds = Math.min(1, Math.max(0, now - (this.#baseUpdatedAt ?? now)) / 1000);
    this.#baseUpdatedAt = now;
    if (base === undefined || latency < base) this.#baseLatencyMs = latency;
    else this.#baseLatencyMs = base + (latency - base) * this.#tuning.baseLatencyDrift * seconds;
  }

  /** Calls sent per second over the last few latencies, once there is enough to tell. */
  #sentRate(now: number): number | undefined {
    if (this.#latencyMs === undefined || this.#firstSentAt === undefined) return undefined;
    const window = Math.max(4 * this.#latencyMs, 250);
    // Too early to measure a rate over the window: keep the nominal one.
    if (now - this.#firstSentAt < window) return undefined;
    return sentRate(this.#records, now, window, 8);
  }

  #unpacedRate(): number | undefined {
    if (this.#latencyMs === undefined) return undefined;
    return (this.#concurrency / Math.max(this.#latencyMs, 1)) * 1000;
  }

  #setRate(rate: number): void {
    const ceiling = this.#limits.maxRate ?? Number.POSITIVE_INFINITY;
    this.#rate = Math.min(ceiling, Math.max(this.#tuning.minRate, rate));
    // From the base latency, not the average: when calls queue (a busy process, a slow network),
    // more calls in flight only queue longer, and concurrency chasing latency would feed on itself.
    const latency = this.#baseLatencyMs ?? 0;
    const needed = Math.ceil(((this.#rate * latency) / 1000) * this.#tuning.concurrencyHeadroom) + 1;
    this.#concurrency = Math.min(
      this.#limits.maxConcurrency,
      Math.max(Math.min(this.#limits.initialConcurrency, this.#limits.maxConcurrency), needed),
    );
  }
}
