import { ConfigurationError } from "@bedrock-embeddings/core";

/**
 * Where a Redis URL points, safe to show: `host:port`, never the user name or password.
 * Refuses what is not a `redis://` or `rediss://` URL without echoing it (it may hold a password).
 *
 * @example
 * redisLocation("redis://:s3cret@cache.internal:6380/2"); // "cache.internal:6380"
 */
export function redisLocation(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw notARedisUrl(error);
  }
  if ((parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") || parsed.hostname === "") {
    throw notARedisUrl(undefined);
  }
  return `${parsed.hostname}:${parsed.port || "6379"}`;
}

function notARedisUrl(cause: unknown): ConfigurationError {
  return new ConfigurationError("the Redis URL is not a redis:// or rediss:// URL with a host.", {
    path: "server.redis_url",
    fix: "Write it as redis://[:PASSWORD@]HOST[:PORT][/DB], e.g. redis://127.0.0.1:6379, with ${VAR} for the password.",
    cause,
  });
}
