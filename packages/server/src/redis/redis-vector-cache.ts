import type { VectorCache, VectorCacheEntry, VectorCacheStats } from "@bedrock-embeddings/core";
import { ConfigurationError } from "@bedrock-embeddings/core";
import { RESP_TYPES } from "redis";
import { RedisConnection } from "./redis-connection.js";
import { decodeVectorBytes, encodeVectorBytes } from "./vector-bytes.js";

/**
 * Options of `RedisVectorCache`.
 *
 * @example
 * const options: RedisVectorCacheOptions = { url: "redis://127.0.0.1:6379", ttlSeconds: 86_400 };
 */
export interface RedisVectorCacheOptions {
  /** `redis://[:PASSWORD@]HOST[:PORT][/DB]`. */
  url: string;
  /** Put before every key, to share one Redis with other programs. Defaults to "bedrock-embeddings:". */
  prefix?: string | undefined;
  /** Drop entries this many seconds after they were written; absent = keep (Redis's maxmemory policy decides). */
  ttlSeconds?: number | undefined;
  /** How long to wait for the connection. Defaults to 2,000 ms. */
  connectTimeoutMs?: number | undefined;
  /** How long to wait for one reply. Defaults to 1,000 ms. */
  commandTimeoutMs?: number | undefined;
}

/**
 * Counters of a `RedisVectorCache` in this process, with the entries found unreadable.
 *
 * @example
 * cache.stats.unreadable; // 0
 */
export interface RedisVectorCacheStats extends VectorCacheStats {
  /** Values under our keys that were not vectors we wrote; counted as misses and replaced on the next write. */
  unreadable: number;
}

/**
 * A vector cache in Redis, shared by every replica that points at it: one string per key,
 * holding the vector as little-endian float32 (float64 when float32 would change a value), so a
 * cached vector is bit for bit the one stored. Redis down or slow: calls fail within the timeouts
 * with a `StorageError` naming the host. `stats` count this process's calls only.
 *
 * @example
 * const cache = new RedisVectorCache({ url: "redis://127.0.0.1:6379" });
 * const embedder = new CachedEmbedder(inner, { cache });
 * await cache.close();
 */
export class RedisVectorCache implements VectorCache {
  readonly #connection: RedisConnection;
  readonly #prefix: string;
  readonly #ttlSeconds: number | undefined;
  readonly #stats = { hits: 0, misses: 0, writes: 0, unreadable: 0 };

  constructor(options: RedisVectorCacheOptions) {
    if (
      options.ttlSeconds !== undefined &&
      (!Number.isSafeInteger(options.ttlSeconds) || options.ttlSeconds < 1)
    ) {
      throw new ConfigurationError(
        `the cache TTL must be a whole number of seconds, 1 or more, got ${options.ttlSeconds}.`,
        {
          path: "server.cache_ttl_seconds",
          fix: "Give a number of seconds, or leave it out to keep entries until Redis evicts them.",
        },
      );
    }
    this.#connection = new RedisConnection(options, "vector cache");
    this.#prefix = `${options.prefix ?? "bedrock-embeddings:"}vector:`;
    this.#ttlSeconds = options.ttlSeconds;
  }

  /** `host:port` of the Redis server, safe to show (never the URL's password). */
  get location(): string {
    return this.#connection.location;
  }

  get stats(): RedisVectorCacheStats {
    return { ...this.#stats };
  }

  async getMany(keys: readonly string[]): Promise<(number[] | undefined)[]> {
    if (keys.length === 0) return [];
    const values = await this.#connection.run("reading cached vectors", (client) =>
      client
        .withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer })
        .mGet(keys.map((key) => this.#prefix + key)),
    );
    return values.map((value) => {
      const vector = value === null ? undefined : decodeVectorBytes(value);
      if (vector === undefined) {
        this.#stats.misses++;
        if (value !== null) this.#stats.unreadable++;
      } else {
        this.#stats.hits++;
      }
      return vector;
    });
  }

  async setMany(entries: readonly VectorCacheEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const ttlSeconds = this.#ttlSeconds;
    await this.#connection.run("writing cached vectors", async (client) => {
      // Commands sent in one tick go out as one pipeline.
      await Promise.all(
        entries.map(({ key, vector }) =>
          client.set(
            this.#prefix + key,
            encodeVectorBytes(vector),
            ttlSeconds === undefined ? {} : { expiration: { type: "EX", value: ttlSeconds } },
          ),
        ),
      );
    });
    this.#stats.writes += entries.length;
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
