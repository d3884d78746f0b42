/** What GET /health/ready answers. */
export interface ReadinessReport {
  ready: boolean;
  /** Per endpoint: reachable or why not (never credentials). */
  endpoints: { endpoint: string; reachable: boolean; problem?: string }[];
  /** Per Redis connection (limits, cache), when `redis_url` is set: answering or why not (never a password). */
  redis?: { location: string; reachable: boolean; problem?: string }[];
}

/** Decides whether the server can serve now. */
export interface Readiness {
  check(): Promise<ReadinessReport>;
}

/**
 * Something the server shares with other replicas through Redis, probed with PING.
 *
 * @example
 * const probe: RedisProbe = new RedisRateLimitStore({ url: "redis://127.0.0.1:6379" });
 */
export interface RedisProbe {
  /** `host:port`, safe to show. */
  readonly location: string;
  /** Resolves when Redis answers within its timeouts; throws an error naming `location` otherwise. */
  ping(): Promise<void>;
}

export interface EndpointReadinessOptions {
  /** Bedrock runtime base URLs (the emulator's, or https://bedrock-runtime.REGION.amazonaws.com). */
  endpoints: readonly string[];
  /** The Redis stores in use (rate limits, vector cache); none when `redis_url` is not set. */
  redis?: readonly RedisProbe[];
  /** Longest wait for one endpoint (default 2 s). */
  timeoutMs?: number;
  /** How long a report is reused, so probes cannot flood the endpoint (default 5 s). */
  cacheMs?: number;
}

/**
 * Ready when the config is loaded (it is, once this exists), every Bedrock endpoint answers
 * HTTP at all (any status counts, since only reachability is asked, not credentials) and, when
 * Redis is configured, Redis answers PING: without it every request that needs a limit or the
 * shared cache fails.
 *
 * @example
 * const readiness = new EndpointReadiness({ endpoints: ["https://bedrock-runtime.us-east-1.amazonaws.com"] });
 * (await readiness.check()).ready;
 */
export class EndpointReadiness implements Readiness {
  readonly #endpoints: readonly string[];
  readonly #redis: readonly RedisProbe[];
  readonly #timeoutMs: number;
  readonly #cacheMs: number;
  #last: { at: number; report: Promise<ReadinessReport> } | undefined;

  constructor(options: EndpointReadinessOptions) {
    this.#endpoints = [...new Set(options.endpoints)];
    this.#redis = options.redis ?? [];
    this.#timeoutMs = options.timeoutMs ?? 2_000;
    this.#cacheMs = options.cacheMs ?? 5_000;
  }

  check(): Promise<ReadinessReport> {
    const now = Date.now();
    if (this.#last && now - this.#last.at < this.#cacheMs) return this.#last.report;
    const report = this.#probeAll();
    this.#last = { at: now, report };
    return report;
  }

  async #probeAll(): Promise<ReadinessReport> {
    const [endpoints, redis] = await Promise.all([
      Promise.all(this.#endpoints.map((endpoint) => this.#probe(endpoint))),
      Promise.all(this.#redis.map((store) => probeRedis(store))),
    ]);
    const ready = [...endpoints, ...redis].every((probe) => probe.reachable);
    return redis.length === 0 ? { ready, endpoints } : { ready, endpoints, redis };
  }

  async #probe(endpoint: string): Promise<ReadinessReport["endpoints"][number]> {
    try {
      const response = await fetch(endpoint, { method: "GET", signal: AbortSignal.timeout(this.#timeoutMs) });
      await response.body?.cancel();
      return { endpoint, reachable: true };
    } catch (error) {
      return { endpoint, reachable: false, problem: problemOf(error) };
    }
  }
}

async function probeRedis(store: RedisProbe): Promise<NonNullable<ReadinessReport["redis"]>[number]> {
  try {
    await store.ping();
    return { location: store.location, reachable: true };
  } catch (error) {
    // The store's own message: it names host:port and the fix, never the URL's password.
    return {
      location: store.location,
      reachable: false,
      problem: error instanceof Error ? error.message : String(error),
    };
  }
}

function problemOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}
