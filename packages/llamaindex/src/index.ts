export { LlamaIndexEmbedding, type LlamaIndexEmbeddingOptions } from "./llamaindex-embedding.js";
