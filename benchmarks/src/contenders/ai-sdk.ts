import { createAmazonBedrock } from "@ai-sdk/amazon-bedrock";
import { embedMany } from "ai";
import type { Contender, ContenderSession, ContenderTarget } from "./contender.js";

/**
 * The Vercel AI SDK: `embedMany` with `@ai-sdk/amazon-bedrock` and defaults (one text per call for
 * Titan, 96 for Cohere; every call in parallel; 2 retries). `baseURL` is the emulator, so requests
 * go to `${url}/model/{id}/invoke`, signed with SigV4 by aws4fetch.
 */
export const aiSdk: Contender = {
  async open(target: ContenderTarget): Promise<ContenderSession> {
    const bedrock = createAmazonBedrock({
      baseURL: target.url,
      region: target.region,
      accessKeyId: target.credentials.accessKeyId,
      secretAccessKey: target.credentials.secretAccessKey,
    });
    const model = bedrock.embedding(target.model);
    return {
      async embed(texts) {
        const { embeddings } = await embedMany({ model, values: [...texts] });
        return { vectors: embeddings };
      },
    };
  },
};
