// An app driven by a config file: the same YAML the CLI reads, validated by one schema.
import { fileURLToPath, pathToFileURL } from "node:url";
import { bedrockProvider } from "@bedrock-embeddings/bedrock";
import { createEmbedder, loadConfig, processEnvironment } from "@bedrock-embeddings/core";
import { bedrockConnection } from "./local-bedrock.js";

export async function main(log: (line: string) => void = console.log): Promise<number[]> {
  const environment = processEnvironment();
  const config = await loadConfig(fileURLToPath(new URL("./aws.yaml", import.meta.url)), { environment });
  const connection = await bedrockConnection(process.env);
  try {
    const embedder = createEmbedder(
      { ...config.embedder, config: { ...config.embedder.config, ...connection.options } },
      { providers: [bedrockProvider], environment },
    );
    const vectors = await embedder.embedBatch(["first document", "second document"], "add");
    const lengths = vectors.map((vector) => vector.length);
    log(`${embedder.modelId}: ${vectors.length} vectors of ${lengths[0]} dimensions`);
    return lengths;
  } finally {
    await connection.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
