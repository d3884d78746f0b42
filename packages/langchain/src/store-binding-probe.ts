import { ConfigurationError } from "@bedrock-embeddings/core";
import { assertSameBinding, type VectorStoreBinding } from "@bedrock-embeddings/memory";
import type { DocumentInterface } from "@langchain/core/documents";
import type { VectorStoreInterface } from "@langchain/core/vectorstores";
import { readDocument } from "./langchain-document-codec.js";

/**
 * Checks a LangChain store before the adapter binds to it, and tells whether it is empty.
 * LangChain stores keep no settings, so the adapter writes its binding into every document's
 * metadata; this reads the document nearest to a probe vector and refuses another model or
 * dimension, and documents the adapter did not write (other data must not mix with memories).
 *
 * @example
 * const empty = await probeStoreBinding(store, { dimension: 1024, modelId }, "The LangChain store (memory)");
 */
export async function probeStoreBinding(
  store: VectorStoreInterface,
  binding: VectorStoreBinding,
  storeName: string,
): Promise<boolean> {
  const probe = Array.from({ length: binding.dimension }, (_, position) => (position === 0 ? 1 : 0));
  let nearest: [DocumentInterface, number][];
  try {
    nearest = await store.similaritySearchVectorWithScore(probe, 1);
  } catch (error) {
    throw new ConfigurationError(
      `${storeName} could not be searched with a ${binding.dimension}-dimensional vector.`,
      {
        cause: error,
        fix: "Check that the store is reachable and holds vectors of the embedder's dimension.",
      },
    );
  }
  const first = nearest[0];
  if (!first) return true;
  const found = readDocument(first[0]);
  if (!found.binding) {
    throw new ConfigurationError(`${storeName} holds documents this adapter did not write.`, {
      fix: "Give memories their own collection or index, so vectors of other data never mix with them.",
    });
  }
  assertSameBinding(found.binding, binding, { description: storeName });
  return false;
}
