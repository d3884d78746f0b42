import { AWSBedrockEmbedder } from "mem0ai/oss";
import type { Contender, ContenderSession, ContenderTarget } from "./contender.js";

/**
 * mem0's TypeScript `AWSBedrockEmbedder` (package mem0ai, `mem0ai/oss`) with its defaults: Titan
 * texts four calls at a time, Cohere in sequential calls of 96, SDK retries only. It has no
 * endpoint option, so the worker's environment points the SDK at the emulator through
 * `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`.
 */
export const mem0: Contender = {
  async open(target: ContenderTarget): Promise<ContenderSession> {
    const embedder = new AWSBedrockEmbedder({ model: target.model });
    return {
      async embed(texts) {
        return { vectors: await embedder.embedBatch([...texts]) };
      },
    };
  },
};
