// Two server replicas (two startEmbeddingsServer on their own ports) with the same redis_url share
// one per-key budget and one vector cache through a real redis-server started for this file.
import { startEmbeddingsServer } from "@bedrock-embeddings/server";
import { type RunningRedis, startRedis } from "@bedrock-embeddings/server/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorFixture, invokeBodies, startEmulatorFixture } from "./support/emulator-fixture.js";
import { serverConfig, TEST_API_KEY, TEST_ENVIRONMENT } from "./support/served-families.js";

type Server = { url: string; close(): Promise<void> };

const REQUESTS_PER_MINUTE = 3;
let fixture: EmulatorFixture;
let redis: RunningRedis;
let replicaA: Server;
let replicaB: Server;
beforeAll(async () => {
  [fixture, redis] = await Promise.all([startEmulatorFixture(), startRedis()]);
  const config = serverConfig(fixture.emulator, {
    aliases: ["cohere-v3"],
    redisUrl: redis.url,
    requestsPerMinute: REQUESTS_PER_MINUTE,
  });
  [replicaA, replicaB] = await Promise.all([
    startEmbeddingsServer({ config, environment: TEST_ENVIRONMENT }),
    startEmbeddingsServer({ config, environment: TEST_ENVIRONMENT }),
  ]);
});
afterAll(async () => {
  await Promise.all([replicaA?.close(), replicaB?.close()]);
  await Promise.all([redis?.stop(), fixture?.emulator.close()]);
});

function embed(replica: Server, input: string | string[]): Promise<Response> {
  return fetch(`${replica.url}/v1/embeddings`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "cohere-v3", input, encoding_format: "float" }),
  });
}

/** Budgets are per clock minute: start a test's requests early in one, never seconds before it ends. */
async function awaitFreshMinute(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 100));
}

async function cacheHits(replica: Server): Promise<number> {
  const text = await (await fetch(`${replica.url}/metrics`)).text();
  const line = text
    .split("\n")
    .find((row) => row.startsWith('embeddings_server_cache_hits_total{model="cohere-v3"}'));
  return Number(line?.split(" ").at(-1) ?? 0);
}

describe("two replicas with one redis_url", () => {
  it("see each other's cached vectors: a text embedded through A is a cache hit on B", async () => {
    const text = "a text only replica A has embedded";
    const first = await embed(replicaA, [text]);
    expect(first.status).toBe(200);
    const fromA = ((await first.json()) as { data: { embedding: number[] }[] }).data[0]!.embedding;
    fixture.emulator.clearRequests();
    const hitsBefore = await cacheHits(replicaB);

    const second = await embed(replicaB, [text]);
    expect(second.status).toBe(200);
    const fromB = ((await second.json()) as { data: { embedding: number[] }[] }).data[0]!.embedding;
    expect(invokeBodies(fixture.emulator)).toEqual([]);
    expect(await cacheHits(replicaB)).toBe(hitsBefore + 1);
    expect(Float32Array.from(fromB)).toEqual(Float32Array.from(fromA));
  });

  it("share one per-key budget: B answers 429 once A used it", async () => {
    await awaitFreshMinute();
    // The cache test above may have spent part of this minute's budget; use up what is left on A.
    let allowedOnA = 0;
    for (let attempt = 0; attempt < REQUESTS_PER_MINUTE; attempt++) {
      const response = await embed(replicaA, `budget request ${attempt}`);
      if (response.status === 200) allowedOnA++;
      else expect(response.status).toBe(429);
      await response.arrayBuffer();
    }
    expect(allowedOnA).toBeGreaterThan(0);
    const refused = await embed(replicaB, "one request too many");
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    const body = (await refused.json()) as { error: { type: string; code: string | null; message: string } };
    expect(body.error.message).not.toContain(TEST_API_KEY);
    expect(body.error.type).toMatch(/rate_limit|requests/);
  });
});
