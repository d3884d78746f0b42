import { createConnection, createServer, type Server, type Socket } from "node:net";
import type { RunningEmulator } from "@bedrock-embeddings/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorFixture, startEmulatorFixture } from "./support/emulator-fixture.js";

/** A TCP relay in front of the emulator that counts the connections clients open. */
async function countingRelay(
  target: URL,
): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  let connections = 0;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    connections++;
    open.add(client);
    client.on("close", () => open.delete(client));
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    client.pipe(upstream).pipe(client);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the relay has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        // Idle pooled sessions stay open until their timeout; the relay ends them.
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe("connections to Bedrock Runtime", () => {
  let fixture: EmulatorFixture;
  let emulator: RunningEmulator;

  beforeAll(async () => {
    fixture = await startEmulatorFixture();
    emulator = fixture.emulator;
  });
  afterAll(async () => {
    await emulator.close();
  });

  it("are reused across calls instead of one handshake per call", async () => {
    const relay = await countingRelay(new URL(emulator.url));
    try {
      // Titan v2 takes one text per call: 60 texts are 60 calls.
      const embedder = fixture.embedder({ model: "amazon.titan-embed-text-v2:0", endpoint: relay.url });
      const texts = Array.from({ length: 60 }, (_unused, index) => `connection reuse text ${index}`);
      const vectors = await embedder.embedBatch(texts);
      expect(vectors).toHaveLength(60);
      await embedder.embedBatch(texts.map((text) => `${text} again`));
      // Sessions are pooled a few streams each: far fewer connections than the 120 calls.
      expect(relay.connections()).toBeGreaterThan(0);
      expect(relay.connections()).toBeLessThanOrEqual(30);
    } finally {
      await relay.close();
    }
  });
});
