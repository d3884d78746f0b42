import { connect, createServer } from "node:net";
import { ConfigurationError, type ServerConfigInput, serverConfigSchema } from "@bedrock-embeddings/core";
import {
  EMULATOR_DEFAULT_CREDENTIALS,
  type RunningEmulator,
  startEmulator,
} from "@bedrock-embeddings/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddingsServer } from "./start-embeddings-server.js";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

const MODELS = [
  {
    name: "titan-v2",
    embedder: { provider: "aws_bedrock" as const, config: { model: "amazon.titan-embed-text-v2:0" } },
  },
];

function start(settings: Partial<ServerConfigInput> = {}) {
  return startEmbeddingsServer({
    config: serverConfigSchema.parse({ port: 0, models: MODELS, ...settings }),
    adjustEmbedder: (options) => ({
      ...options,
      endpoint: emulator.url,
      region: "us-east-1",
      credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
    }),
  });
}

function embed(url: string, text: string): Promise<Response> {
  return fetch(`${url}/v1/embeddings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "titan-v2", input: text }),
  });
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("startEmbeddingsServer", () => {
  it("refuses a reachable host without api_keys, naming server.api_keys", async () => {
    const config = { ...serverConfigSchema.parse({ port: 0, models: MODELS }), host: "0.0.0.0" };
    const error = await startEmbeddingsServer({ config }).catch((caught: unknown) => caught);
    expect(ConfigurationError.isInstance(error) && error.path).toBe("server.api_keys");
  });

  it("refuses a model setting at start, naming the alias's key", async () => {
    const config = serverConfigSchema.parse({
      port: 0,
      models: [
        {
          name: "titan",
          embedder: {
            provider: "aws_bedrock",
            config: { model: "amazon.titan-embed-text-v2:0", dimensions: 100 },
          },
        },
      ],
    });
    const error = await startEmbeddingsServer({ config }).catch((caught: unknown) => caught);
    expect(ConfigurationError.isInstance(error) && error.path).toBe(
      "server.models.0.embedder.config.dimensions",
    );
  });

  it("close() answers the requests in flight before it resolves, and refuses new connections", async () => {
    const server = await start();
    emulator.setTraffic({ defaults: { latencyMs: 300 } });
    try {
      const inFlight = [embed(server.url, "one"), embed(server.url, "two"), embed(server.url, "three")];
      while (server.inFlight < 3) await new Promise((resolve) => setTimeout(resolve, 5));
      await server.close();
      const statuses = await Promise.all(inFlight.map(async (response) => (await response).status));
      expect(statuses).toEqual([200, 200, 200]);
      await expect(embed(server.url, "late")).rejects.toThrow();
    } finally {
      emulator.setTraffic({ defaults: {} });
    }
  });

  it("packs 100 concurrent one-text HTTP requests into a few full Cohere calls", async () => {
    const server = await startEmbeddingsServer({
      config: serverConfigSchema.parse({
        port: 0,
        models: [
          {
            name: "cohere",
            embedder: { provider: "aws_bedrock", config: { model: "cohere.embed-english-v3" } },
          },
        ],
      }),
      adjustEmbedder: (options) => ({
        ...options,
        endpoint: emulator.url,
        region: "us-east-1",
        credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
      }),
    });
    emulator.setTraffic({ defaults: { latencyMs: 60 } });
    try {
      const before = emulator.stats().requests;
      const statuses = await Promise.all(
        Array.from({ length: 100 }, async (_unused, position) => {
          const response = await fetch(`${server.url}/v1/embeddings`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ model: "cohere", input: `client ${position}` }),
          });
          return response.status;
        }),
      );
      expect(statuses.every((status) => status === 200)).toBe(true);
      // ceil(100 / 96) = 2 when every request is in before the first call; requests that arrive
      // during a call ride the next one: a few calls on a busy machine, never one per request.
      expect(emulator.stats().requests - before).toBeLessThanOrEqual(10);
    } finally {
      emulator.setTraffic({ defaults: {} });
      await server.close();
    }
  });

  it("answers 503 with retry-after naming Redis's host:port (not its password), and is not ready, while Redis is down", async () => {
    const port = await closedPort();
    const server = await start({
      redisUrl: `redis://:hunter2@127.0.0.1:${port}`,
      apiKeys: ["sk-open-0123456789", { key: "sk-limited-0123456789", requestsPerMinute: 100 }],
    });
    try {
      const post = (key: string) =>
        fetch(`${server.url}/v1/embeddings`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
          body: JSON.stringify({ model: "titan-v2", input: "hello" }),
        });
      // The open key reaches Redis through the shared cache, the limited one through its budget.
      const [throughCache, throughLimits, ready] = await Promise.all([
        post("sk-open-0123456789"),
        post("sk-limited-0123456789"),
        fetch(`${server.url}/health/ready`),
      ]);
      for (const response of [throughCache, throughLimits]) {
        expect(response.status).toBe(503);
        expect(response.headers.get("retry-after")).toBe("1");
        const text = await response.text();
        expect(JSON.parse(text)).toMatchObject({
          error: { type: "server_error", code: "shared_state_unavailable" },
        });
        expect(text).toContain(`127.0.0.1:${port}`);
        expect(text).not.toContain("hunter2");
      }
      expect(ready.status).toBe(503);
      const report = await ready.text();
      expect(JSON.parse(report)).toMatchObject({
        ready: false,
        endpoints: [{ reachable: true }],
        redis: [
          { location: `127.0.0.1:${port}`, reachable: false },
          { location: `127.0.0.1:${port}`, reachable: false },
        ],
      });
      expect(report).not.toContain("hunter2");
    } finally {
      await server.close();
    }
  });

  it("drops a client that never finishes its headers", async () => {
    const server = await start({ headersTimeoutMs: 200, bodyTimeoutMs: 400 });
    try {
      const { port } = new URL(server.url);
      const socket = connect(Number(port), "127.0.0.1");
      socket.write("POST /v1/embeddings HTTP/1.1\r\nHost: x\r\n");
      const answer = await new Promise<string>((resolve) => {
        let text = "";
        socket.on("data", (chunk) => (text += chunk));
        socket.on("close", () => resolve(text));
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await server.close();
    }
  });
});
