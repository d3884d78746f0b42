import { createServer, type Server, type Socket } from "node:net";
import { InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { BedrockEmbedder, createBedrockClient } from "@bedrock-embeddings/bedrock";
import { BatchEmbeddingError, BedrockApiError } from "@bedrock-embeddings/core";
import { EMULATOR_DEFAULT_CREDENTIALS, startEmulator } from "@bedrock-embeddings/emulator";
import { afterEach, describe, expect, it } from "vitest";

const credentials = { ...EMULATOR_DEFAULT_CREDENTIALS };
const model = "amazon.titan-embed-text-v2:0";
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A TCP server that accepts every connection and never sends a byte. */
async function silentServer(): Promise<{ port: number }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  await listen(server);
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return { port: portOf(server) };
}

/** A loopback port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await listen(server);
  const port = portOf(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
}

function portOf(server: Server): number {
  return (server.address() as { port: number }).port;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

/** The Bedrock embedder pointed at a local port, with the test credentials and `options` on top. */
function embedderAt(port: number, options: Partial<ConstructorParameters<typeof BedrockEmbedder>[0]> = {}) {
  return new BedrockEmbedder({
    model,
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${port}`,
    credentials,
    ...options,
  });
}

const texts = (count: number) => Array.from({ length: count }, (_, index) => `text number ${index}`);

describe("an endpoint that accepts connections and never answers", () => {
  it("fails a run on its own at the stall deadline, even with the default attempt timeout", async () => {
    const { port } = await silentServer();
    const embedder = embedderAt(port, {
      stallTimeoutMs: 500,
    });
    const started = performance.now();
    const error = await caught(embedder.embed("hello"));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(BedrockApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ awsErrorName: "TimeoutError", failedIndexes: [0] });
    expect((error as BedrockApiError).message).toContain(`No answer from 127.0.0.1:${port}`);
    expect((error as BedrockApiError).fix).toMatch(/raise request_timeout_ms and stall_timeout_ms/);
  });

  it("ends a whole batch at the deadline instead of timing out every call in turn", async () => {
    const { port } = await silentServer();
    const embedder = embedderAt(port, {
      requestTimeoutMs: 200,
    });
    const started = performance.now();
    // 100 one-text calls, 4 at a time, 4 timed-out attempts each: minutes without a run deadline.
    const { failures } = await embedder.embedBatchDetailed(texts(100), "add", { settle: true });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(failures).toHaveLength(100);
    const [first] = failures;
    expect(first!.error).toMatchObject({ awsErrorName: "TimeoutError" });
    expect(first!.error.message).toMatch(/in 600 ms \(each attempt gives up after 200 ms/);
    expect(new Set(failures.map((failure) => failure.error.message)).size).toBe(1);
  });

  it("cannot hang the SDK client itself: its transport gives up on a silent stream", async () => {
    const { port } = await silentServer();
    const client = createBedrockClient(
      { region: "us-east-1", endpoint: `http://127.0.0.1:${port}`, credentials },
      {},
      300,
    );
    cleanups.push(async () => client.destroy());
    const started = performance.now();
    const error = await caught(
      client.send(new InvokeModelCommand({ modelId: model, body: new TextEncoder().encode("{}") })),
    );
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(error).toMatchObject({ name: "TimeoutError" });
  });
});

describe("an endpoint that refuses connections", () => {
  it("stops the run after a few refused attempts with one error naming host:port", async () => {
    const port = await closedPort();
    const embedder = embedderAt(port);
    const started = performance.now();
    const error = await caught(embedder.embedBatch(texts(500)));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(BedrockApiError.isInstance(error)).toBe(true);
    const apiError = error as BedrockApiError;
    expect(apiError.awsErrorName).toBe("ECONNREFUSED");
    expect(apiError.failedIndexes).toHaveLength(500);
    expect(apiError.message).toContain(`Nothing answers at 127.0.0.1:${port}`);
    expect(apiError.fix).toMatch(/endpoint and region.*start it/);
  });

  it("retries a handful of times in all, not every call up to maxAttempts", async () => {
    const port = await closedPort();
    const embedder = embedderAt(port);
    const { failures, usage } = await embedder.embedBatchDetailed(texts(500), "add", { settle: true });
    // Without the breaker: 500 calls x 3 retries.
    expect(usage.retries).toBeLessThanOrEqual(8);
    expect(failures).toHaveLength(500);
    expect(new Set(failures.map((failure) => failure.error.message)).size).toBe(1);
  });

  it("keeps the vectors embedded before the endpoint went down", async () => {
    const emulator = await startEmulator({ port: 0 });
    let closing: Promise<void> | undefined;
    cleanups.push(() => closing ?? emulator.close());
    const embedder = new BedrockEmbedder({
      model,
      region: "us-east-1",
      endpoint: emulator.url,
      credentials,
      maxConcurrency: 1,
    });
    const error = await caught(
      embedder.embedBatchDetailed(texts(200), "add", {
        onProgress: ({ done }) => {
          if (done >= 5) closing ??= emulator.close();
        },
      }),
    );
    expect(BatchEmbeddingError.isInstance(error)).toBe(true);
    const batchError = error as BatchEmbeddingError;
    const embedded = batchError.vectors.filter((vector) => vector !== undefined);
    expect(embedded.length).toBeGreaterThanOrEqual(5);
    expect(embedded.length + batchError.failures.length).toBe(200);
    expect(batchError.message).toMatch(/Nothing answers at 127\.0\.0\.1:\d+ \(ECONNREFUSED/);
    expect(new Set(batchError.failures.map((failure) => failure.error.message)).size).toBe(1);
  });

  it("stops embedInputs the same way", async () => {
    const port = await closedPort();
    const embedder = embedderAt(port);
    const started = performance.now();
    const error = await caught(embedder.embedInputs(texts(50).map((text) => ({ text }))));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(error).toMatchObject({ awsErrorName: "ECONNREFUSED" });
    expect((error as BedrockApiError).failedIndexes).toHaveLength(50);
    expect((error as BedrockApiError).message).toContain(`Nothing answers at 127.0.0.1:${port}`);
  });

  it("keeps the embedInputs results done before the endpoint went down", async () => {
    const emulator = await startEmulator({ port: 0 });
    let answered = 0;
    let closing: Promise<void> | undefined;
    cleanups.push(() => closing ?? emulator.close());
    const embedder = new BedrockEmbedder({
      model,
      region: "us-east-1",
      endpoint: emulator.url,
      credentials,
      maxConcurrency: 1,
      onCall: (event) => {
        if (event.ok && ++answered >= 5) closing ??= emulator.close();
      },
    });
    const error = await caught(embedder.embedInputs(texts(100).map((text) => ({ text }))));
    expect(BatchEmbeddingError.isInstance(error)).toBe(true);
    const batchError = error as BatchEmbeddingError;
    const kept = batchError.results!.filter((result) => result !== undefined);
    expect(kept.length).toBeGreaterThanOrEqual(5);
    expect(kept.length + batchError.failures.length).toBe(100);
    expect(batchError.message).toMatch(/Nothing answers at 127\.0\.0\.1:\d+ \(ECONNREFUSED/);
  });
});
