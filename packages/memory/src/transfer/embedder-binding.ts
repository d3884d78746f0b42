import type { EmbeddingBase } from "@bedrock-embeddings/core";
import type { VectorStoreBinding } from "../vector-store.js";

/**
 * The binding a store needs for an embedder's vectors (probing the model once when its dimension
 * is not known from configuration).
 *
 * @example
 * await store.initialize(await embedderBinding(embedder));
 */
export async function embedderBinding(embedder: EmbeddingBase): Promise<VectorStoreBinding> {
  const dimension = embedder.dimension ?? (await embedder.detectDimension());
  return { dimension, modelId: embedder.modelId };
}
