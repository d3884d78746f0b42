// The direct embedder: documents embedded as search_document, queries as search_query, with usage.
import { pathToFileURL } from "node:url";
import { BedrockEmbedder } from "@bedrock-embeddings/bedrock";
import { bedrockConnection } from "./local-bedrock.js";

export async function main(log: (line: string) => void = console.log): Promise<string[]> {
  const connection = await bedrockConnection(process.env);
  try {
    const embedder = new BedrockEmbedder({ model: "cohere.embed-english-v3", ...connection.options });
    const texts = ["Lisbon is the capital of Portugal", "Espresso is brewed under pressure"];
    const documentVectors = await embedder.embedBatch(texts, "add");
    const queryVector = await embedder.embed("what is the capital of Portugal?", "search");
    const { usage } = await embedder.embedBatchDetailed(texts);
    const lines = [
      `dimension ${embedder.dimension}`,
      `${documentVectors.length} document vectors of ${documentVectors[0]?.length}`,
      `query vector of ${queryVector.length}`,
      `calls ${usage.calls}, input tokens ${usage.inputTokens}`,
    ];
    for (const line of lines) log(line);
    return lines;
  } finally {
    await connection.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
