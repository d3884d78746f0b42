import { BedrockRuntimeClient, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import type { Contender, ContenderSession, ContenderTarget } from "./contender.js";

const COHERE_TEXTS_PER_CALL = 96;

/**
 * The floor: a plain sequential loop of InvokeModel with the SDK's defaults (its standard retry
 * mode, 3 attempts). One text per call for Titan, 96 per call for Cohere. A call that still fails
 * loses its texts and the loop goes on, so the figure is what the SDK alone delivers.
 */
export const rawSdk: Contender = {
  async open(target: ContenderTarget): Promise<ContenderSession> {
    const client = new BedrockRuntimeClient({
      region: target.region,
      endpoint: target.url,
      credentials: target.credentials,
    });
    const cohere = target.model.startsWith("cohere.");
    const perCall = cohere ? COHERE_TEXTS_PER_CALL : 1;
    return {
      async embed(texts) {
        const vectors: (number[] | undefined)[] = new Array(texts.length).fill(undefined);
        let firstError: unknown;
        for (let start = 0; start < texts.length; start += perCall) {
          const slice = texts.slice(start, start + perCall);
          const body = cohere ? { texts: slice, input_type: "search_document" } : { inputText: slice[0] };
          try {
            const response = await client.send(
              new InvokeModelCommand({
                modelId: target.model,
                contentType: "application/json",
                accept: "application/json",
                body: JSON.stringify(body),
              }),
            );
            const parsed = JSON.parse(new TextDecoder().decode(response.body)) as {
              embedding?: number[];
              embeddings?: number[][];
            };
            const got = cohere ? (parsed.embeddings ?? []) : [parsed.embedding];
            got.forEach((vector, offset) => {
              vectors[start + offset] = vector;
            });
          } catch (error) {
            firstError ??= error;
          }
        }
        return { vectors, error: firstError };
      },
    };
  },
};
