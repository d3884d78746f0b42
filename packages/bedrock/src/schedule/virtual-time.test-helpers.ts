// Test-only: a virtual clock and a token-bucket quota server, so scheduling is tested without waiting.
import type { Clock } from "./clock.js";

interface Timer {
  at: number;
  order: number;
  fire: () => void;
}

/**
 * A clock whose time only moves when `run` finds nothing left to do but wait: then it jumps to
 * the next timer. Everything driven by it must wait through `sleep`, never on real timers.
 */
export class VirtualClock implements Clock {
  #now = 0;
  #order = 0;
  #timers: Timer[] = [];

  now = (): number => this.#now;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const timer: Timer = { at: this.#now + Math.max(0, ms), order: this.#order++, fire: resolve };
      this.#timers.push(timer);
      signal?.addEventListener(
        "abort",
        () => {
          this.#timers = this.#timers.filter((entry) => entry !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  };

  /** Settles `work`, advancing time from timer to timer whenever nothing else can run. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const watched = work.finally(() => {
      settled = true;
    });
    watched.catch(() => undefined);
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) break;
      if (this.#timers.length === 0)
        throw new Error("virtual clock: nothing left to wait for, and the work never settled");
      this.#timers.sort((left, right) => left.at - right.at || left.order - right.order);
      const next = this.#timers[0]!.at;
      this.#now = Math.max(this.#now, next);
      const due = this.#timers.filter((timer) => timer.at <= this.#now);
      this.#timers = this.#timers.filter((timer) => timer.at > this.#now);
      for (const timer of due) timer.fire();
    }
    return work;
  }
}

/** What a simulated quota server saw. */
export interface QuotaStats {
  requests: number;
  throttled: number;
  /** Virtual times of successful arrivals. */
  successTimes: number[];
}

/**
 * A server whose quota is a token bucket (the emulator's model): `perSecond` refill, `capacity`
 * tokens, starting full. Each request takes one token on arrival or is throttled; both answers
 * come after `latencyMs`.
 */
export function tokenBucketServer(
  clock: VirtualClock,
  options: {
    perSecond: number;
    capacity: number;
    latencyMs: number;
    throttleLatencyMs?: number;
    /** Extra latency per answer, e.g. a seeded random spread. */
    jitterMs?: () => number;
    /**
     * CPU milliseconds each request costs on the way out and again on the way back, served one
     * at a time: a client and emulator sharing one busy process, where calls queue for the CPU.
     */
    cpuMs?: number;
    /** Share of requests throttled at random whatever the bucket holds (a fault, not the quota). */
    randomThrottles?: { share: number; random: () => number };
  },
) {
  let cpuFreeAt = 0;
  const cpu = async (signal?: AbortSignal) => {
    if (!options.cpuMs) return;
    const start = Math.max(clock.now(), cpuFreeAt);
    cpuFreeAt = start + options.cpuMs;
    await clock.sleep(cpuFreeAt - clock.now(), signal);
  };
  let level = options.capacity;
  let updatedAt = clock.now();
  const stats: QuotaStats = { requests: 0, throttled: 0, successTimes: [] };
  const admit = (): boolean => {
    const now = clock.now();
    level = Math.min(options.capacity, level + ((now - updatedAt) / 1000) * options.perSecond);
    updatedAt = now;
    stats.requests++;
    const fault = options.randomThrottles && options.randomThrottles.random() < options.randomThrottles.share;
    if (level >= 1 && !fault) {
      level -= 1;
      stats.successTimes.push(now);
      return true;
    }
    stats.throttled++;
    return false;
  };
  return {
    stats,
    /** Answers after the latency; resolves true when admitted, false when throttled. */
    async handle(signal?: AbortSignal): Promise<boolean> {
      await cpu(signal);
      const admitted = admit();
      const base = admitted ? options.latencyMs : (options.throttleLatencyMs ?? options.latencyMs);
      await clock.sleep(base + (options.jitterMs?.() ?? 0), signal);
      await cpu(signal);
      return admitted;
    },
  };
}

/**
 * A BedrockRuntimeClient stand-in whose `send` goes through a token-bucket server: Titan v2
 * replies when admitted, a real-looking ThrottlingException when not. Honors the abort signal.
 */
export function bucketClient(server: ReturnType<typeof tokenBucketServer>) {
  let sends = 0;
  let inFlight = 0;
  let peak = 0;
  const send = async (command: { input: { body?: unknown } }, options?: { abortSignal?: AbortSignal }) => {
    sends++;
    const text = new TextDecoder().decode(command.input.body as Uint8Array);
    const { inputText } = JSON.parse(text) as { inputText: string };
    inFlight++;
    peak = Math.max(peak, inFlight);
    const admitted = await server.handle(options?.abortSignal).finally(() => {
      inFlight--;
    });
    if (!admitted) {
      throw Object.assign(new Error("Too many requests, please wait before trying again."), {
        name: "ThrottlingException",
        $fault: "client",
        $metadata: { httpStatusCode: 429, requestId: `throttled-${sends}` },
        $response: { statusCode: 429, headers: {} },
      });
    }
    const embedding = new Array<number>(256).fill(0.01);
    embedding[0] = inputText.length;
    return {
      body: new TextEncoder().encode(JSON.stringify({ embedding, inputTextTokenCount: 3 })),
      $metadata: { httpStatusCode: 200, requestId: `ok-${sends}` },
    };
  };
  return { client: { send } as never, sends: () => sends, peakInFlight: () => peak };
}

/** A seeded generator in [0, 1), so jitter is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
