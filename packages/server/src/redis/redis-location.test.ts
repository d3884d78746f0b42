import { ConfigurationError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { redisLocation } from "./redis-location.js";

describe("redisLocation", () => {
  it("shows host and port, never the credentials", () => {
    expect(redisLocation("redis://user:s3cret@cache.internal:6380/2")).toBe("cache.internal:6380");
    expect(redisLocation("rediss://cache.internal")).toBe("cache.internal:6379");
  });

  it("refuses what is not a Redis URL without repeating it", () => {
    for (const url of ["http://:s3cret@cache.internal", "cache.internal:6379", "redis:s3cret"]) {
      const error = (() => {
        try {
          return redisLocation(url);
        } catch (caught) {
          return caught;
        }
      })();
      expect(ConfigurationError.isInstance(error)).toBe(true);
      expect((error as ConfigurationError).message).not.toContain("s3cret");
      expect((error as ConfigurationError).path).toBe("server.redis_url");
    }
  });
});
