import type { Clock } from "./clock.js";
import type { RateController } from "./rate-controller.js";
import type { TokenBucket } from "./token-bucket.js";

/**
 * How one attempt ended, as the scheduler needs to know it: throttled attempts slow the rate
 * down, successes let it grow, other failures change nothing.
 *
 * @example
 * permit.finish({ kind: "success", inputTokens: 12 });
 */
export type AttemptOutcome =
  | { kind: "success"; inputTokens?: number | undefined }
  | { kind: "throttled" }
  | { kind: "failed" };

/**
 * The right to send one attempt now. Call `finish` exactly once when the attempt ends.
 *
 * @example
 * const permit = await scheduler.acquire({ tokens: 40 });
 * try { ... permit.finish({ kind: "success" }); } catch { permit.finish({ kind: "failed" }); }
 */
export interface AttemptPermit {
  /** When the attempt was let go, on the scheduler's clock. */
  readonly sentAt: number;
  finish(outcome: AttemptOutcome): void;
}

/**
 * What an attempt asks for.
 *
 * @example
 * scheduler.acquire({ tokens: 250, signal });
 */
export interface AttemptRequest {
  /** Estimated input tokens, for a tokens-per-minute budget. */
  tokens?: number;
  signal?: AbortSignal | undefined;
}

/**
 * Where the scheduler reports what it did, for usage and progress.
 *
 * @example
 * const hooks: SchedulerBudgets = { requests: new TokenBucket(600, 10, 0) };
 */
export interface SchedulerBudgets {
  /** A configured requests-per-minute budget. */
  requests?: TokenBucket | undefined;
  /** A configured tokens-per-minute budget. */
  tokens?: TokenBucket | undefined;
}

/** How early a paced send may go: about one timer tick. */
const EARLY_MS = 2;
/** How far behind its slots the pacer may fall and still catch up (a burst of this many ms). */
const MAX_LAG_MS = 20;

interface Waiter {
  request: AttemptRequest;
  resolve: (permit: AttemptPermit) => void;
  reject: (reason: unknown) => void;
}

/**
 * The one gate every InvokeModel attempt of an embedder passes: first come first served, no more
 * than the controller's concurrency in flight, sends paced at the controller's rate, and
 * configured requests/tokens-per-minute budgets respected. Shared by every call of the embedder,
 * so overlapping batches share the quota instead of each assuming all of it.
 *
 * Retries queue at the back like any attempt: a text throttled while the rate was still being
 * found goes out again once the rate has settled, instead of meeting the same overload again.
 *
 * @example
 * const scheduler = new CallScheduler(new RateController(limits), realClock());
 * const permit = await scheduler.acquire({ signal });
 */
export class CallScheduler {
  readonly #controller: RateController;
  readonly #clock: Clock;
  readonly #budgets: SchedulerBudgets;
  #queue: Waiter[] = [];
  /** Where the queue really starts: shifting a long array each send would be quadratic. */
  #head = 0;
  /** Signals already listened to: one listener per signal, however many attempts wait with it. */
  readonly #signals = new WeakSet<AbortSignal>();
  #inFlight = 0;
  /** The pacing slot of the last send; the next is one interval (at the current rate) later. */
  #lastSlot = Number.NEGATIVE_INFINITY;
  #timerPending = false;
  /** Whether pacing (rather than concurrency) held back the last call that had to wait. */
  #heldByPacing = false;

  constructor(controller: RateController, clock: Clock, budgets: SchedulerBudgets = {}) {
    this.#controller = controller;
    this.#clock = clock;
    this.#budgets = budgets;
  }

  /** Attempts in flight now. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Attempts waiting for their turn. */
  get waiting(): number {
    return this.#queue.length - this.#head;
  }

  get controller(): RateController {
    return this.#controller;
  }

