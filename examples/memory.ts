// A mem0-style memory on Bedrock embeddings: scoped per user, persisted to a folder.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BedrockEmbedder } from "@bedrock-embeddings/bedrock";
import { Memory } from "@bedrock-embeddings/memory";
import { bedrockConnection } from "./local-bedrock.js";

export async function main(log: (line: string) => void = console.log): Promise<string[]> {
  const connection = await bedrockConnection(process.env);
  try {
    const embedder = new BedrockEmbedder({
      model: "amazon.titan-embed-text-v2:0",
      dimensions: 512,
      ...connection.options,
    });
    const memory = new Memory({ embedder, dataDirectory: await mkdtemp(join(tmpdir(), "memory-example-")) });
    await memory.add("Alice is vegetarian and allergic to nuts", { userId: "alice" });
    await memory.add("Bob loves steak and is allergic to nothing", { userId: "bob" });
    const found = await memory.search("is alice allergic to anything?", {
      filters: { user_id: "alice" },
      topK: 3,
    });
    const lines = found.results.map((item) => `${(item.score ?? 0).toFixed(3)} ${item.memory}`);
    for (const line of lines) log(line);
    return lines;
  } finally {
    await connection.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
