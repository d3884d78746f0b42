// Our Bedrock embedder inside a LangChain vector store: documents are embedded as
// `search_document`, the query as `search_query` (Cohere's asymmetric modes).
import { pathToFileURL } from "node:url";
import { BedrockEmbedder } from "@bedrock-embeddings/bedrock";
import { LangChainEmbeddings } from "@bedrock-embeddings/langchain";
import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { bedrockConnection } from "./local-bedrock.js";

export async function main(log: (line: string) => void = console.log): Promise<string[]> {
  const connection = await bedrockConnection(process.env);
  try {
    const embeddings = new LangChainEmbeddings(
      new BedrockEmbedder({ model: "cohere.embed-english-v3", ...connection.options }),
    );
    const store = await MemoryVectorStore.fromTexts(
      [
        "Lisbon is the capital of Portugal",
        "Espresso is brewed under pressure",
        "A marathon is about 42 kilometres long",
      ],
      [{ topic: "travel" }, { topic: "coffee" }, { topic: "running" }],
      embeddings,
    );
    const hits = await store.similaritySearchWithScore("how long is a marathon?", 2);
    const lines = hits.map(([document, score]) => `${score.toFixed(3)} ${document.pageContent}`);
    for (const line of lines) log(line);
    return lines;
  } finally {
    await connection.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
