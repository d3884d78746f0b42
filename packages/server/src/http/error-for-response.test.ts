import { StorageError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { RedisUnavailableError } from "../redis/redis-unavailable-error.js";
import { errorForResponse } from "./error-for-response.js";

describe("errorForResponse", () => {
  it("makes Redis being down a 503 with retry-after that names host:port", () => {
    const problem = errorForResponse(
      new RedisUnavailableError("Redis (rate limits): no connection within 2000 ms.", {
        location: "cache.internal:6380",
        fix: "Check that Redis is running.",
      }),
    );
    expect(problem.status).toBe(503);
    expect(problem.responseHeaders()).toEqual({ "retry-after": "1" });
    expect(problem.body().error).toMatchObject({ type: "server_error", code: "shared_state_unavailable" });
    expect(problem.body().error.message).toContain("Redis at cache.internal:6380");
  });

  it("keeps any other storage failure a 500 that says nothing of the server's internals", () => {
    const problem = errorForResponse(
      new StorageError("Redis answered the rate-limit script with 7.", { file: "x:1" }),
    );
    expect(problem.status).toBe(500);
    expect(problem.body().error).toMatchObject({ code: "internal_error" });
    expect(problem.body().error.message).not.toContain("x:1");
  });
});
