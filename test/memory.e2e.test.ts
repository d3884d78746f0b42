import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Memory } from "@bedrock-embeddings/memory";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorFixture, startEmulatorFixture } from "./support/emulator-fixture.js";

let fixture: EmulatorFixture;
let dataDirectory: string;
beforeAll(async () => {
  fixture = await startEmulatorFixture();
  dataDirectory = await mkdtemp(join(tmpdir(), "memory-e2e-"));
});
afterAll(async () => {
  await fixture.emulator.close();
  await rm(dataDirectory, { recursive: true, force: true });
});

describe("memory on Bedrock embeddings over the emulator", () => {
  it("keeps users apart and survives a restart", async () => {
    const embedder = () => fixture.embedder({ model: "amazon.titan-embed-text-v2:0", dimensions: 512 });
    const memory = new Memory({ embedder: embedder(), dataDirectory });
    await memory.add("Alice drinks green tea every morning", { userId: "alice" });
    await memory.add("Alice lives in Lisbon", { userId: "alice" });
    await memory.add(
      [
        { role: "user", content: "Bob drinks green tea with honey every morning too" },
        { role: "user", content: "Bob plays tennis" },
      ],
      { userId: "bob" },
    );

    const forAlice = await memory.search("green tea every morning", { filters: { user_id: "alice" } });
    expect(forAlice.results.length).toBeGreaterThan(0);
    expect(forAlice.results[0]?.memory).toBe("Alice drinks green tea every morning");
    expect(forAlice.results.every((item) => item.memory.startsWith("Alice"))).toBe(true);

    const reopened = new Memory({ embedder: embedder(), dataDirectory });
    const all = await reopened.getAll({ filters: { user_id: "bob" } });
    expect(all.results.map((item) => item.memory).sort()).toEqual([
      "Bob drinks green tea with honey every morning too",
      "Bob plays tennis",
    ]);
    const forBob = await reopened.search("Lisbon", { filters: { user_id: "bob" } });
    expect(forBob.results.some((item) => item.memory.includes("Lisbon"))).toBe(false);
  });
});
