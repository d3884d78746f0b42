import { StorageError } from "@bedrock-embeddings/core";

// A marker rather than `instanceof`, so the check holds across duplicated copies of this package.
const MARKER = Symbol.for("@bedrock-embeddings/server/redis-unavailable");

/**
 * Redis, where replicas share per-key limits and the vector cache, could not be reached or did
 * not answer in time. A `StorageError` whose `location` is `host:port` (never a password), so the
 * server can answer 503 and name where Redis was expected.
 *
 * @example
 * if (RedisUnavailableError.isUnavailable(error)) respond(503, `Redis at ${error.location} is unavailable`);
 */
export class RedisUnavailableError extends StorageError {
  /** `host:port` of the Redis server, safe to show. */
  readonly location: string;

  constructor(problem: string, options: { location: string; fix: string; cause?: unknown }) {
    super(problem, { file: options.location, fix: options.fix, cause: options.cause });
    this.location = options.location;
    Object.defineProperty(this, MARKER, { value: true, enumerable: false });
  }

  /** True for a `RedisUnavailableError` from any copy of this package. */
  static isUnavailable(value: unknown): value is RedisUnavailableError {
    return typeof value === "object" && value !== null && MARKER in value;
  }
}
