import { describe, expect, it } from "vitest";
import { main as configFileApp } from "../examples/config-file-app.js";
import { main as langchainVectorStore } from "../examples/langchain-vector-store.js";
import { main as memoryExample } from "../examples/memory.js";

// The examples start their own emulator unless USE_AWS=1, so they run here as a user would run them.
describe("examples", () => {
  const quiet = () => {};

  it("langchain-vector-store ranks the marathon document first", async () => {
    const lines = await langchainVectorStore(quiet);
    expect(lines[0]).toMatch(/marathon/);
  });

  it("memory returns only alice's memory", async () => {
    const lines = await memoryExample(quiet);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => !line.includes("steak"))).toBe(true);
  });

  it("config-file-app builds the embedder from aws.yaml", async () => {
    expect(await configFileApp(quiet)).toEqual([512, 512]);
  });
});
