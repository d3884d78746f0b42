import { type RunningEmulator, startEmulator } from "@bedrock-embeddings/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appOnEmulator, embeddingsRequest } from "./create-embeddings-app.test-helpers.js";

let emulator: RunningEmulator;
let served: ReturnType<typeof appOnEmulator>;

const MODELS = [
  {
    name: "titan-v2",
    embedder: { provider: "aws_bedrock" as const, config: { model: "amazon.titan-embed-text-v2:0" } },
  },
  {
    name: "cohere",
    embedder: { provider: "aws_bedrock" as const, config: { model: "cohere.embed-english-v3" } },
  },
];
const OPEN_KEY = "sk-open-0123456789";
const LIMITED_KEY = "sk-limited-0123456789";
const TITAN_ONLY_KEY = "sk-titan-only-0123456789";
const SMALL_BUDGET_KEY = "sk-small-budget-0123456789";

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  served = appOnEmulator(emulator, {
    models: MODELS,
    apiKeys: [
      OPEN_KEY,
      { key: LIMITED_KEY, requestsPerMinute: 2, tokensPerMinute: 1000 },
      { key: TITAN_ONLY_KEY, models: ["titan-v2"] },
      { key: SMALL_BUDGET_KEY, requestsPerMinute: 5, tokensPerMinute: 10 },
    ],
    bodyLimitBytes: 2048,
  });
});
afterAll(() => emulator.close());

function post(body: unknown, key?: string) {
  return served.app.request("/v1/embeddings", embeddingsRequest(body, key));
}

describe("keys, limits and the other routes", () => {
  it("answers 401 without a key or with a wrong one, and never echoes the key", async () => {
    const missing = await post({ model: "titan-v2", input: "a" });
    expect(missing.status).toBe(401);
    const wrong = await post({ model: "titan-v2", input: "a" }, "sk-wrong-key-value");
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain("sk-wrong-key-value");
    expect((await post({ model: "titan-v2", input: "a" }, OPEN_KEY)).status).toBe(200);
  });

  it("answers 403 when a key may not use the alias", async () => {
    expect((await post({ model: "titan-v2", input: "a" }, TITAN_ONLY_KEY)).status).toBe(200);
    const refused = await post({ model: "cohere", input: "a" }, TITAN_ONLY_KEY);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "model_not_allowed", param: "model" } });
  });

  it("counts a limited key's requests: x-ratelimit-* headers, then 429 with retry-after", async () => {
    const first = await post({ model: "titan-v2", input: "a" }, LIMITED_KEY);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-limit-requests")).toBe("2");
    expect(first.headers.get("x-ratelimit-remaining-requests")).toBe("1");
    expect(first.headers.get("x-ratelimit-limit-tokens")).toBe("1000");
    expect(first.headers.get("x-ratelimit-reset-requests")).toMatch(/^\d+s$/);
    expect((await post({ model: "titan-v2", input: "b" }, LIMITED_KEY)).status).toBe(200);
    const refused = await post({ model: "titan-v2", input: "c" }, LIMITED_KEY);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect(await refused.json()).toMatchObject({ error: { type: "requests", code: "rate_limit_exceeded" } });
    expect(first.headers.has("x-ratelimit-limit-requests")).toBe(true);
    const unlimited = await post({ model: "titan-v2", input: "a" }, OPEN_KEY);
    expect(unlimited.headers.has("x-ratelimit-limit-requests")).toBe(false);
  });

  it("answers 413, not a 429 forever, for a request estimated over the key's whole tokens_per_minute, without counting it", async () => {
    const refused = await post(
      { model: "titan-v2", input: ["x".repeat(40), "y".repeat(20)] },
      SMALL_BUDGET_KEY,
    );
    expect(refused.status).toBe(413);
    expect(refused.headers.has("retry-after")).toBe(false);
    const { error } = (await refused.json()) as { error: { message: string; code: string; param: string } };
    expect(error).toMatchObject({ code: "tokens_over_key_limit", param: "input" });
    expect(error.message).toContain("estimated at 15 tokens");
    expect(error.message).toContain("10 tokens per minute");
    expect(error.message).toContain("Split the input");
    const next = await post({ model: "titan-v2", input: "a" }, SMALL_BUDGET_KEY);
    expect(next.status).toBe(200);
    expect(next.headers.get("x-ratelimit-remaining-requests")).toBe("4");
  });

  it("answers 413 for a body over the limit", async () => {
    const response = await post({ model: "titan-v2", input: "x".repeat(4096) }, OPEN_KEY);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "request_too_large" } });
  });

  it("lists the aliases at GET /v1/models", async () => {
    const response = await served.app.request("/v1/models", {
      headers: { authorization: `Bearer ${OPEN_KEY}` },
    });
    const body = (await response.json()) as {
      object: string;
      data: { id: string; object: string; created: number; owned_by: string }[];
    };
    expect(body.object).toBe("list");
    expect(body.data.map((model) => [model.id, model.object])).toEqual([
      ["titan-v2", "model"],
      ["cohere", "model"],
    ]);
    expect(typeof body.data[0]!.created).toBe("number");
  });

  it("serves /health, /health/ready and /metrics without a key", async () => {
    expect((await served.app.request("/health")).status).toBe(200);
    const ready = await served.app.request("/health/ready");
    expect(ready.status).toBe(200);
    expect(ready.headers.get("x-request-id")).toMatch(/^req_/);
    const metrics = await (await served.app.request("/metrics")).text();
    expect(metrics).toMatch(/embeddings_server_requests_total\{route="\/v1\/embeddings",status="200"\} \d+/);
    expect(metrics).toContain("embeddings_server_request_duration_seconds_bucket");
    expect(metrics).toMatch(/embeddings_server_input_tokens_total\{model="titan-v2"\} [1-9]/);
    expect(metrics).toContain("embeddings_server_bedrock_throttles_total");
    expect(metrics).toContain("embeddings_server_cache_hits_total");
    expect(metrics).not.toContain(OPEN_KEY);
  });

  it("is not ready when Bedrock cannot be reached", async () => {
    const unreachable = appOnEmulator(emulator, { models: MODELS }, ["http://127.0.0.1:1"]);
    const response = await unreachable.app.request("/health/ready");
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ready: false });
  });
});
