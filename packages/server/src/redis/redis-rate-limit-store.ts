import { StorageError } from "@bedrock-embeddings/core";
import {
  checkTakeArguments,
  currentWindow,
  describeDecision,
  WINDOW_MILLISECONDS,
} from "../limits/fixed-window.js";
import type { KeyLimits, LimitDecision, RateLimitStore } from "../limits/rate-limit-store.js";
import { RedisConnection } from "./redis-connection.js";
import { TAKE_BUDGET_SCRIPT } from "./take-budget-script.js";

/**
 * Options of `RedisRateLimitStore`.
 *
 * @example
 * const options: RedisRateLimitStoreOptions = { url: "redis://127.0.0.1:6379", prefix: "embeddings:" };
 */
export interface RedisRateLimitStoreOptions {
  /** `redis://[:PASSWORD@]HOST[:PORT][/DB]`. */
  url: string;
  /** Put before every key, to share one Redis with other programs. Defaults to "bedrock-embeddings:". */
  prefix?: string | undefined;
  /** The clock in milliseconds since the epoch; tests pass a fake one. Defaults to Date.now. */
  now?: (() => number) | undefined;
  /** How long to wait for the connection. Defaults to 2,000 ms. */
  connectTimeoutMs?: number | undefined;
  /** How long to wait for one reply. Defaults to 1,000 ms. */
  commandTimeoutMs?: number | undefined;
}

const REFUSED_BUDGETS = [undefined, "requests", "tokens"] as const;
// Counters outlive their minute a little, so a replica whose clock runs behind still finds them.
const KEEP_SECONDS = (2 * WINDOW_MILLISECONDS) / 1000;

/**
 * Per-key budgets shared by every replica that points at the same Redis: fixed one-minute
 * windows (by each replica's clock, so keep clocks in sync), checked and counted in one Lua
 * script so concurrent replicas never overspend. Redis down or slow: `take` fails within the
 * timeouts with a `StorageError` naming the host, never hangs.
 *
 * @example
 * const store = new RedisRateLimitStore({ url: "redis://127.0.0.1:6379" });
 * const decision = await store.take(keyId, { requestsPerMinute: 600 }, 42);
 * await store.close();
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #connection: RedisConnection;
  readonly #prefix: string;
  readonly #now: () => number;

  constructor(options: RedisRateLimitStoreOptions) {
    this.#connection = new RedisConnection(options, "rate limits");
    this.#prefix = options.prefix ?? "bedrock-embeddings:";
    this.#now = options.now ?? Date.now;
  }

  /** `host:port` of the Redis server, safe to show (never the URL's password). */
  get location(): string {
    return this.#connection.location;
  }

  async take(keyId: string, limits: KeyLimits, tokens: number): Promise<LimitDecision> {
    checkTakeArguments(keyId, limits, tokens);
    const { index, resetSeconds } = currentWindow(this.#now());
    // The hash tag keeps both counters of a key in one Redis Cluster slot, as a script needs.
    const counter = `${this.#prefix}ratelimit:{${keyId}}:${index}`;
    const reply = await this.#connection.run("the rate-limit script", (client) =>
      client.eval(TAKE_BUDGET_SCRIPT, {
        keys: [`${counter}:requests`, `${counter}:tokens`],
        arguments: [
          String(limits.requestsPerMinute ?? -1),
          String(limits.tokensPerMinute ?? -1),
          String(tokens),
          String(KEEP_SECONDS),
        ],
      }),
    );
    const [refused, requests, tokensUsed] = parseReply(reply, this.#connection.location);
    return describeDecision(limits, { requests, tokens: tokensUsed }, REFUSED_BUDGETS[refused], resetSeconds);
  }

  /**
   * Resolves when Redis answers PING within the timeouts, for a readiness probe; throws the same
   * `StorageError` a call would.
   *
   * @example
   * await store.ping(); // throws when Redis is down
   */
  async ping(): Promise<void> {
    await this.#connection.run("PING", (client) => client.ping());
  }

  async close(): Promise<void> {
    await this.#connection.close();
  }
}

function parseReply(reply: unknown, location: string): [0 | 1 | 2, number, number] {
  if (
    Array.isArray(reply) &&
    reply.length === 3 &&
    (reply[0] === 0 || reply[0] === 1 || reply[0] === 2) &&
    reply.every((value) => typeof value === "number")
  ) {
    return reply as [0 | 1 | 2, number, number];
  }
  throw new StorageError(`Redis answered the rate-limit script with ${JSON.stringify(reply)}.`, {
    file: location,
    fix: "Check that server.redis_url points at a Redis server (6.2 or later), not another service.",
  });
}
