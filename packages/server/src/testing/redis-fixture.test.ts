import { ConfigurationError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { startRedis } from "./redis-fixture.js";

describe("startRedis", () => {
  it("answers PING once started and is gone after stop", async () => {
    const redis = await startRedis();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    const { createClient } = await import("redis");
    const client = await createClient({ url: redis.url }).connect();
    expect(await client.ping()).toBe("PONG");
    await client.close();
    await redis.stop();
    const refused = await fetch(`http://127.0.0.1:${redis.port}`).catch((error: unknown) => error);
    expect(String((refused as Error).cause)).toMatch(/ECONNREFUSED/);
  });

  it("says how to install redis-server when the program is missing", async () => {
    const error = await startRedis({ binary: "/nonexistent/redis-server" }).catch(
      (caught: unknown) => caught,
    );
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as ConfigurationError).fix).toContain("apt-get install redis-server");
  });
});
