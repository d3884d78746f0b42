import { BedrockEmbeddings } from "@langchain/aws";
import type { Contender, ContenderSession, ContenderTarget } from "./contender.js";

/**
 * `@langchain/aws` BedrockEmbeddings with its defaults: `embedDocuments` sends one InvokeModel per
 * text, all at once (AsyncCaller: unbounded concurrency, 6 retries with exponential backoff) over
 * the SDK's own 3 attempts. Its request body is `{ inputText }` for every model except Nova, so it
 * cannot embed with Cohere.
 */
export const langchain: Contender = {
  async open(target: ContenderTarget): Promise<ContenderSession> {
    const embeddings = new BedrockEmbeddings({
      model: target.model,
      region: target.region,
      credentials: target.credentials,
      clientOptions: { endpoint: target.url },
    });
    return {
      async embed(texts) {
        return { vectors: await embeddings.embedDocuments([...texts]) };
      },
    };
  },
};