  /** Waits for this attempt's turn; rejects with the signal's reason if it aborts first. */
  acquire(request: AttemptRequest = {}): Promise<AttemptPermit> {
    const { signal } = request;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      if (signal) this.#watch(signal);
      this.#queue.push({ request, resolve, reject });
      this.#pump();
    });
  }

  #watch(signal: AbortSignal): void {
    if (this.#signals.has(signal)) return;
    this.#signals.add(signal);
    signal.addEventListener("abort", () => this.#abortWaiters(signal), { once: true });
  }

  #abortWaiters(signal: AbortSignal): void {
    const kept: Waiter[] = [];
    for (let position = this.#head; position < this.#queue.length; position++) {
      const waiter = this.#queue[position]!;
      if (waiter.request.signal === signal) waiter.reject(signal.reason);
      else kept.push(waiter);
    }
    this.#queue = kept;
    this.#head = 0;
    this.#pump();
  }

  #pump(): void {
    while (this.#head < this.#queue.length) {
      if (this.#inFlight >= this.#controller.concurrency) {
        this.#heldByPacing = false;
        return;
      }
      const waiter = this.#queue[this.#head]!;
      const now = this.#clock.now();
      const wait = this.#waitMs(waiter.request, now);
      if (wait > 0) {
        this.#heldByPacing = true;
        this.#wake(wait);
        return;
      }
      this.#head++;
      if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
        this.#queue = this.#queue.slice(this.#head);
        this.#head = 0;
      }
      waiter.resolve(this.#send(waiter.request, now));
    }
  }

  #waitMs(request: AttemptRequest, now: number): number {
    const rate = this.#controller.rate;
    // Sends may go a little early, so timer granularity does not cost rate; the interval is taken
    // at the current rate, so a cut slows the very next send.
    const interval = 1000 / rate;
    const pacing = Number.isFinite(rate)
      ? this.#lastSlot + interval - Math.min(interval / 4, EARLY_MS) - now
      : 0;
    const requests = this.#budgets.requests?.waitMs(1, now) ?? 0;
    const tokens = this.#budgets.tokens?.waitMs(request.tokens ?? 0, now) ?? 0;
    return Math.max(pacing, requests, tokens, 0);
  }

  #send(request: AttemptRequest, now: number): AttemptPermit {
    const rate = this.#controller.rate;
    // Slots follow each other at the rate even when a timer fires a little late, so the rate sent
    // is the rate asked for; after a longer gap (idle, or a stall) pacing starts afresh instead of
    // catching up in a burst.
    const due = this.#lastSlot + 1000 / rate;
    this.#lastSlot = Number.isFinite(rate) && now - due <= MAX_LAG_MS ? due : now;
    this.#budgets.requests?.take(1, now);
    const estimate = request.tokens ?? 0;
    this.#budgets.tokens?.take(estimate, now);
    this.#inFlight++;
    const record = this.#controller.sent(now);
    let finished = false;
    return {
      sentAt: now,
      finish: (outcome) => {
        if (finished) return;
        finished = true;
        this.#inFlight--;
        const at = this.#clock.now();
        if (outcome.kind === "success") {
          // Only a rate that actually limited sending has been tested and may grow: not when
          // nothing waits, nor when the concurrency limit held the waiting calls back.
          const rateLimited = this.waiting > 0 && this.#heldByPacing;
          this.#controller.onSuccess(record, at, rateLimited);
          if (outcome.inputTokens !== undefined)
            this.#budgets.tokens?.adjust(outcome.inputTokens - estimate, at);
        } else if (outcome.kind === "throttled") {
          this.#controller.onThrottle(record, at);
        } else {
          this.#controller.onOtherFailure(record);
        }
        this.#pump();
      },
    };
  }

  #wake(ms: number): void {
    if (this.#timerPending) return;
    this.#timerPending = true;
    this.#clock.sleep(ms).then(
      () => {
        this.#timerPending = false;
        this.#pump();
      },
      () => {
        this.#timerPending = false;
      },
    );
  }
}
