import { StorageError } from "@bedrock-embeddings/core";
import { createClient, type RedisClientType } from "redis";
import { redisLocation } from "./redis-location.js";
import { RedisUnavailableError } from "./redis-unavailable-error.js";

/**
 * How to reach Redis and how long to wait for it.
 *
 * @example
 * const options: RedisConnectionOptions = { url: "redis://127.0.0.1:6379", connectTimeoutMs: 2_000 };
 */
export interface RedisConnectionOptions {
  /** `redis://[:PASSWORD@]HOST[:PORT][/DB]` (or `rediss://` for TLS). */
  url: string;
  /** How long to wait for the connection. Defaults to 2,000 ms. */
  connectTimeoutMs?: number | undefined;
  /** How long to wait for one command's reply. Defaults to 1,000 ms. */
  commandTimeoutMs?: number | undefined;
}

/** The node-redis client type this package uses. */
export type RedisClient = RedisClientType;

/**
 * One lazily opened Redis client with bounded waits: connecting, and every command, time out,
 * and commands fail at once (no offline queue) while the client reconnects, so a request never
 * hangs on a Redis that is down. Failures become `RedisUnavailableError`s (a `StorageError`) naming
 * `host:port` and `purpose`.
 *
 * @example
 * const connection = new RedisConnection({ url: "redis://127.0.0.1:6379" }, "rate limits");
 * const pong = await connection.run("PING", (client) => client.ping());
 */
export class RedisConnection {
  /** `host:port` of the server, safe to show. */
  readonly location: string;
  readonly #url: string;
  readonly #purpose: string;
  readonly #connectTimeoutMs: number;
  readonly #commandTimeoutMs: number;
  #client: Promise<RedisClient> | undefined;
  #closed = false;

  constructor(options: RedisConnectionOptions, purpose: string) {
    this.location = redisLocation(options.url);
    this.#url = options.url;
    this.#purpose = purpose;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
    this.#commandTimeoutMs = options.commandTimeoutMs ?? 1_000;
  }

  /** Runs `command` on the connected client; `operation` names it in errors. */
  async run<T>(operation: string, command: (client: RedisClient) => Promise<T>): Promise<T> {
    if (this.#closed) {
      throw new StorageError(`the Redis connection for ${this.#purpose} is closed.`, {
        file: this.location,
        fix: "Use the store before closing it.",
      });
    }
    const client = await this.#connected();
    try {
      return await command(client);
    } catch (error) {
      throw this.#failure(`${operation} failed`, error);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const pending = this.#client;
    this.#client = undefined;
    const client = await pending?.catch(() => undefined);
    if (client?.isOpen) await client.close().catch(() => client.destroy());
  }

  #connected(): Promise<RedisClient> {
    this.#client ??= this.#connect().catch((error: unknown) => {
      // The next call tries again from scratch, so Redis coming back is picked up.
      this.#client = undefined;
      throw error;
    });
    return this.#client;
  }

  async #connect(): Promise<RedisClient> {
    let lastError: unknown;
    const client = createClient({
      url: this.#url,
      disableOfflineQueue: true,
      commandOptions: { timeout: this.#commandTimeoutMs, rejectInFlight: true },
      socket: {
        connectTimeout: this.#connectTimeoutMs,
        // A dropped connection is retried in the background; commands meanwhile fail at once.
        reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000),
      },
    });
    // Without a listener node-redis would crash the process on a socket error.
    client.on("error", (error: unknown) => {
      lastError = error;
    });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(this.#failure(`no connection within ${this.#connectTimeoutMs} ms`, lastError)),
        this.#connectTimeoutMs,
      );
    });
    try {
      await Promise.race([client.connect(), deadline]);
      return client;
    } catch (error) {
      client.destroy();
      throw RedisUnavailableError.isUnavailable(error) ? error : this.#failure("connecting failed", error);
    } finally {
      clearTimeout(timer);
    }
  }

  #failure(problem: string, cause: unknown): RedisUnavailableError {
    return new RedisUnavailableError(`Redis (${this.#purpose}): ${problem}.`, {
      location: this.location,
      fix: `Check that Redis is running and reachable at ${this.location}, or remove server.redis_url so each replica keeps its own ${this.#purpose}.`,
      cause,
    });
  }
}
